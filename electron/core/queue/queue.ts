import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { QueueJob, UserError } from '../../../shared/uploads.js';
import { ShotputError, toUserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { checkAdmission } from '../uploaders/admission.js';
import { UploadError, UploadErrorCode } from '../uploaders/errors.js';
import { keepWebLinks } from '../uploaders/links.js';
import type { Uploader, UploadContext, UploadOptions, UploadResult, UploadSource } from '../uploaders/types.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { downloadToFile, nameFromUrl } from './download.js';
import { JobStore, type StoredJob } from './job-store.js';
import type { RawPixels } from '../pipeline/index.js';
import type { SecretVault } from '../secrets/vault.js';
import { makeOwnerOnly } from '../profile.js';
import { checkReadableFile, emptyFile, type FilePreparer, type PrepareInput } from './prepare.js';

export interface UploaderLookup {
  get(id: string): Uploader;
}

/** Builds what an uploader call needs (fetch, settings, clock…); shared with deletes and albums. */
export type ContextFactory = (uploader: Uploader, signal: AbortSignal, onProgress?: (sent: number, total: number) => void) => UploadContext;

export interface QueueDeps {
  store: JobStore;
  uploaders: UploaderLookup;
  contextFor: ContextFactory;
  prepare: FilePreparer;
  /** Records a finished upload (history, thumbnails); resolves to the history id. */
  recordUpload(job: StoredJob, result: UploadResult, filePath: string | undefined): Promise<string>;
  /** For URLs the service cannot fetch itself. */
  fetch: typeof fetch;
  now(): number;
  random?(): number;
  /** Read on every scheduling decision, so a settings change applies at once. */
  concurrency(): number;
  /** Read at every failure, like concurrency. */
  backoff?(): BackoffPolicy;
  logger: Logger;
  /** Where a job's answers to a custom uploader's questions wait (the vault); kept in the job file without it. */
  secrets?: Pick<SecretVault, 'get' | 'set' | 'delete'>;
}

export type AddRequest =
  | { kind: 'file'; path: string; name?: string }
  /** Encoded bytes in memory (a file dropped on the window): prepared straight from memory. */
  | { kind: 'bytes'; data: Uint8Array; name: string; localPath?: string }
  /** A bitmap in memory (a capture): encoded once by the preparer, no temp file on the way. */
  | { kind: 'pixels'; pixels: RawPixels; name: string; localPath?: string }
  | { kind: 'url'; url: string };

type Settled = { job: QueueJob; final: true } | { job: QueueJob; final: false; retryAt: number };

interface Running {
  controller: AbortController;
  /** Why we aborted it ourselves: the user cancelled, or the queue is stopping. */
  reason?: 'cancel' | 'stop';
  finished: Promise<void>;
}

const PROGRESS_INTERVAL_MS = 100;
/**
 * The whole list goes to every window on a change; with a thousand files dropped, the changes
 * come by the hundred per second. At most one list per interval, always the latest.
 */
const CHANGE_INTERVAL_MS = 100;
/** Enough for any one command line or drop; the app forgets older ones (history has them). */
const MAX_REMEMBERED_FINISHED = 10_000;

/**
 * Upload jobs: at most `concurrency()` at once, retried with backoff and jitter for network
 * errors and 5xx, held until the announced reset after a rate limit, never retried for other
 * refusals. Each job and a copy of its file live in the queue folder until the upload is in
 * history, so a crash or a restart resumes it, and a failed job keeps its file and error until
 * the user retries or discards it.
 */
export class UploadQueue {
  private readonly jobs = new Map<string, StoredJob>();
  private readonly elsewhere = new Set<string>();
  private readonly running = new Map<string, Running>();
  private readonly progress = new Map<string, { sent: number; total: number; emittedAt: number; pending?: NodeJS.Timeout }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waiters = new Map<string, Set<(settled: Settled) => void>>();
  /** Jobs that left the queue uploaded, so a waitFor() that comes late still learns how they ended. */
  private readonly finished = new Map<string, QueueJob>();
  private readonly changeListeners = new Set<(jobs: QueueJob[]) => void>();
  private readonly progressListeners = new Set<(id: string, sent: number, total: number) => void>();
  private started = false;
  private lastChangeAt = -Infinity;
  private pendingChange: NodeJS.Timeout | undefined;
  /** Finished since the last list: windows learn an upload is done from the list, so the next one carries it once. */
  private finishedSinceList = new Map<string, QueueJob>();
  /** Done and recorded jobs some list has already shown, before they left the queue. */
  private listedAsDone = new Set<string>();

  constructor(private readonly deps: QueueDeps) {}

  // ---- what the user does -------------------------------------------------------------------

  /**
   * Queues a file or URL. The file is checked and copied (or processed) into the job's folder
   * before this resolves: a missing, empty or unacceptable file is refused here, before any byte
   * goes to the network, and nothing is left behind.
   */
  async add(request: AddRequest, uploaderId: string, options: UploadOptions = {}): Promise<QueueJob> {
    const uploader = this.deps.uploaders.get(uploaderId);
    const id = randomUUID();
    const createdAt = new Date(this.deps.now()).toISOString();
    let job: StoredJob;
    let answersKey: string | undefined;
    ({ options, answersKey } = await this.keepAnswers(id, options));
    if (request.kind !== 'url') {
      const original = request.kind === 'file' ? await checkReadableFile(request.path) : undefined;
      if (request.kind === 'bytes' && request.data.length === 0) throw emptyFile(request.name);
      const dir = await this.deps.store.create(id);
      try {
        await this.deps.store.claim(id);
        const input = prepareInputOf(request);
        const prepared = await this.deps.prepare(input, uploader.descriptor, dir);
        await makeOwnerOnly(join(dir, prepared.file));
        checkAdmission(uploader.descriptor, { name: input.name, size: prepared.size, mime: prepared.mime });
        job = {
          id,
          createdAt,
          uploaderId,
          options,
          input: request.kind === 'file' ? request.path : request.name,
          source: { kind: 'file', ...prepared, ...originOf(request, original) },
          state: 'queued',
          attempts: 0,
          answersKey,
        };
        await this.deps.store.save(job);
      } catch (err) {
        await this.deps.store.remove(id);
        if (answersKey) await this.deps.secrets?.delete(answersKey);
        throw err;
      }
    } else {
      checkUrl(request.url);
      await this.deps.store.create(id);
      await this.deps.store.claim(id);
      job = { id, createdAt, uploaderId, options, answersKey, input: request.url, source: { kind: 'url', url: request.url, name: nameFromUrl(request.url) }, state: 'queued', attempts: 0 };
      await this.deps.store.save(job);
    }
    this.jobs.set(id, job);
    this.changed();
    this.pump();
    return this.view(job);
  }

  /** Puts a failed or waiting job back in line now. */
  async retry(id: string): Promise<QueueJob> {
    const job = this.require(id);
    if (job.state !== 'failed' && job.state !== 'waiting') {
      throw new ShotputError('job_busy', `${job.source.name} is ${job.state}; only a failed or waiting upload can be retried.`);
    }
    this.clearTimer(id);
    await this.update(job, { state: 'queued', attempts: 0, error: undefined, nextAttemptAt: undefined });
    this.pump();
    return this.view(job);
  }

  /** Stops a queued, waiting or running upload. It stays in the queue, failed, with its file. */
  async cancel(id: string): Promise<QueueJob> {
    const job = this.require(id);
    const running = this.running.get(id);
    if (running) {
      running.reason = 'cancel';
      running.controller.abort();
      await running.finished;
      return this.view(this.require(id));
    }
    if (job.state === 'queued' || job.state === 'waiting') {
      this.clearTimer(id);
      await this.update(job, { state: 'failed', error: cancelledError(), nextAttemptAt: undefined });
      await this.deps.store.release(id);
      this.settle(job, true);
    }
    return this.view(job);
  }

  /** Removes a job and its copy of the file. */
  async discard(id: string): Promise<void> {
    const job = this.require(id);
    if (this.running.has(id)) await this.cancel(id);
    this.clearTimer(id);
    this.jobs.delete(id);
    await this.deps.store.remove(job.id);
    await this.forgetAnswers(job);
    this.changed();
  }

  list(): QueueJob[] {
    return [...this.jobs.values()].map((job) => this.view(job));
  }

  get(id: string): QueueJob | undefined {
    const job = this.jobs.get(id);
    return job && this.view(job);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Starts uploading; call resumeInterrupted() first to pick up what an earlier run left. */
  start(): void {
    this.started = true;
    this.pump();
  }

  /**
   * Loads jobs from the queue folder that no live process owns: uploads interrupted by a crash
   * or a quit are queued again, waiting ones keep their time, failed ones are listed. Jobs a
   * live process is uploading are listed as running elsewhere. Returns the jobs resumed.
   */
  async resumeInterrupted(filter: (job: StoredJob) => boolean = () => true, adjust?: (job: StoredJob) => Promise<void>): Promise<QueueJob[]> {
    const resumed: QueueJob[] = [];
    const onDisk = await this.deps.store.loadAll();
    const seen = new Set(onDisk.map((j) => j.id));
    for (const id of this.elsewhere) {
      if (!seen.has(id)) {
        this.elsewhere.delete(id);
        this.jobs.delete(id);
      }
    }
    for (const job of onDisk) {
      if (this.running.has(job.id) || (this.jobs.has(job.id) && !this.elsewhere.has(job.id))) continue;
      if (await this.deps.store.isClaimedByOther(job.id)) {
        this.elsewhere.add(job.id);
        this.jobs.set(job.id, job);
        continue;
      }
      if (!filter(job)) continue;
      if (!(await this.deps.store.claim(job.id))) {
        this.elsewhere.add(job.id);
        this.jobs.set(job.id, job);
        continue;
      }
      this.elsewhere.delete(job.id);
      // Ours now: changes asked with the resume are made before it can start.
      if (adjust) await adjust(job);
      if (job.state === 'done') {
        await this.finish(job);
        continue;
      }
      if (job.state === 'running') {
        this.deps.logger.info(`Resuming the interrupted upload of ${job.source.name}.`);
        job.state = 'queued';
        await this.deps.store.save(job);
      }
      this.jobs.set(job.id, job);
      if (job.state === 'waiting') this.scheduleAt(job, Date.parse(job.nextAttemptAt ?? '') || this.deps.now());
      if (job.state === 'failed') await this.deps.store.release(job.id);
      else resumed.push(this.view(job));
    }
    this.changed();
    this.pump();
    return resumed;
  }

  /**
   * Resumes an earlier job for the same file (see findEarlierJob) with the options given now: the
   * user who adds --album on the second try expects that album, not the first try's.
   */
  async resumeEarlier(earlier: StoredJob, given: UploadOptions): Promise<QueueJob> {
    const apply = async (job: StoredJob) => {
      // New answers replace the earlier ones in the vault; without new ones, the earlier ones stand.
      const kept = await this.keepAnswers(job.id, given);
      job.options = kept.options;
      job.answersKey = kept.answersKey ?? job.answersKey;
      await this.deps.store.save(job);
    };
    const held = this.jobs.get(earlier.id);
    if (held && !this.elsewhere.has(earlier.id) && !this.running.has(earlier.id)) await apply(held);
    // Claimed first, so two processes resuming the same file never write one job's file at once.
    else await this.resumeInterrupted((j) => j.id === earlier.id, apply);
    const job = this.require(earlier.id);
    return job.state === 'failed' ? this.retry(job.id) : this.view(job);
  }

  /** An interrupted or failed job for this same file (same path, size and time), to reuse instead of uploading twice. */
  async findEarlierJob(path: string, uploaderId: string): Promise<StoredJob | undefined> {
    const original = await checkReadableFile(path);
    const jobs = await this.deps.store.loadAll();
    for (const job of jobs) {
      if (job.uploaderId !== uploaderId || job.source.kind !== 'file' || job.state === 'done') continue;
      if (job.source.originalPath === path && job.source.originalMtimeMs === original.mtimeMs && !(await this.deps.store.isClaimedByOther(job.id))) {
        return job;
      }
    }
    return undefined;
  }

  /**
   * Resolves when the job is uploaded or failed, or when it has to wait longer than
   * `maxWaitMs` for its next attempt (a rate limit until tomorrow should not hold a CLI run).
   */
  waitFor(id: string, maxWaitMs = Infinity): Promise<Settled> {
    const job = this.jobs.get(id);
    const finished = this.finished.get(id);
    if (!job && finished) return Promise.resolve({ job: finished, final: true });
    if (!job) return Promise.reject(new ShotputError('job_not_found', `No upload job ${id}.`));
    // A done job is settled once it is in history (finish() settles it then), not before.
    if (job.state === 'failed' || (job.state === 'done' && job.historyId)) return Promise.resolve({ job: this.view(job), final: true });
    return new Promise((resolve) => {
      const waiter = (settled: Settled) => {
        if (!settled.final && settled.retryAt - this.deps.now() <= maxWaitMs) return;
        this.waiters.get(id)?.delete(waiter);
        resolve(settled);
      };
      let set = this.waiters.get(id);
      if (!set) this.waiters.set(id, (set = new Set()));
      set.add(waiter);
      if (job.state === 'waiting') waiter({ job: this.view(job), final: false, retryAt: Date.parse(job.nextAttemptAt ?? '') });
    });
  }

  /**
   * Stops: running uploads are aborted and left queued on disk, to resume on the next start.
   * Nothing is lost.
   */
  async stop(): Promise<void> {
    this.started = false;
    for (const id of this.timers.keys()) this.clearTimer(id);
    const settling = [...this.running.values()].map((run) => {
      run.reason = 'stop';
      run.controller.abort();
      return run.finished;
    });
    await Promise.all(settling);
    await Promise.all([...this.jobs.keys()].filter((id) => !this.elsewhere.has(id)).map((id) => this.deps.store.release(id).catch(() => undefined)));
  }

  onChange(listener: (jobs: QueueJob[]) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onProgress(listener: (id: string, sent: number, total: number) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  // ---- running jobs -------------------------------------------------------------------------

  private pump(): void {
    if (!this.started) return;
    const limit = Math.max(1, this.deps.concurrency());
    for (const job of this.jobs.values()) {
      if (this.running.size >= limit) break;
      if (job.state === 'queued' && !this.running.has(job.id) && !this.elsewhere.has(job.id)) this.run(job);
    }
  }

  private run(job: StoredJob): void {
    let finish = () => {};
    const run: Running = { controller: new AbortController(), finished: new Promise((resolve) => (finish = resolve)) };
    this.running.set(job.id, run);
    void this.attempt(job, run).finally(finish);
  }

  private async attempt(job: StoredJob, run: Running): Promise<void> {
    let claimed = false;
    try {
      claimed = await this.deps.store.claim(job.id);
      if (!claimed) {
        this.elsewhere.add(job.id);
        this.changed();
        this.settle(job, true);
        return;
      }
      await this.update(job, { state: 'running', attempts: job.attempts + 1, error: undefined, nextAttemptAt: undefined });
      const uploader = this.deps.uploaders.get(job.uploaderId);
      const source = await this.sourceFor(job, uploader, run.controller.signal);
      const context = this.deps.contextFor(uploader, run.controller.signal, (sent, total) => this.reportProgress(job.id, sent, total));
      const result = keepWebLinks(uploader.descriptor, await uploader.upload(source, await this.optionsOf(job), context));
      await this.update(job, { state: 'done', result });
      await this.finish(job);
    } catch (err) {
      await this.failed(job, err, run.reason).catch((failure: unknown) => {
        // The job's folder went away under it (discarded elsewhere): nothing left to keep.
        this.deps.logger.warn(`Upload of ${job.source.name}: ${toUserError(failure).message}`);
        this.settle(job, true);
      });
    } finally {
      this.running.delete(job.id);
      clearTimeout(this.progress.get(job.id)?.pending);
      this.progress.delete(job.id);
      // A failed job is let go so another process (the app) may retry it; a waiting one is kept.
      if (claimed && job.state === 'failed') await this.deps.store.release(job.id).catch(() => {});
      this.pump();
    }
  }

  private async optionsOf(job: StoredJob): Promise<UploadOptions> {
    if (!job.answersKey) return job.options;
    const saved = await this.deps.secrets?.get(job.answersKey);
    return saved ? { ...job.options, answers: JSON.parse(saved) as Record<string, string> } : job.options;
  }

  /** A job's answers go to the vault, never into its job file: the options without them, and where they are. */
  private async keepAnswers(id: string, options: UploadOptions): Promise<{ options: UploadOptions; answersKey?: string }> {
    if (!options.answers || !this.deps.secrets) return { options };
    const { answers, ...rest } = options;
    const answersKey = `queue.${id}.answers`;
    await this.deps.secrets.set(answersKey, JSON.stringify(answers));
    return { options: rest, answersKey };
  }

  private async forgetAnswers(job: StoredJob): Promise<void> {
    if (job.answersKey) await this.deps.secrets?.delete(job.answersKey).catch(() => undefined);
  }

  private async sourceFor(job: StoredJob, uploader: Uploader, signal: AbortSignal): Promise<UploadSource> {
    const src = job.source;
    if (src.kind === 'file') {
      return { kind: 'file', path: join(this.deps.store.jobDir(job.id), src.file), name: src.name, mime: src.mime, size: src.size };
    }
    if (uploader.descriptor.capabilities.remoteUrl) return { kind: 'url', url: src.url };
    // The service cannot fetch URLs itself: download once into the job, then upload the file.
    const file = 'download';
    const path = join(this.deps.store.jobDir(job.id), file);
    const { mime, size } = await downloadToFile(this.deps.fetch, src.url, path, {
      maxBytes: uploader.descriptor.capabilities.maxBytes,
      signal,
      service: uploader.descriptor.label,
    });
    const name = nameFromUrl(src.url, mime);
    await this.update(job, { source: { kind: 'file', file, name, mime, size } });
    return { kind: 'file', path, name, mime, size };
  }

  private async failed(job: StoredJob, err: unknown, reason: Running['reason']): Promise<void> {
    if (reason === 'stop') {
      await this.update(job, { state: 'queued' });
      this.settle(job, true);
      return;
    }
    if (reason === 'cancel') {
      await this.update(job, { state: 'failed', error: cancelledError() });
      this.settle(job, true);
      return;
    }
    const error: UserError = toUserError(err);
    const retry = err instanceof UploadError ? err.retry : { kind: 'never' as const };
    const backoff = this.deps.backoff?.() ?? DEFAULT_BACKOFF;
    let retryAt: number | undefined;
    if (retry.kind === 'after') retryAt = Math.max(retry.at, this.deps.now());
    else if (retry.kind === 'backoff' && job.attempts < backoff.maxAttempts) {
      retryAt = this.deps.now() + backoffDelay(job.attempts, backoff, this.deps.random);
    }
    if (retryAt === undefined) {
      const message = retry.kind === 'backoff' && job.attempts > 1 ? `${error.message} Gave up after ${job.attempts} attempts.` : error.message;
      await this.update(job, { state: 'failed', error: { ...error, message } });
      // Info, not a warning: the failure is the job's state, which the Queue view and the command
      // that queued it show; a warning would print it twice in a terminal.
      this.deps.logger.info(`Upload of ${job.source.name} failed: ${error.message}`);
      this.settle(job, true);
      return;
    }
    await this.update(job, { state: 'waiting', error, nextAttemptAt: new Date(retryAt).toISOString() });
    this.scheduleAt(job, retryAt);
  }

  /** The upload is done: into history, out of the queue. */
  private async finish(job: StoredJob): Promise<void> {
    if (!job.historyId && job.result) {
      const historyId = await this.deps.recordUpload(job, job.result, this.deps.store.filePath(job));
      await this.update(job, { historyId });
    }
    await this.deps.store.remove(job.id);
    await this.forgetAnswers(job);
    this.jobs.delete(job.id);
    this.rememberFinished(job);
    if (this.changeListeners.size > 0 && !this.listedAsDone.has(job.id)) this.finishedSinceList.set(job.id, this.view(job));
    this.listedAsDone.delete(job.id);
    this.changed();
    this.settle(job, true);
  }

  private rememberFinished(job: StoredJob): void {
    this.finished.set(job.id, this.view(job));
    if (this.finished.size > MAX_REMEMBERED_FINISHED) this.finished.delete(this.finished.keys().next().value!);
  }

  private scheduleAt(job: StoredJob, at: number): void {
    this.clearTimer(job.id);
    const delay = Math.max(0, at - this.deps.now());
    const timer = setTimeout(() => {
      this.timers.delete(job.id);
      if (job.state !== 'waiting') return;
      this.update(job, { state: 'queued' }).then(
        () => this.pump(),
        (err: unknown) => this.deps.logger.warn(`Upload of ${job.source.name}: ${toUserError(err).message}`),
      );
    }, delay);
    // Not unref'd: a CLI run waiting for this retry must stay alive until it happens.
    this.timers.set(job.id, timer);
    this.settle(job, false, at);
  }

  private clearTimer(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
  }

  // ---- bookkeeping --------------------------------------------------------------------------

  private async update(job: StoredJob, patch: Partial<StoredJob>): Promise<void> {
    Object.assign(job, patch);
    for (const key of Object.keys(patch) as Array<keyof StoredJob>) if (patch[key] === undefined) delete job[key];
    await this.deps.store.save(job);
    this.changed();
  }

  /**
   * At most one progress event per interval per job, and always the latest figure: when the
   * network stalls right after a burst, the last count still reaches the user.
   */
  private reportProgress(id: string, sent: number, total: number): void {
    const entry = this.progress.get(id) ?? { sent, total, emittedAt: 0 };
    entry.sent = sent;
    entry.total = total;
    this.progress.set(id, entry);
    const emit = () => {
      entry.pending = undefined;
      entry.emittedAt = this.deps.now();
      if (this.progress.get(id) === entry) for (const listener of this.progressListeners) listener(id, entry.sent, entry.total);
    };
    const wait = entry.emittedAt + PROGRESS_INTERVAL_MS - this.deps.now();
    if (sent >= total || wait <= 0) {
      clearTimeout(entry.pending);
      emit();
    } else {
      entry.pending ??= setTimeout(emit, wait);
    }
  }

  private settle(job: StoredJob, final: boolean, retryAt = 0): void {
    const settled: Settled = final ? { job: this.view(job), final: true } : { job: this.view(job), final: false, retryAt };
    for (const waiter of [...(this.waiters.get(job.id) ?? [])]) waiter(settled);
    if (final) this.waiters.delete(job.id);
  }

  private require(id: string): StoredJob {
    const job = this.jobs.get(id);
    if (!job) throw new ShotputError('job_not_found', `There is no upload ${id} in the queue; it may have finished or been discarded.`);
    if (this.elsewhere.has(id)) throw new ShotputError('job_elsewhere', `${job.source.name} is being uploaded by another Shotput process.`);
    return job;
  }

  private changed(): void {
    if (this.changeListeners.size === 0 || this.pendingChange) return;
    const emit = () => {
      this.pendingChange = undefined;
      this.lastChangeAt = this.deps.now();
      const jobs = this.list();
      for (const job of jobs) if (job.state === 'done' && job.historyId) this.listedAsDone.add(job.id);
      jobs.push(...this.finishedSinceList.values());
      this.finishedSinceList.clear();
      for (const listener of this.changeListeners) listener(jobs);
    };
    const wait = this.lastChangeAt + CHANGE_INTERVAL_MS - this.deps.now();
    if (wait <= 0) emit();
    else this.pendingChange = setTimeout(emit, wait).unref();
  }

  private view(job: StoredJob): QueueJob {
    const progress = this.progress.get(job.id);
    return {
      id: job.id,
      createdAt: job.createdAt,
      uploaderId: job.uploaderId,
      input: job.input,
      fileName: job.source.name,
      bytes: job.source.kind === 'file' ? job.source.size : undefined,
      note: job.source.kind === 'file' ? job.source.note : undefined,
      state: job.state,
      attempts: job.attempts,
      nextAttemptAt: job.nextAttemptAt,
      progress: progress && { sent: progress.sent, total: progress.total },
      error: job.error,
      elsewhere: this.elsewhere.has(job.id) || undefined,
      historyId: job.historyId,
    };
  }
}

/** Where the image is on this computer (the chosen file, or the capture also saved there), for history's "Open file". */
function originOf(request: Exclude<AddRequest, { kind: 'url' }>, original: { mtimeMs: number } | undefined): { originalPath?: string; originalMtimeMs?: number } {
  if (request.kind === 'file') return { originalPath: request.path, originalMtimeMs: original?.mtimeMs };
  return request.localPath ? { originalPath: request.localPath } : {};
}

function prepareInputOf(request: Exclude<AddRequest, { kind: 'url' }>): PrepareInput {
  switch (request.kind) {
    case 'file':
      return { path: request.path, name: request.name ?? request.path.split(/[\\/]/).at(-1) ?? 'upload' };
    case 'bytes':
      return { data: request.data, name: request.name };
    case 'pixels':
      return { pixels: request.pixels, name: request.name };
  }
}

function cancelledError(): UserError {
  return { code: UploadErrorCode.cancelled, message: 'Cancelled. Retry to upload it again, or discard it.' };
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ShotputError('invalid_url', `${url} is not a valid URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ShotputError('invalid_url', `${url} is not an http(s) URL; only web addresses can be uploaded by URL.`);
  }
}
