import { UsageError } from '../args.js';
import type { CliCommand, CliContext } from '../context.js';

const SECRET_NOTICE = 'cliSecretNoticeShown';

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

async function listAll(ctx: CliContext): Promise<number> {
  const { settings } = await ctx.core();
  const snapshot = await settings.snapshot();
  for (const section of settings.describe()) {
    ctx.io.stdout(`# ${section.title}\n`);
    for (const field of section.fields) {
      const value =
        field.kind === 'secret' ? (snapshot.secrets[field.key] ? '(secret, set)' : '(secret, not set)') : show(snapshot.values[field.key]);
      ctx.io.stdout(`${field.key} = ${value}\n`);
    }
  }
  return 0;
}

async function get(ctx: CliContext, key: string): Promise<number> {
  const { settings } = await ctx.core();
  const field = settings.field(key);
  if (field.kind === 'secret') {
    // Secret values are never printed; scripts can still test whether one is set.
    ctx.io.stdout(`${(await settings.isSecretSet(key)) ? '(secret, set)' : '(secret, not set)'}\n`);
    return 0;
  }
  ctx.io.stdout(`${show(settings.get(key))}\n`);
  return 0;
}

async function set(ctx: CliContext, key: string, value: string): Promise<number> {
  const core = await ctx.core();
  const field = core.settings.field(key);
  await core.settings.setFromText(key, value);
  if (field.kind === 'secret') {
    ctx.io.stdout(`${key} saved.\n`);
    if (!core.settings.metaFlag(SECRET_NOTICE)) {
      ctx.io.stderr(`Note: secrets set here are ${core.vault.protection}: ${core.vault.location}. This note is shown once.\n`);
      core.settings.setMetaFlag(SECRET_NOTICE);
    }
  } else {
    ctx.io.stdout(`${key} = ${show(core.settings.get(key))}\n`);
  }
  return 0;
}

export const configCommand: CliCommand = {
  name: 'config',
  usage: 'config get [key] | config set <key> <value> | config reset <key>',
  summary: 'read or change a setting; `config get` alone lists them all. Secrets are never printed.',
  async run(ctx) {
    const [action, key, value, ...rest] = ctx.args.positionals;
    if (rest.length > 0) throw new UsageError(`Too many arguments for config ${action}. Quote a value that has spaces.`);
    switch (action) {
      case 'get':
        return key === undefined ? listAll(ctx) : get(ctx, key);
      case 'set':
        if (key === undefined || value === undefined) throw new UsageError('Usage: shotput config set <key> <value>');
        return set(ctx, key, value);
      case 'reset': {
        if (key === undefined) throw new UsageError('Usage: shotput config reset <key>');
        const { settings } = await ctx.core();
        await settings.reset(key);
        ctx.io.stdout(`${key} reset to its default.\n`);
        return 0;
      }
      default:
        throw new UsageError(`config needs get, set or reset. ${configCommand.usage}`);
    }
  },
};
