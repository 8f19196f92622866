/**
 * An image over the uploader's size limit, as the upload queue prepares it: made to fit the way
 * pipeline.fitToLimit says (a lossless attempt first), with a note saying what was done, or
 * refused naming the limit, never to be retried.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pipelinePreparer } from '../../../electron/core/uploads/pipeline-adapters.js';
import type { UploaderDescriptor } from '../../../electron/core/uploaders/types.js';
import { openTestCore } from '../../support/core.js';
import { fromRaw, noise, paint, rgba, write } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

function host(maxBytes: number, formats?: UploaderDescriptor['capabilities']['formats']): UploaderDescriptor {
  return {
    id: 'test',
    label: 'Test host',
    settings: [],
    capabilities: { albums: false, delete: false, remoteUrl: false, expiration: [], maxBytes, accepts: 'image', ...(formats ? { formats } : {}) },
  };
}

/** 300×200 of noise stored without compression: 240 KB, about 206 KB as a well-compressed PNG. */
async function setUp(fit: string) {
  const dir = await tempProfile();
  const core = await openTestCore(join(dir, 'profile'));
  await core.settings.setFromText('pipeline.fitToLimit', fit);
  const jobDir = join(dir, 'job');
  await mkdir(jobDir);
  const shot = await write(dir, 'shot.png', await fromRaw(noise(300, 200), 300, 200).png({ compressionLevel: 0 }).toBuffer());
  const prepare = (descriptor: UploaderDescriptor, path = shot) => pipelinePreparer(core.settings)({ path, name: 'shot.png' }, descriptor, jobDir);
  return { dir, core, jobDir, shot, prepare };
}

describe('an image over the uploader\'s size limit', () => {
  it('is re-encoded at the first JPEG quality that fits, with a note saying so', async () => {
    const { jobDir, shot, prepare } = await setUp('quality');
    const prepared = await prepare(host(30_000));
    expect(prepared).toMatchObject({ file: 'shot.jpg', name: 'shot.jpg', mime: 'image/jpeg' });
    const bytes = await readFile(join(jobDir, prepared.file));
    expect(bytes.length).toBeLessThanOrEqual(30_000);
    expect(prepared.size).toBe(bytes.length);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 300, height: 200 });
    const quality = Number(/^Re-encoded as JPEG quality (\d+) to fit Test host's 29 KB limit \(235 KB → \d+ KB\)\.$/.exec(prepared.note ?? '')?.[1]);
    // The first step that fits: one step better would have been over the limit.
    expect(quality).toBeLessThan(85);
    const better = await sharp(shot).jpeg({ quality: quality + 10, optimiseCoding: true, chromaSubsampling: '4:2:0' }).toBuffer();
    expect(better.length).toBeGreaterThan(30_000);
    // The PNG the pipeline made first is gone: one file per job.
    expect(await stat(join(jobDir, 'shot.png')).catch(() => undefined)).toBeUndefined();
  });

  it('keeps transparency in WebP where the host takes it', async () => {
    const { dir, jobDir, prepare } = await setUp('quality');
    const seeThrough = paint(300, 200, (x, y) => [(x * 7) % 256, (y * 13) % 256, (x * y) % 256, x < 150 ? 0 : 255]);
    const path = await write(dir, 'glass.png', await fromRaw(seeThrough, 300, 200).png({ compressionLevel: 0 }).toBuffer());
    const prepared = await prepare(host(20_000, ['png', 'jpeg', 'webp']), path);
    expect(prepared.mime).toBe('image/webp');
    expect(prepared.note).toMatch(/^Re-encoded as WebP quality \d+ to fit/);
    const decoded = await rgba(join(jobDir, prepared.file));
    expect(decoded.data[3]).toBe(0);
  });

  it('is scaled down to the first size that fits when the user chose sizes', async () => {
    const { jobDir, prepare } = await setUp('size');
    const prepared = await prepare(host(50_000));
    expect(prepared).toMatchObject({ file: 'shot.png', mime: 'image/png' });
    expect(prepared.size).toBeLessThanOrEqual(50_000);
    expect(await sharp(join(jobDir, prepared.file)).metadata()).toMatchObject({ format: 'png', width: 150, height: 100 });
    expect(prepared.note).toMatch(/^Scaled down to 150×100 \(50%\) to fit Test host's 49 KB limit \(235 KB → \d+ KB\)\.$/);
  });

  it('is first recompressed without loss, when that is enough', async () => {
    const { jobDir, shot, prepare } = await setUp('quality');
    const prepared = await prepare(host(220_000));
    expect(prepared).toMatchObject({ file: 'shot.png', mime: 'image/png' });
    expect(prepared.size).toBeLessThanOrEqual(220_000);
    expect(prepared.note).toMatch(/^Recompressed without loss as a smaller PNG to fit Test host's 215 KB limit/);
    const [before, after] = await Promise.all([rgba(shot), rgba(join(jobDir, prepared.file))]);
    expect(after.data.equals(before.data)).toBe(true);
  });

  it('is refused at once, naming the limit, when the user chose to refuse', async () => {
    const { prepare } = await setUp('refuse');
    const refusal = await prepare(host(30_000)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refusal).toMatchObject({
      code: 'too_big',
      retry: { kind: 'never' },
      message: expect.stringMatching(/^shot\.png is 235 KB; Test host accepts files up to 29 KB\. .*set to refuse larger images/),
    });
  });

  it('is refused, naming the limit and the best try, when no step fits; never retried', async () => {
    const { prepare } = await setUp('quality');
    const refusal = await prepare(host(5_000)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refusal).toMatchObject({
      code: 'too_big',
      retry: { kind: 'never' },
      message: expect.stringMatching(/^shot\.png is 235 KB; Test host accepts files up to 5 KB\. Even as JPEG quality 40 it is \d+ KB\. .*scale images down/),
    });
  });

  it('is left alone when it fits', async () => {
    const { shot, prepare } = await setUp('quality');
    const prepared = await prepare(host(10_000_000));
    expect(prepared).toMatchObject({ file: 'shot.png', size: (await stat(shot)).size });
    expect(prepared.note).toBeUndefined();
  });
});
