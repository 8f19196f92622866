import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryService } from '../../../electron/core/history/service.js';
import { silentLogger } from '../../../electron/core/logger.js';
import type { StoredJob } from '../../../electron/core/queue/job-store.js';
import { PendingThumbnails } from '../../../electron/core/uploads/pending-thumbnails.js';
import { pipelineThumbnailMaker } from '../../../electron/core/uploads/pipeline-adapters.js';
import { uploadRecorder } from '../../../electron/core/uploads/record-upload.js';
import type { HistoryRecord } from '../../../shared/uploads.js';
import { tempProfile } from '../../support/profile.js';

const opened: HistoryService[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});

const job: StoredJob = {
  id: 'job-1',
  createdAt: '2026-01-01T00:00:00.000Z',
  uploaderId: 'imge',
  options: { title: 'Beach' },
  input: '/tmp/shot.png',
  source: { kind: 'url', url: 'https://example.com/shot.png', name: 'shot.png' },
  state: 'running',
  attempts: 1,
  result: { url: 'https://i.example/abc.png', remoteId: 'abc' },
};

describe('recording a finished upload', () => {
  it('records a job once: a run resumed after a crash between recording and the job update neither duplicates it nor repeats the after-upload tasks', async () => {
    const profile = await tempProfile();
    const recordedAfter: HistoryRecord[] = [];
    const recorder = async () => {
      const history = await HistoryService.open({ path: join(profile, 'history', 'history.sqlite'), labelOf: () => 'IM.GE' });
      opened.push(history);
      return { history, record: uploadRecorder({ history, thumbnailsDir: join(profile, 'thumbnails'), logger: silentLogger, afterUpload: (r) => void recordedAfter.push(r) }) };
    };
    const first = await recorder();
    const id = await first.record(job, job.result!, undefined);
    // The process dies before the job file says `historyId`; the next run finishes the job again.
    const second = await recorder();
    expect(await second.record(job, job.result!, undefined)).toBe(id);
    const page = second.history.page({ limit: 10 });
    expect(page.total).toBe(1);
    expect(page.records[0]).toMatchObject({ id, jobId: 'job-1', title: 'Beach', uploaderLabel: 'IM.GE', url: 'https://i.example/abc.png' });
    expect(recordedAfter.map((r) => r.id)).toEqual([id]);
  });

  it('keeps where the image is on this computer (the chosen file or the saved capture), for Open file and Show in folder', async () => {
    const profile = await tempProfile();
    const history = await HistoryService.open({ path: join(profile, 'history', 'history.sqlite') });
    opened.push(history);
    const record = uploadRecorder({ history, thumbnailsDir: join(profile, 'thumbnails'), logger: silentLogger, afterUpload: () => undefined });
    const fromFile: StoredJob = { ...job, id: 'job-2', source: { kind: 'file', file: 'shot.png', name: 'shot.png', mime: 'image/png', size: 3, originalPath: '/home/ada/Pictures/shot.png' } };
    const dropped: StoredJob = { ...job, id: 'job-3', source: { kind: 'file', file: 'drop.png', name: 'drop.png', mime: 'image/png', size: 3 } };
    expect(history.get(await record(fromFile, job.result!, undefined))?.localPath).toBe('/home/ada/Pictures/shot.png');
    expect(history.get(await record(dropped, job.result!, undefined))?.localPath).toBeUndefined();
  });

  describe('thumbnails come after the link', () => {
    const settings = { get: (key: string) => (key === 'pipeline.pixelLimit' ? 268 : undefined) } as never;
    async function uploadedImage(profile: string) {
      const jobDir = join(profile, 'jobs', 'job-t');
      await import('node:fs/promises').then((fs) => fs.mkdir(jobDir, { recursive: true }));
      const path = join(jobDir, 'shot.png');
      await writeFile(path, await sharp({ create: { width: 640, height: 400, channels: 3, background: '#3366cc' } }).png().toBuffer());
      const imageJob: StoredJob = { ...job, id: 'job-t', source: { kind: 'file', file: 'shot.png', name: 'shot.png', mime: 'image/png', size: 1 } };
      return { path, imageJob };
    }

    it('puts the link on the clipboard before making the thumbnails, then adds them to the record', async () => {
      const profile = await tempProfile();
      const history = await HistoryService.open({ path: join(profile, 'history', 'history.sqlite') });
      opened.push(history);
      const thumbnailsDir = join(profile, 'thumbnails');
      const makeThumbnails = pipelineThumbnailMaker(settings);
      const pending = new PendingThumbnails({ dir: join(profile, 'thumbnails-pending'), thumbnailsDir, history, makeThumbnails, logger: silentLogger });
      const seenByAfterUpload: Array<HistoryRecord['thumbnails']> = [];
      const record = uploadRecorder({ history, thumbnailsDir, makeThumbnails, pending, logger: silentLogger, afterUpload: (r) => void seenByAfterUpload.push(history.get(r.id)!.thumbnails) });
      const { path, imageJob } = await uploadedImage(profile);
      const id = await record(imageJob, job.result!, path);
      // The after-upload tasks (the link) ran while the record had no thumbnails yet…
      expect(seenByAfterUpload).toEqual([undefined]);
      // …and by the time the queue hears the job is done, they are on the record and on disk.
      const thumbnails = history.get(id)!.thumbnails!;
      expect(Object.keys(thumbnails).sort()).toEqual(['avatar', 'large', 'square']);
      for (const name of Object.values(thumbnails)) expect(existsSync(join(thumbnailsDir, name!))).toBe(true);
      expect(readdirSync(join(profile, 'thumbnails-pending'))).toEqual([]);
    });

    it('leaves the file for later when thumbnails are deferred (the command line), and a later run makes them', async () => {
      const profile = await tempProfile();
      const history = await HistoryService.open({ path: join(profile, 'history', 'history.sqlite') });
      opened.push(history);
      const thumbnailsDir = join(profile, 'thumbnails');
      const makeThumbnails = pipelineThumbnailMaker(settings);
      const pending = new PendingThumbnails({ dir: join(profile, 'thumbnails-pending'), thumbnailsDir, history, makeThumbnails, logger: silentLogger });
      const record = uploadRecorder({ history, thumbnailsDir, makeThumbnails, pending, deferThumbnails: true, logger: silentLogger, afterUpload: () => undefined });
      const { path, imageJob } = await uploadedImage(profile);
      const id = await record(imageJob, job.result!, path);
      expect(history.get(id)!.thumbnails).toBeUndefined();
      expect(readdirSync(join(profile, 'thumbnails-pending'))).toEqual([`${id}.png`]);
      expect(await pending.makeAll()).toBe(1);
      expect(Object.keys(history.get(id)!.thumbnails!).sort()).toEqual(['avatar', 'large', 'square']);
    });
  });
});
