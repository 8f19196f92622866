import type { Core } from '../core/app.js';
import { ShotputError, toUserError } from '../core/errors.js';
import { resolveProfileDir } from '../core/profile.js';
import { SHOTPUT_VERSION } from '../core/version.js';
import { parseArgs, UsageError, type ParsedArgs } from './args.js';
import type { CliCommand, CliContext, CliIO } from './context.js';
import { loadCommand, loadCommands } from './commands/index.js';

async function helpText(): Promise<string> {
  const lines = (await loadCommands()).flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]);
  return [
    `Shotput ${SHOTPUT_VERSION}: capture, upload, and get a link.`,
    '',
    'Usage: shotput [--set key=value]... <command> [arguments]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  --set key=value   override a setting for this run only (repeatable)',
    '  --json            machine-readable output where a command supports it',
    '  -h, --help        show this help',
    '  -v, --version     print the version',
    '',
    'Environment:',
    '  SHOTPUT_HOME      the profile folder (settings, secrets, history, queue);',
    '                    default: the Shotput app\'s own folder, so both share settings',
    '',
  ].join('\n');
}

function openCoreOnce(args: ParsedArgs, profileDir: string, io: CliIO) {
  let opened: Promise<Core> | undefined;
  const open = () => {
    opened ??= (async () => {
      // Loaded here, not at start: commands that need no core (history) start faster.
      const { openNodeCore } = await import('../core/node-core.js');
      const core = await openNodeCore({
        profileDir,
        host: 'cli',
        deferThumbnails: true,
        logger: { info() {}, warn: (m) => io.stderr(`warning: ${m}\n`), error: (m) => io.stderr(`error: ${m}\n`) },
      });
      for (const { key, value } of args.sets) core.settings.override(key, value);
      return core;
    })();
    return opened;
  };
  const close = async () => (await opened?.catch(() => undefined))?.close();
  return { open, close };
}

const GLOBAL_OPTIONS = ['set', 'help', 'version'];

/** The options a command's usage line names (`--album ID`, `--json`) are the ones it takes. */
function unknownOptions(args: ParsedArgs, command: CliCommand): string[] {
  const allowed = new Set([...GLOBAL_OPTIONS, ...[...command.usage.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]!)]);
  return [...args.options.keys(), ...args.flags].filter((name) => !allowed.has(name));
}

/** Runs one command line and resolves to the process exit status. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.stderr(`shotput: ${(err as Error).message}\n`);
    return 2;
  }
  if (args.flags.has('version')) {
    io.stdout(`${SHOTPUT_VERSION}\n`);
    return 0;
  }
  if (args.flags.has('help') || args.command === undefined || args.command === 'help') {
    io.stdout(await helpText());
    return args.command === undefined && !args.flags.has('help') ? 2 : 0;
  }
  const command: CliCommand | undefined = await loadCommand(args.command);
  if (!command) {
    io.stderr(`shotput: unknown command "${args.command}". Run \`shotput --help\` for the commands.\n`);
    return 2;
  }
  const unknown = unknownOptions(args, command);
  if (unknown.length > 0) {
    const names = unknown.map((n) => `--${n}`).join(', ');
    io.stderr(`shotput ${command.name}: unknown option ${names}.\nUsage: shotput ${command.usage}\n`);
    return 2;
  }
  const profileDir = resolveProfileDir(io.env);
  const core = openCoreOnce(args, profileDir, io);
  const ctx: CliContext = { args, io, profileDir, core: core.open };
  try {
    return await command.run(ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`shotput ${command.name}: ${err.message}\n`);
      return 2;
    }
    const { message } = toUserError(err);
    io.stderr(`shotput ${command.name}: ${message}\n`);
    // A wrong key or value on the command line is a usage error, like a wrong option.
    const usage = err instanceof ShotputError && ['unknown_setting', 'invalid_setting', 'unknown_uploader'].includes(err.code);
    return usage ? 2 : 1;
  } finally {
    await core.close();
  }
}
