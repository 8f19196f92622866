import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { claim, isClaimedByOther, isStale, readOwner, release } from '../files/owner-claim.js';
import type { JobState, UserError } from '../../../shared/uploads.js';
import type { UploadOptions, UploadResult } from '../uploaders/types.js';

/** A job as persisted in `<queue>/<id>/job.json`, next to its copy of the file. */
export interface StoredJob {
  id: string;
  createdAt: string;
  uploaderId: string;
  /** Without `answers`: those may hold passwords, so they wait in the vault under `answersKey`. */
  options: UploadOptions;
  answersKey?: string;
  /** What the user asked to upload: a path or a URL. */
  input: string;
  source:
    | { kind: 'file'; file: string; name: string; mime: string; size: number; originalPath?: string; originalMtimeMs?: number; note?: string }
    | { kind: 'url'; url: string; name: string };
  state: JobState;
  attempts: number;
  nextAttemptAt?: string;
  error?: UserError;
  result?: UploadResult;
  historyId?: string;
}

/**
 * A job folder without job.json is being created by some process, or was left by a crash during
 * creation. Without a live owner it is removed only once it is this old, so a folder another
 * process is still filling is never taken from under it.
 */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * The queue folder. Every change to a job is written atomically (temp file + rename), so a crash
 * leaves either the old or the new job.json, never half of one. A job being uploaded carries an
 * `owner` file naming the process, so the app and CLI runs on the same profile never upload the
 * same job twice, and a job whose owner died is known to be interrupted.
 */
export class JobStore {
  /** The last save asked for each job, so the next one waits for it. */
  private readonly saving = new Map<string, Promise<void>>();

  constructor(readonly dir: string) {}

  jobDir(id: string): string {
    return join(this.dir, id);
  }

  filePath(job: StoredJob): string | undefined {
    return job.source.kind === 'file' ? join(this.jobDir(job.id), job.source.file) : undefined;
  }

  async create(id: string): Promise<string> {
    const dir = this.jobDir(id);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /**
   * Writes the job as it is now. Saves of one job run one after another, in the order asked: two
   * at once (a retry the moment an attempt starts) would otherwise share a temporary file, and
   * the older state could land last.
   */
  save(job: StoredJob): Promise<void> {
    const text = JSON.stringify(job, null, 1);
    const dir = this.jobDir(job.id);
    const write = async () => {
      const tmp = join(dir, `job.json.${process.pid}.tmp`);
      await writeFile(tmp, text);
      await rename(tmp, join(dir, 'job.json'));
    };
    const previous = this.saving.get(job.id) ?? Promise.resolve();
    const saved = previous.catch(() => undefined).then(write);
    const settled = saved.catch(() => undefined);
    this.saving.set(job.id, settled);
    void settled.then(() => {
      if (this.saving.get(job.id) === settled) this.saving.delete(job.id);
    });
    return saved;
  }

  async load(id: string): Promise<StoredJob | undefined> {
    try {
      return JSON.parse(await readFile(join(this.jobDir(id), 'job.json'), 'utf8')) as StoredJob;
    } catch {
      return undefined;
    }
  }

  /**
   * Every job on disk. A folder without a readable job.json is another process's job still being
   * created, or what a crash during creation left: only the latter is removed (its owner is dead,
   * or nobody claimed it for a long time).
   */
  async loadAll(): Promise<StoredJob[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const jobs: StoredJob[] = [];
    for (const name of names) {
      const job = await this.load(name);
      if (job) jobs.push(job);
      else if (await this.isAbandoned(name)) await rm(this.jobDir(name), { recursive: true, force: true });
    }
    return jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async remove(id: string): Promise<void> {
    await rm(this.jobDir(id), { recursive: true, force: true });
  }

  private async isAbandoned(id: string): Promise<boolean> {
    const owner = await readOwner(this.ownerPath(id));
    if (owner) return isStale(owner);
    try {
      return Date.now() - (await stat(this.jobDir(id))).mtimeMs > ABANDONED_AFTER_MS;
    } catch {
      return false;
    }
  }

  /**
   * Takes the job for this process; false when a live process already has it. A process keeps
   * the jobs it created or resumed until they are done, failed or it stops, so no other process
   * resumes them as if they had been left behind.
   */
  async claim(id: string): Promise<boolean> {
    return claim(this.ownerPath(id));
  }

  async release(id: string): Promise<void> {
    await release(this.ownerPath(id));
  }

  private ownerPath(id: string): string {
    return join(this.jobDir(id), 'owner');
  }

  /** Another live process on this machine owns the job. */
  async isClaimedByOther(id: string): Promise<boolean> {
    return isClaimedByOther(this.ownerPath(id));
  }
}
