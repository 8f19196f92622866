import { isAbsolute, resolve } from 'node:path';
import type { HistoryRecord, LinkFormat, QueueJob, UserError } from '../../../shared/uploads.js';
import { formatLink } from '../../../shared/uploads.js';
import type { Core } from '../../core/app.js';
import { ShotputError, toUserError } from '../../core/errors.js';
import { isLinkFormat } from '../../core/uploads/service.js';
import type { RawPixels } from '../../core/pipeline/source.js';
import type { UploadOptions } from '../../core/uploaders/types.js';
import { expirationFor } from '../../core/uploads/upload-options.js';
import { option, UsageError, type ParsedArgs } from '../args.js';
import type { CliCommand, CliContext } from '../context.js';
import type { UploadQueue } from '../../core/queue/queue.js';
import type { StoredJob } from '../../core/queue/job-store.js';
import { ProgressPrinter } from '../progress.js';
import { ANSWER_FLAG, answersForUpload } from './sxcu.js';

/** A CLI run waits this long for a retry; a longer wait (a rate limit) leaves the job queued. */
const MAX_WAIT_MS = 90_000;

const USAGE =
  'upload <file|url>... [--uploader ID] [--album ID] [--title TEXT] [--description TEXT] [--name FILENAME] [--expiration WHEN] [--nsfw] [--category N] [--answer QUESTION=ANSWER]... [--link url|markdown|html|bbcode] [--json]';

interface Outcome {
  input: string;
  job?: QueueJob;
  /** Asked for as soon as the job is queued: a small file may be uploaded before the next is added. */
  settled?: ReturnType<UploadQueue['waitFor']>;
  record?: HistoryRecord;
  error?: UserError;
}

function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** The per-upload options from the flags, checked against what the chosen host accepts before anything is queued. */
async function uploadOptionsFrom(args: ParsedArgs, core: Core, uploaderId: string): Promise<UploadOptions> {
  const { descriptor } = core.uploaders.get(uploaderId);
  const options: UploadOptions = {};
  const album = option(args, 'album');
  if (album) options.albumId = album;
  const title = option(args, 'title');
  if (title !== undefined) options.title = title;
  const description = option(args, 'description');
  if (description !== undefined) options.description = description;
  if (args.flags.has('nsfw')) options.nsfw = true;
  const expiration = option(args, 'expiration');
  if (expiration !== undefined) {
    try {
      options.expiration = expirationFor(descriptor, expiration);
    } catch (err) {
      throw new UsageError(`--expiration: ${toUserError(err).message}`);
    }
  }
  const category = option(args, 'category');
  if (category !== undefined) {
    if (!/^\d{1,9}$/.test(category.trim())) throw new UsageError(`--category takes a whole number (the site's category id); got "${category}".`);
    options.categoryId = Number(category);
  }
  const answers = await answersForUpload(core.customUploaders, uploaderId, args.options.get(ANSWER_FLAG) ?? []);
  if (answers) options.answers = answers;
  return options;
}

export const uploadCommand: CliCommand = {
  name: 'upload',
  usage: USAGE,
  summary:
    'upload files or URLs through the queue (retries, resume after a crash) and print each link; --json prints one JSON object per input with every link the host returned. --expiration takes the host\'s choices (5m … 1y, never). Progress goes to stderr.',
  async run(ctx) {
    const inputs = ctx.args.positionals;
    if (inputs.length === 0) throw new UsageError(`Nothing to upload. Usage: shotput ${uploadCommand.usage}`);
    return uploadAndPrint(ctx, inputs);
  },
};

/** A file or URL as typed, or a captured bitmap that the queue encodes once. */
export type UploadInput = string | { name: string; pixels: RawPixels };

/**
 * Uploads files or URLs through the queue and prints each link (or JSON object) as
 * `shotput upload` does, honouring --uploader, --album, --answer, --link and --json.
 * `shotput capture --upload` prints its link through this too.
 */
export async function uploadAndPrint(ctx: CliContext, inputs: ReadonlyArray<UploadInput>): Promise<number> {
    const linkOption = option(ctx.args, 'link');
    if (linkOption !== undefined && !isLinkFormat(linkOption)) throw new UsageError(`--link must be url, markdown, html or bbcode; got "${linkOption}".`);
    const name = option(ctx.args, 'name');
    if (name !== undefined && inputs.length > 1) throw new UsageError('--name names one upload; give it with a single file.');
    const json = ctx.args.flags.has('json');
    const core = await ctx.core();
    const { uploads, history } = core;
    const queue = uploads.queue;
    const uploaderId = uploads.uploaderIdOrDefault(option(ctx.args, 'uploader'));
    const options = await uploadOptionsFrom(ctx.args, core, uploaderId);

    const progress = new ProgressPrinter(ctx.io.stderr, ctx.io.stderrIsTTY === true);
    const names = new Map<string, string>();
    queue.onProgress((id, sent, total) => progress.update(names.get(id) ?? id, sent, total));
    queue.start();

    // Another process may take the earlier job between finding and claiming it, or finish it:
    // then this run uploads the file itself rather than report a job it never saw.
    const resumeOrAddAgain = async (earlier: StoredJob, path: string, input: string): Promise<QueueJob> => {
      try {
        const job = await queue.resumeEarlier(earlier, options);
        progress.line(`${input}: resuming the upload an earlier run left unfinished.`);
        return job;
      } catch (err) {
        if (!(err instanceof ShotputError) || (err.code !== 'job_not_found' && err.code !== 'job_elsewhere')) throw err;
        return queue.add({ kind: 'file', path, name }, uploaderId, options);
      }
    };

    const outcomes: Outcome[] = [];
    for (const given of inputs) {
      const input = typeof given === 'string' ? given : given.name;
      try {
        let job: QueueJob;
        if (typeof given !== 'string') {
          job = await uploads.addImage(given.name, given.pixels, uploaderId, options);
        } else if (isUrl(input)) {
          job = await uploads.addUrl(input, uploaderId, options);
        } else {
          const path = isAbsolute(input) ? input : resolve(ctx.io.cwd, input);
          const earlier = await queue.findEarlierJob(path, uploaderId);
          if (earlier) {
            job = await resumeOrAddAgain(earlier, path, input);
          } else {
            job = await queue.add({ kind: 'file', path, name }, uploaderId, options);
          }
        }
        names.set(job.id, job.fileName);
        if (job.note) progress.line(`${input}: ${job.note}`);
        outcomes.push({ input, job, settled: queue.waitFor(job.id, MAX_WAIT_MS) });
      } catch (err) {
        outcomes.push({ input, error: toUserError(err) });
      }
    }

    await Promise.all(
      outcomes.map(async (outcome) => {
        if (!outcome.settled) return;
        const settled = await outcome.settled;
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
    // After the links are out: starting the process that makes the thumbnails takes a few ms.
    if (await uploads.pendingThumbnails.any()) {
      const sets = ctx.args.sets.flatMap(({ key, value }) => ['--set', `${key}=${value}`]);
      ctx.io.startInBackground?.([...sets, 'thumbnails'], { SHOTPUT_HOME: ctx.profileDir });
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
    deleteHash: r?.deleteHash ?? null,
    expiresAt: r?.expiresAt ?? null,
    /** Every other link the host returned: medium size, GroupMe's preview, large and avatar… */
    links: r?.links ?? {},
    width: r?.width ?? null,
    height: r?.height ?? null,
    bytes: r?.bytes ?? null,
    historyId: r?.id ?? null,
    /** What was done to the file before upload (made to fit the host's limit), or null. */
    note: outcome.job?.note ?? null,
    error: outcome.error ?? null,
  };
}
