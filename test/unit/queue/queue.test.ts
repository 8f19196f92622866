import { chmod, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { JobStore, type StoredJob } from '../../../electron/core/queue/job-store.js';
import { copyAsIs } from '../../../electron/core/queue/prepare.js';
import { UploadQueue, type QueueDeps } from '../../../electron/core/queue/queue.js';
import type { UploadResult } from '../../../electron/core/uploaders/types.js';
import { echoUploader, startEchoHost, type EchoHost } from '../../support/echo-host.js';
import { tempProfile } from '../../support/profile.js';

let host: EchoHost;
let dir: string;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300_000, 7)]);

beforeEach(async () => {
  host = await startEchoHost();
  dir = await tempProfile();
});
afterEach(async () => {
  await host.close();
});

function makeQueue(overrides: Partial<QueueDeps> = {}) {
  const recorded: Array<{ job: StoredJob; result: UploadResult; fileSize: number }> = [];
  const uploader = echoUploader(() => host.url);
  const queue = new UploadQueue({
    store: new JobStore(join(dir, 'queue')),
    uploaders: {
      get: (id) => {
        if (id !== 'echo') throw new Error(`unknown uploader ${id}`);
        return uploader;
      },
    },
    contextFor: (_uploader, signal, onProgress) => ({
      fetch,
      signal,
      onProgress: onProgress ?? (() => {}),
      config: { get: () => '', set: async () => {}, getSecret: async () => undefined, setSecret: async () => {} },
      now: Date.now,
      logger: silentLogger,
    }),
    prepare: copyAsIs,
    recordUpload: async (job, result, filePath) => {
      recorded.push({ job, result, fileSize: filePath ? (await stat(filePath)).size : 0 });
      return `h-${recorded.length}`;
    },
    fetch,
    now: Date.now,
    concurrency: () => 2,
    backoff: () => ({ maxAttempts: 3, baseMs: 20, maxMs: 100 }),
    logger: silentLogger,
    ...overrides,
  });
  return { queue, recorded };
}

async function file(name: string, data: Buffer = PNG): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

