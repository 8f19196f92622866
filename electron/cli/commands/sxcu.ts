import { access, readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { ShotputError, toUserError } from '../../core/errors.js';
import { exportUploader } from '../../core/uploaders/sxcu/export.js';
import { CUSTOM_PREFIX } from '../../core/uploaders/registry.js';
import { describeQuestion, resolveAnswers } from '../../core/uploaders/sxcu/questions.js';
import { describeDestinations } from '../../core/uploaders/sxcu/spec.js';
import { CustomUploaderErrorCode, type CustomUploaderStore, type StoredCustomUploader } from '../../core/uploaders/sxcu/store.js';
import { option, UsageError } from '../args.js';
import type { CliCommand, CliContext } from '../context.js';

/** The flag `shotput upload` takes answers to a custom uploader's questions with. */
export const ANSWER_FLAG = 'answer';

/**
 * `--answer Album=Cats --answer domain=b.example` → `{Album: 'Cats', domain: 'b.example'}`, for
 * UploadOptions.answers. A question id may itself contain `=`: known ids are matched first.
 */
export function answersFromFlags(values: readonly string[], knownIds: readonly string[] = []): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const value of values) {
    const id = knownIds.find((k) => value.toLowerCase().startsWith(`${k.toLowerCase()}=`));
    const eq = id !== undefined ? id.length : value.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${ANSWER_FLAG} takes question=answer, for example --${ANSWER_FLAG} "Album=Holiday 2024"; got "${value}".`);
    answers[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return answers;
}

/**
 * The answers `shotput upload` passes to a custom uploader, from its `--answer` flags. Refuses,
 * before anything is queued, a question left unanswered or a choice that is not offered.
 */
export async function answersForUpload(store: CustomUploaderStore, uploaderId: string, values: readonly string[]): Promise<Record<string, string> | undefined> {
  const stored = uploaderId.startsWith(CUSTOM_PREFIX) ? store.find(uploaderId) : undefined;
  const questions = stored ? await store.questions(stored) : [];
  if (questions.length === 0) {
    if (values.length > 0) throw new UsageError(`${uploaderId} asks no questions; --${ANSWER_FLAG} is for custom uploaders whose file uses {select:…} or {inputbox:…}.`);
    return undefined;
  }
  const answers = answersFromFlags(values, questions.map((q) => q.id));
  const given = new Set(Object.keys(answers).map((k) => k.toLowerCase()));
  const missing = questions.filter((q) => !given.has(q.id.toLowerCase()));
  if (missing.length > 0) {
    throw new UsageError(
      `${stored!.id} asks before it uploads: ${missing.map(describeQuestion).join('; ')}. Answer with --${ANSWER_FLAG}, for example --${ANSWER_FLAG} "${missing[0]!.id}=…".`,
    );
  }
  try {
    resolveAnswers(stored!.id, questions, answers);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return answers;
}

async function summary(store: CustomUploaderStore, uploader: StoredCustomUploader) {
  return {
    id: uploader.id,
    name: uploader.label,
    destinations: uploader.spec.destinations,
    secrets: uploader.secrets.map((s) => s.key),
    questions: await store.questions(uploader),
    importedAt: uploader.importedAt,
    ...(uploader.source.migratedFrom ? { migratedFrom: uploader.source.migratedFrom } : {}),
  };
}

async function readInput(ctx: CliContext, file: string): Promise<string> {
  try {
    return await readFile(resolve(ctx.io.cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new ShotputError('file_unreadable', `Cannot read ${file}: ${why}.`);
  }
}

export const importSxcuCommand: CliCommand = {
  name: 'import-sxcu',
  usage: 'import-sxcu <file.sxcu> [--name NAME] [--replace] [--json]',
  summary: 'import a ShareX custom uploader; it then uploads as custom:<name>. Keys in it are kept as secrets.',
  async run(ctx) {
    const [file, ...rest] = ctx.args.positionals;
    if (file === undefined || rest.length > 0) throw new UsageError(`Usage: shotput ${importSxcuCommand.usage}`);
    const json = ctx.args.flags.has('json');
    try {
      const text = await readInput(ctx, file);
      const core = await ctx.core();
      const report = await core.customUploaders.import(text, { fileName: basename(file), name: option(ctx.args, 'name'), replace: ctx.args.flags.has('replace') });
      const { uploader } = report;
      if (json) {
        ctx.io.stdout(`${JSON.stringify({ ok: true, ...(await summary(core.customUploaders, uploader)), replaced: report.replaced, warnings: report.warnings })}\n`);
        return 0;
      }
      for (const warning of report.warnings) ctx.io.stderr(`warning: ${warning}\n`);
      const converted = uploader.source.migratedFrom ? `, converted from the old $…$ syntax of ShareX ${uploader.source.migratedFrom}` : '';
      ctx.io.stdout(`${report.replaced ? 'Replaced' : 'Imported'} "${uploader.label}" as ${uploader.id}: ${describeDestinations(uploader.spec.destinations)}${converted}.\n`);
      if (uploader.secrets.length > 0) {
        ctx.io.stdout(`Kept as secrets, not in settings.json (${core.vault.protection}): ${uploader.secrets.map((s) => s.key).join(', ')}\n`);
      }
      const questions = await core.customUploaders.questions(uploader);
      if (questions.length > 0) {
        ctx.io.stdout(`It asks before each upload: ${questions.map(describeQuestion).join('; ')}. Answer with --${ANSWER_FLAG} <question>=<answer>.\n`);
      }
      ctx.io.stdout(`Upload with: shotput upload --uploader ${uploader.id} <file>\n`);
      return 0;
    } catch (err) {
      const error = toUserError(err);
      if (error.code === CustomUploaderErrorCode.exists) error.message += ' Add --replace to overwrite it, or --name to import it under another name.';
      if (json) {
        ctx.io.stdout(`${JSON.stringify({ ok: false, error })}\n`);
        return 1;
      }
      throw new ShotputError(error.code, `${error.message} Nothing was imported.`);
    }
  },
};

export const exportSxcuCommand: CliCommand = {
  name: 'export-sxcu',
  usage: 'export-sxcu <uploader-id> [--out FILE] [--include-secrets]',
  summary: 'write an uploader (built-in or imported) as a .sxcu file ShareX can import; keys are left out unless asked for.',
  async run(ctx) {
    const [id, ...rest] = ctx.args.positionals;
    if (id === undefined || rest.length > 0) throw new UsageError(`Usage: shotput ${exportSxcuCommand.usage}`);
    const core = await ctx.core();
    const includeSecrets = ctx.args.flags.has('include-secrets');
    const exported = await exportUploader(core, id, { includeSecrets });
    const out = option(ctx.args, 'out');
    if (out === undefined) {
      ctx.io.stdout(exported.text);
    } else {
      const path = resolve(ctx.io.cwd, out);
      const exists = await access(path).then(
        () => true,
        () => false,
      );
      if (exists) throw new ShotputError('file_exists', `${out} already exists; choose another --out, or move it aside first.`);
      await writeFile(path, exported.text, { mode: includeSecrets ? 0o600 : 0o644 });
      ctx.io.stderr(`Wrote ${out}.\n`);
    }
    if (exported.placeholders.length > 0) {
      const why = includeSecrets ? 'not set' : 'left out; add --include-secrets to write them';
      ctx.io.stderr(`Placeholders stand for ${exported.placeholders.join(', ')} (${why}).\n`);
    }
    return 0;
  },
};

export const customUploadersCommand: CliCommand = {
  name: 'custom-uploaders',
  usage: 'custom-uploaders [list] [--json] | custom-uploaders remove <id>',
  summary: 'list the imported .sxcu uploaders with their questions, or remove one and its secrets.',
  async run(ctx) {
    const [action = 'list', id, ...rest] = ctx.args.positionals;
    const core = await ctx.core();
    if (action === 'list' && id === undefined) {
      const all = core.customUploaders.list();
      if (ctx.args.flags.has('json')) {
        ctx.io.stdout(`${JSON.stringify(await Promise.all(all.map((u) => summary(core.customUploaders, u))))}\n`);
        return 0;
      }
      if (all.length === 0) ctx.io.stdout('No custom uploaders yet. Import one with: shotput import-sxcu <file.sxcu>\n');
      for (const uploader of all) {
        const questions = await core.customUploaders.questions(uploader);
        const asks = questions.length > 0 ? `; asks ${questions.map((q) => `"${q.id}"`).join(', ')}` : '';
        ctx.io.stdout(`${uploader.id}  ${uploader.label} (${describeDestinations(uploader.spec.destinations)}${asks})\n`);
      }
      return 0;
    }
    if (action === 'remove' && id !== undefined && rest.length === 0) {
      const removed = await core.customUploaders.remove(id);
      ctx.io.stdout(`Removed ${removed.id} ("${removed.label}")${removed.secrets.length > 0 ? ' and its secrets' : ''}.\n`);
      return 0;
    }
    throw new UsageError(`Usage: shotput ${customUploadersCommand.usage}`);
  },
};
