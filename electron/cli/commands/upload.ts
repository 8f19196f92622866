import { isAbsolute, resolve } from 'node:path';
import type { HistoryRecord, LinkFormat, QueueJob, UserError } from '../../../shared/uploads.js';
import { formatLink } from '../../../shared/uploads.js';
import { toUserError } from '../../core/errors.js';
import { isLinkFormat } from '../../core/uploads/service.js';
import type { UploadOptions } from '../../core/uploaders/types.js';
import { option, UsageError } from '../args.js';
import type { CliCommand, CliContext } from '../context.js';
import { ProgressPrinter } from '../progress.js';
import { ANSWER_FLAG, answersForUpload } from './sxcu.js';

/** A CLI run waits this long for a retry; a longer wait (a rate limit) leaves the job queued. */
const MAX_WAIT_MS = 90_000;

interface Outcome {
  input: string;
  job?: QueueJob;
  record?: HistoryRecord;
  error?: UserError;
}

function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

export const uploadCommand: CliCommand = {
  name: 'upload',
  usage: 'upload <file|url>... [--uploader ID] [--album ID] [--answer QUESTION=ANSWER]... [--link url|markdown|html|bbcode] [--json]',
  summary:
    'upload files or URLs through the queue (retries, resume after a crash) and print each link; --json prints one JSON object per input. Progress goes to stderr.',
  async run(ctx) {
    const inputs = ctx.args.positionals;
    if (inputs.length === 0) throw new UsageError(`Nothing to upload. Usage: shotput ${uploadCommand.usage}`);
    return uploadAndPrint(ctx, inputs);
  },
};

/**
 * Uploads files or URLs through the queue and prints each link (or JSON object) as
 * `shotput upload` does, honouring --uploader, --album, --answer, --link and --json.
 * `shotput capture --upload` prints its link through this too.
 */
export async function uploadAndPrint(ctx: CliContext, inputs: readonly string[]): Promise<number> {
    const linkOption = option(ctx.args, 'link');
    if (linkOption !== undefined && !isLinkFormat(linkOption)) throw new UsageError(`--link must be url, markdown, html or bbcode; got "${linkOption}".`);
    const json = ctx.args.flags.has('json');
    const core = await ctx.core();
    const { uploads, history } = core;
    const queue = uploads.queue;
    const uploaderId = uploads.uploaderIdOrDefault(option(ctx.args, 'uploader'));
    const options: UploadOptions = {};
    const album = option(ctx.args, 'album');
    if (album) options.albumId = album;
    const answers = await answersForUpload(core.customUploaders, uploaderId, ctx.args.options.get(ANSWER_FLAG) ?? []);
    if (answers) options.answers = answers;

    const progress = new ProgressPrinter(ctx.io.stderr, ctx.io.stderrIsTTY === true);
    const names = new Map<string, string>();
    queue.onProgress((id, sent, total) => progress.update(names.get(id) ?? id, sent, total));
    queue.start();

    const outcomes: Outcome[] = [];
    for (const input of inputs) {
      try {
        let job: QueueJob;
        if (isUrl(input)) {
          job = await uploads.addUrl(input, uploaderId, options);
        } else {
          const path = isAbsolute(input) ? input : resolve(ctx.io.cwd, input);
          const earlier = await queue.findEarlierJob(path, uploaderId);
          if (earlier) {
            progress.line(`${input}: resuming the upload an earlier run left unfinished.`);
            await queue.resumeInterrupted((j) => j.id === earlier.id);
            job = queue.get(earlier.id)!;
            if (job.state === 'failed') job = await queue.retry(earlier.id);
          } else {
            job = await queue.add({ kind: 'file', path }, uploaderId, options);
          }
        }
        names.set(job.id, job.fileName);
        outcomes.push({ input, job });
      } catch (err) {
        outcomes.push({ input, error: toUserError(err) });
      }
    }

    await Promise.all(
      outcomes.map(async (outcome) => {
        if (!outcome.job) return;
        const settled = await queue.waitFor(outcome.job.id, MAX_WAIT_MS);
        const job = settled.job;
        if (job.state === 'done' && job.historyId) outcome.record = history.get(job.historyId);
        else if (!settled.final) {
          const when = new Date(settled.retryAt).toLocaleTimeString();
          outcome.error = {
            code: job.error?.code ?? 'waiting',
            message: `${job.error?.message ?? 'The upload has to wait.'} It stays queued and will be tried again at ${when} by the Shotput app, or run \`shotput queue resume\` then.`,
          };
        } else outcome.error = job.error ?? { code: 'failed', message: 'The upload failed.' };
      }),
    );
    await queue.stop();

    const format: LinkFormat = linkOption ?? 'url';
    for (const outcome of outcomes) {
      const { record, error } = outcome;
      if (json) ctx.io.stdout(`${JSON.stringify(toJson(outcome, uploaderId))}\n`);
      else if (record) ctx.io.stdout(`${formatLink(record, format)}\n`);
      if (error) progress.line(`shotput upload: ${outcome.input}: ${error.message}`);
      else if (record?.awaitingModeration) progress.line(`${outcome.input}: uploaded, awaiting moderation: the host shows no public link until it is approved.`);
    }
    return outcomes.every((o) => o.record) ? 0 : 1;
}

function toJson(outcome: Outcome, uploader: string) {
  const r = outcome.record;
  return {
    ok: Boolean(r),
    input: outcome.input,
    uploader: r?.uploaderId ?? outcome.job?.uploaderId ?? uploader,
    url: r?.url ?? null,
    viewerUrl: r?.viewerUrl ?? null,
    thumbnailUrl: r?.thumbnailUrl ?? null,
    deleteUrl: r?.deleteUrl ?? null,
    width: r?.width ?? null,
    height: r?.height ?? null,
    bytes: r?.bytes ?? null,
    historyId: r?.id ?? null,
    error: outcome.error ?? null,
  };
}