describe('upload queue', () => {
  it.skipIf(process.platform === 'win32')("keeps its copy of a file owner-only, and the user's file as it was", async () => {
    const { queue } = makeQueue();
    const path = await file('shared.png');
    await chmod(path, 0o644);
    const job = await queue.add({ kind: 'file', path }, 'echo');
    const copy = join(dir, 'queue', job.id, job.fileName);
    expect((await stat(copy)).mode & 0o777).toBe(0o600);
    expect((await stat(path)).mode & 0o777).toBe(0o644);
  });

  it('tells windows of changes at most once per 100 ms, always with the latest list (a dropped folder is not a thousand lists)', async () => {
    const clock = Date.now();
    const { queue } = makeQueue({ now: () => clock });
    const heard: number[] = [];
    queue.onChange((jobs) => heard.push(jobs.length));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      for (let i = 0; i < 50; i++) await queue.add({ kind: 'file', path: await file(`drop-${i}.png`) }, 'echo');
      expect(heard).toEqual([1]);
      vi.advanceTimersByTime(100);
      expect(heard).toEqual([1, 50]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('still shows windows every upload that finished between two lists, as done and recorded, once', async () => {
    const { queue } = makeQueue();
    const seenDone: string[] = [];
    // A window takes a job as finished when a list shows it done with its history entry.
    queue.onChange((jobs) => seenDone.push(...jobs.filter((j) => j.state === 'done' && j.historyId).map((j) => j.fileName)));
    queue.start();
    const jobs = await Promise.all(['a', 'b', 'c'].map(async (n) => queue.add({ kind: 'file', path: await file(`${n}.png`) }, 'echo')));
    await Promise.all(jobs.map((j) => queue.waitFor(j.id)));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(seenDone.sort()).toEqual(['a.png', 'b.png', 'c.png']);
  });

  it('keeps a job file whole and in the order of the changes when one process saves it twice at once', async () => {
    const store = new JobStore(join(dir, 'queue'));
    const { queue } = makeQueue({ store });
    const job = await queue.add({ kind: 'file', path: await file('twice.png') }, 'echo');
    const stored = (await store.load(job.id))!;
    // A retry and the start of its attempt, as when a user retries the moment an upload fails.
    await Promise.all([store.save({ ...stored, state: 'queued', attempts: 0 }), store.save({ ...stored, state: 'running', attempts: 1 })]);
    expect(await store.load(job.id)).toMatchObject({ state: 'running', attempts: 1 });
    expect((await readdir(join(dir, 'queue', job.id))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('uploads a copy of the file, records it, and leaves nothing in the queue folder', async () => {
    const { queue, recorded } = makeQueue();
    queue.start();
    const path = await file('shot.png');
    const job = await queue.add({ kind: 'file', path }, 'echo');
    // The original can disappear once queued: the job has its own copy.
    await rm(path);
    const settled = await queue.waitFor(job.id);
    expect(settled.job).toMatchObject({ state: 'done', attempts: 1, historyId: 'h-1' });
    expect(host.received).toEqual([{ name: 'shot.png', bytes: PNG.length }]);
    expect(recorded[0]?.result.url).toBe(`${host.url}/i/1/shot.png`);
    expect(recorded[0]?.fileSize).toBe(PNG.length);
    expect(await readdir(join(dir, 'queue'))).toEqual([]);
    expect(queue.list()).toEqual([]);
  });

  it('hands the recorder where the image is on this computer: the chosen file, or the path a saved capture gives', async () => {
    const { queue, recorded } = makeQueue();
    queue.start();
    const path = await file('chosen.png');
    const fromFile = await queue.add({ kind: 'file', path }, 'echo');
    const saved = await queue.add({ kind: 'bytes', data: PNG, name: 'capture.png', localPath: '/home/ada/Pictures/capture.png' }, 'echo');
    const dropped = await queue.add({ kind: 'bytes', data: PNG, name: 'dropped.png' }, 'echo');
    await Promise.all([fromFile, saved, dropped].map((j) => queue.waitFor(j.id)));
    const originOf = (id: string) => {
      const source = recorded.find((r) => r.job.id === id)!.job.source;
      return source.kind === 'file' ? source.originalPath : undefined;
    };
    expect([originOf(fromFile.id), originOf(saved.id), originOf(dropped.id)]).toEqual([path, '/home/ada/Pictures/capture.png', undefined]);
  });

  it('reports progress up to the whole file', async () => {
    const { queue } = makeQueue();
    const seen: number[] = [];
    queue.onProgress((_id, sent, total) => {
      expect(total).toBe(PNG.length);
      seen.push(sent);
    });
    queue.start();
    const job = await queue.add({ kind: 'file', path: await file('p.png') }, 'echo');
    await queue.waitFor(job.id);
    expect(seen.at(-1)).toBe(PNG.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('runs no more uploads at once than the concurrency setting', async () => {
    let concurrency = 2;
    const { queue } = makeQueue({ concurrency: () => concurrency });
    host.script = Array.from({ length: 5 }, () => ({ status: 200, delayMs: 80 }));
    queue.start();
    const jobs = await Promise.all([1, 2, 3, 4, 5].map(async (n) => queue.add({ kind: 'file', path: await file(`${n}.png`) }, 'echo')));
    await Promise.all(jobs.map((j) => queue.waitFor(j.id)));
    expect(host.maxConcurrent).toBe(2);
    expect(host.received).toHaveLength(5);

    concurrency = 1;
    host.maxConcurrent = 0;
    host.script = Array.from({ length: 3 }, () => ({ status: 200, delayMs: 50 }));
    const more = await Promise.all([6, 7, 8].map(async (n) => queue.add({ kind: 'file', path: await file(`${n}.png`) }, 'echo')));
    await Promise.all(more.map((j) => queue.waitFor(j.id)));
    expect(host.maxConcurrent).toBe(1);
  });

  it('retries server errors with backoff and succeeds', async () => {
    const { queue } = makeQueue();
    host.script = [{ status: 503 }, { status: 502 }];
    queue.start();
    const job = await queue.add({ kind: 'file', path: await file('a.png') }, 'echo');
    const settled = await queue.waitFor(job.id);
    expect(settled.job).toMatchObject({ state: 'done', attempts: 3 });
  });

  it('gives up after the last attempt and keeps the file and the error', async () => {
    const { queue } = makeQueue();
    host.script = [{ status: 500 }, { status: 500 }, { status: 500 }];
    queue.start();
    const job = await queue.add({ kind: 'file', path: await file('a.png') }, 'echo');
    const settled = await queue.waitFor(job.id);
    expect(settled.job.state).toBe('failed');
    expect(settled.job.error?.message).toBe('Echo host failed (HTTP 500). Gave up after 3 attempts.');
    const kept = await readdir(join(dir, 'queue', job.id));
    expect(kept).toContain('a.png');
  });

  it('does not retry a refusal, and a retry by the user uploads it', async () => {
    const { queue } = makeQueue();
    host.script = [{ status: 400 }];
    queue.start();
    const job = await queue.add({ kind: 'file', path: await file('a.png') }, 'echo');
    const failed = await queue.waitFor(job.id);
    expect(failed.job).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'rejected' } });
    expect(host.received).toHaveLength(0);
    await queue.retry(job.id);
    expect((await queue.waitFor(job.id)).job.state).toBe('done');
    expect(host.received).toHaveLength(1);
  });

  it('waits for the announced reset after a rate limit instead of hammering', async () => {
    const { queue } = makeQueue();
    host.script = [{ status: 429, headers: { 'x-reset-seconds': '3600' } }];
    queue.start();
    const job = await queue.add({ kind: 'file', path: await file('a.png') }, 'echo');
    const before = Date.now();
    const settled = await queue.waitFor(job.id, 60_000);
    expect(settled.final).toBe(false);
    expect(settled.job.state).toBe('waiting');
    expect(Date.parse(settled.job.nextAttemptAt!)).toBeGreaterThanOrEqual(before + 3_590_000);
    expect(settled.job.error?.code).toBe('rate_limited');
    await queue.stop();
  });

  it('cancels a running upload, keeps it as failed, and can retry it', async () => {
    const { queue } = makeQueue();
    host.script = [{ status: 200, delayMs: 2000 }];
    queue.start();
    const job = await queue.add({ kind: 'file', path: await file('slow.png') }, 'echo');
    await expect.poll(() => queue.get(job.id)?.state).toBe('running');
    const cancelled = await queue.cancel(job.id);
    expect(cancelled).toMatchObject({ state: 'failed', error: { code: 'cancelled' } });
    await queue.retry(job.id);
    expect((await queue.waitFor(job.id)).job.state).toBe('done');
  });

  it('discards a failed job with its file', async () => {
    const { queue } = makeQueue();
    host.script = [{ status: 400 }];
    queue.start();
    const job = await queue.add({ kind: 'file', path: await file('a.png') }, 'echo');
    await queue.waitFor(job.id);
    await queue.discard(job.id);
    expect(queue.list()).toEqual([]);
    expect(await readdir(join(dir, 'queue'))).toEqual([]);
  });

  it('refuses a missing or empty file before queueing, leaving nothing behind', async () => {
    const { queue } = makeQueue();
    await expect(queue.add({ kind: 'file', path: join(dir, 'nope.png') }, 'echo')).rejects.toThrow(/nope\.png does not exist/);
    await expect(queue.add({ kind: 'file', path: await file('empty.png', Buffer.alloc(0)) }, 'echo')).rejects.toThrow(/is empty/);
    await expect(queue.add({ kind: 'url', url: 'ftp://example.org/a.png' }, 'echo')).rejects.toThrow(/only web addresses/);
    await mkdir(join(dir, 'queue'), { recursive: true });
    expect(await readdir(join(dir, 'queue'))).toEqual([]);
  });

  it('resumes jobs left by a process that died mid-upload', async () => {
    const store = new JobStore(join(dir, 'queue'));
    // What a killed process leaves: a running job and a claim by a pid that no longer exists.
    const id = 'crashed-job';
    await store.create(id);
    await writeFile(join(store.jobDir(id), 'big.png'), PNG);
    await writeFile(join(store.jobDir(id), 'owner'), JSON.stringify({ pid: 2 ** 22 + 17, host: (await import('node:os')).hostname() }));
    await store.save({
      id,
      createdAt: new Date().toISOString(),
      uploaderId: 'echo',
      options: {},
      input: '/somewhere/big.png',
      source: { kind: 'file', file: 'big.png', name: 'big.png', mime: 'image/png', size: PNG.length },
      state: 'running',
      attempts: 1,
    });
    const { queue, recorded } = makeQueue();
    const resumed = await queue.resumeInterrupted();
    expect(resumed.map((j) => j.id)).toEqual([id]);
    queue.start();
    expect((await queue.waitFor(id)).job.state).toBe('done');
    expect(recorded).toHaveLength(1);
    expect(host.received).toEqual([{ name: 'big.png', bytes: PNG.length }]);
  });

  it('leaves a job alone while another live process owns it', async () => {
    const store = new JobStore(join(dir, 'queue'));
    await store.create('theirs');
    await writeFile(join(store.jobDir('theirs'), 'owner'), JSON.stringify({ pid: process.ppid, host: (await import('node:os')).hostname() }));
    await store.save({
      id: 'theirs',
      createdAt: new Date().toISOString(),
      uploaderId: 'echo',
      options: {},
      input: 'x',
      source: { kind: 'file', file: 'x.png', name: 'x.png', mime: 'image/png', size: 1 },
      state: 'running',
      attempts: 1,
    });
    const { queue } = makeQueue();
    expect(await queue.resumeInterrupted()).toEqual([]);
    expect(queue.list()).toMatchObject([{ id: 'theirs', elsewhere: true, state: 'running' }]);
    await expect(queue.cancel('theirs')).rejects.toThrow('another Shotput process');
  });

  it('stops with running uploads queued on disk, and a new queue finishes them', async () => {
    const first = makeQueue();
    host.script = [{ status: 200, delayMs: 2000 }];
    first.queue.start();
    const job = await first.queue.add({ kind: 'file', path: await file('a.png') }, 'echo');
    await expect.poll(() => first.queue.get(job.id)?.state).toBe('running');
    await first.queue.stop();
    const second = makeQueue();
    expect((await second.queue.resumeInterrupted()).map((j) => j.id)).toEqual([job.id]);
    second.queue.start();
    expect((await second.queue.waitFor(job.id)).job.state).toBe('done');
  });
});
