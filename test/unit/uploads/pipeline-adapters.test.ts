import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pipelinePreparer, pipelineThumbnailMaker } from '../../../electron/core/uploads/pipeline-adapters.js';
import type { UploaderDescriptor } from '../../../electron/core/uploaders/types.js';
import { openTestCore } from '../../support/core.js';
import { filesIn, fromRaw, noise, write } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

function descriptor(capabilities: Partial<UploaderDescriptor['capabilities']>): UploaderDescriptor {
  return {
    id: 'test',
    label: 'Test host',
    settings: [],
    capabilities: { albums: false, delete: false, remoteUrl: false, expiration: [], maxBytes: 10_000_000, accepts: 'image', ...capabilities },
  };
}

async function setUp() {
  const dir = await tempProfile();
  const core = await openTestCore(join(dir, 'profile'));
  const jobDir = join(dir, 'job');
  await mkdir(jobDir);
  const photo = await fromRaw(noise(400, 300), 400, 300).withExif({ IFD0: { Make: 'Shotput Test Camera' } }).jpeg().toBuffer();
  return { dir, core, jobDir, photo: await write(dir, 'holiday.jpg', photo) };
}

describe('the pipeline as the upload queue uses it', () => {
  it('prepares a file in the uploader\'s preferred format, metadata stripped, with a matching name', async () => {
    const { dir, core, jobDir } = await setUp();
    const shot = await write(dir, 'shot.png', await fromRaw(noise(300, 200), 300, 200).png().toBuffer());
    const prepared = await pipelinePreparer(core.settings)({ path: shot, name: 'shot.png' }, descriptor({ preferredFormat: 'jpeg' }), jobDir);
    expect(prepared).toMatchObject({ file: 'shot.jpg', name: 'shot.jpg', mime: 'image/jpeg' });
    const bytes = await readFile(join(jobDir, 'shot.jpg'));
    expect(prepared.size).toBe(bytes.length);
    expect((await sharp(bytes).metadata()).format).toBe('jpeg');
  });

  it('follows the pipeline settings at the time of the call', async () => {
    const { core, jobDir, photo } = await setUp();
    await core.settings.setFromText('pipeline.maxWidth', '200');
    const prepared = await pipelinePreparer(core.settings)({ path: photo, name: 'holiday.jpg' }, descriptor({}), jobDir);
    const meta = await sharp(join(jobDir, prepared.file)).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 200, 150, undefined]);
  });

  it('refuses a bad image for an image host with the pipeline\'s reason, but lets a file host take any file', async () => {
    const { dir, core, jobDir } = await setUp();
    const notes = await write(dir, 'notes.txt', 'not a picture\n');
    const prepare = pipelinePreparer(core.settings);
    await expect(prepare({ path: notes, name: 'notes.txt' }, descriptor({ accepts: 'image' }), jobDir)).rejects.toMatchObject({
      code: 'not_an_image',
      message: expect.stringContaining('notes.txt is not an image, and Test host accepts only images'),
    });
    const bmp = await write(dir, 'old.bmp', Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]));
    await expect(prepare({ path: bmp, name: 'old.bmp' }, descriptor({ accepts: 'image' }), jobDir)).rejects.toMatchObject({
      code: 'image_unsupported',
      message: expect.stringContaining('old.bmp is a BMP image, which Shotput cannot read'),
    });
    expect(await prepare({ path: notes, name: 'notes.txt' }, descriptor({ accepts: 'any' }), jobDir)).toMatchObject({ file: 'notes.txt', size: 14 });
    const cut = await write(dir, 'cut.png', (await readFile(join(dir, 'holiday.jpg'))).subarray(0, 500));
    await expect(prepare({ path: cut, name: 'cut.png' }, descriptor({ accepts: 'any' }), jobDir)).rejects.toMatchObject({ code: 'image_truncated' });
    expect(await filesIn(jobDir)).toEqual(['notes.txt']);
  });

  it('queues a captured bitmap from memory: encoded once into the job folder, no temp file on the way', async () => {
    const { dir, core } = await setUp();
    const job = await core.uploads.addImage('capture.png', { data: noise(120, 80), width: 120, height: 80, channels: 4, scaleFactor: 2 });
    const stored = join(dir, 'profile', 'queue', job.id, 'capture.png');
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height, meta.density]).toEqual(['png', 120, 80, 144]);
    expect(await filesIn(join(dir, 'profile'))).not.toContain('incoming');
    await expect(core.uploads.addImage('bad.png', { data: noise(10, 10), width: 12, height: 10, channels: 4 })).rejects.toMatchObject({
      code: 'image_bad_options',
    });
    await core.close();
  });

  it('queues dropped bytes from memory, and refuses empty ones by name', async () => {
    const { dir, core, photo } = await setUp();
    const job = await core.uploads.addData('holiday.jpg', await readFile(photo));
    expect(job.input).toBe('holiday.jpg');
    expect((await sharp(join(dir, 'profile', 'queue', job.id, 'holiday.jpg')).metadata()).exif).toBeUndefined();
    await expect(core.uploads.addData('blank.png', new Uint8Array())).rejects.toMatchObject({
      code: 'file_empty',
      message: 'blank.png is empty (0 bytes); there is nothing to upload.',
    });
    expect(await filesIn(join(dir, 'profile'))).not.toContain('incoming');
    await core.close();
  });

  it('makes the history thumbnails under the names history records use', async () => {
    const { dir, core, photo } = await setUp();
    const thumbnails = await pipelineThumbnailMaker(core.settings)(photo, join(dir, 'thumbnails'), 'rec-1');
    expect(thumbnails).toEqual({ square: 'rec-1.square.webp', large: 'rec-1.large.webp', avatar: 'rec-1.avatar.webp' });
    expect((await sharp(join(dir, 'thumbnails', 'rec-1.square.webp')).metadata()).width).toBe(200);
  });
});
