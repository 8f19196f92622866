import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageError, processImage, type ImageInput } from '../../../electron/core/pipeline/index.js';
import { filesIn, noise, fromRaw, pixelBombs, write } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

/** Runs the pipeline on a file that must fail; returns the error and what was left in `out/`. */
async function failOn(dir: string, name: string, data: Buffer | string, options: { pixelLimit?: number } = {}) {
  const path = await write(dir, name, data);
  const out = join(dir, 'out');
  await mkdir(out, { recursive: true });
  const error = await processImage({ kind: 'file', path }, { out: { path: join(out, 'result.png') }, thumbnails: { dir: out, name: 'result' }, ...options }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error, `${name} should have been refused`).toBeInstanceOf(ImageError);
  return { error: error as ImageError, left: await filesIn(out) };
}

async function validImages(): Promise<Record<string, Buffer>> {
  const image = () => fromRaw(noise(160, 120), 160, 120);
  return {
    'photo.png': await image().png().toBuffer(),
    'photo.jpg': await image().jpeg().toBuffer(),
    'photo.gif': await image().gif().toBuffer(),
    'photo.webp': await image().webp().toBuffer(),
    'photo.avif': await image().avif({ effort: 0 }).toBuffer(),
  };
}

describe('bad input gets a clear error naming the file, and leaves nothing behind', () => {
  it('an empty file', async () => {
    const dir = await tempProfile();
    const { error, left } = await failOn(dir, 'empty.png', Buffer.alloc(0));
    expect(error.code).toBe('image_empty');
    expect(error.message).toContain('empty.png is empty (0 bytes)');
    expect(left).toEqual([]);
  });

  it('a file that does not exist, and a folder', async () => {
    const dir = await tempProfile();
    const missing = await processImage({ kind: 'file', path: join(dir, 'nope.png') }, { out: { path: join(dir, 'x.png') } }).catch((e: ImageError) => e);
    expect(missing).toMatchObject({ code: 'image_not_found', message: expect.stringContaining('nope.png does not exist') });
    const folder = await processImage({ kind: 'file', path: dir }, { out: { path: join(dir, 'x.png') } }).catch((e: ImageError) => e);
    expect(folder).toMatchObject({ code: 'image_unsupported', message: expect.stringContaining('is a folder, not an image') });
    expect(await filesIn(dir)).toEqual([]);
  });

  it('files cut short, in every format, at several points', async () => {
    const dir = await tempProfile();
    for (const [name, data] of Object.entries(await validImages())) {
      for (const keep of [0.98, 0.6, 0.25]) {
        const cut = `cut-${Math.round(keep * 100)}-${name}`;
        const { error, left } = await failOn(dir, cut, data.subarray(0, Math.floor(data.length * keep)));
        expect(error.code, cut).toBe('image_truncated');
        expect(error.message).toContain(`${cut} is cut short`);
        expect(left).toEqual([]);
      }
    }
  });

  it('files that are not images say what they are', async () => {
    const dir = await tempProfile();
    const cases: Array<[string, Buffer | string, string]> = [
      ['notes.png', 'Meeting notes\nBring the slides.\n', 'is a text file, not an image'],
      ['archive.jpg', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]), 'is a ZIP archive'],
      ['report.png', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'is a PDF document, not an image'],
      ['random.bin', Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 97 + 13) % 256)), 'is not an image Shotput can read'],
    ];
    for (const [name, data, what] of cases) {
      const { error, left } = await failOn(dir, name, data);
      expect(error.code, name).toBe('image_unsupported');
      expect(error.message).toContain(`${name} ${what}`);
      expect(error.message).toContain('Shotput reads PNG, JPEG, GIF, WebP, AVIF and TIFF');
      expect(left).toEqual([]);
    }
  });

  it('images in formats Shotput does not read say which format and what to do', async () => {
    const dir = await tempProfile();
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic'), Buffer.alloc(40)]);
    const cases: Array<[string, Buffer | string, string]> = [
      ['old.bmp', Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]), 'is a BMP image, which Shotput cannot read'],
      ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', 'is an SVG drawing'],
      ['icon.png', '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg/>', 'is an SVG drawing'],
      ['IMG_0001.HEIC', heic, 'is a HEIC photo'],
      ['design.psd', Buffer.concat([Buffer.from('8BPS'), Buffer.alloc(60)]), 'is a Photoshop document (PSD)'],
    ];
    for (const [name, data, what] of cases) {
      const { error, left } = await failOn(dir, name, data);
      expect(error.code, name).toBe('image_unsupported');
      expect(error.message).toContain(`${name} ${what}`);
      expect(left).toEqual([]);
    }
  });

  it('pixel bombs are refused from the header, before any pixel is decoded', async () => {
    // Each file is a 16×16 image whose header claims billions of pixels: decoding it would fail
    // on the missing data (image_corrupt/image_truncated), so image_too_many_pixels proves the
    // refusal came from the header alone.
    const dir = await tempProfile();
    for (const [name, data] of Object.entries(await pixelBombs())) {
      const { error, left } = await failOn(dir, name, data);
      expect(error.code, name).toBe('image_too_many_pixels');
      expect(error.message).toMatch(new RegExp(`/${name.replace('.', '\\.')} is \\d+×\\d+ pixels \\([\\d.,]+ megapixels\\), more than the 40 megapixels`));
      expect(error.message).toContain('raise pipeline.pixelLimit');
      expect(left).toEqual([]);
    }
  });

  it('the pixel limit is a setting: a normal image over a lowered limit is refused', async () => {
    const dir = await tempProfile();
    const photo = await fromRaw(noise(300, 200), 300, 200).png().toBuffer();
    const { error } = await failOn(dir, 'wide.png', photo, { pixelLimit: 50_000 });
    expect(error.code).toBe('image_too_many_pixels');
    expect(error.message).toContain('300×200 pixels (0.06 megapixels), more than the 0.05 megapixels Shotput opens');
  });

  it('a raw bitmap whose size does not match its bytes is refused', async () => {
    const dir = await tempProfile();
    const input: ImageInput = { kind: 'raw', data: Buffer.alloc(100), width: 10, height: 10, order: 'bgra', name: 'capture' };
    await expect(processImage(input, { out: { path: join(dir, 'x.png') } })).rejects.toMatchObject({
      code: 'image_bad_options',
      message: 'capture cannot be processed: a 10×10 bitmap needs 400 bytes, but 100 came.',
    });
    expect(await filesIn(dir)).toEqual([]);
  });

  it('a failure never replaces an existing output file', async () => {
    const dir = await tempProfile();
    const previous = await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } }).png().toBuffer();
    const out = await write(dir, 'keep.png', previous);
    const bad = await write(dir, 'bad.png', previous.subarray(0, 40));
    await expect(processImage({ kind: 'file', path: bad }, { out: { path: out } })).rejects.toMatchObject({ code: 'image_truncated' });
    expect((await sharp(out).metadata()).width).toBe(4);
    expect(await filesIn(dir)).toEqual(['bad.png', 'keep.png']);
  });

  it('an output folder that does not exist is reported, with no temporary file left', async () => {
    const dir = await tempProfile();
    const photo = await write(dir, 'photo.png', await fromRaw(noise(20, 20), 20, 20).png().toBuffer());
    const target = join(dir, 'missing', 'out.png');
    await expect(processImage({ kind: 'file', path: photo }, { out: { path: target } })).rejects.toMatchObject({
      code: 'image_write_failed',
      message: expect.stringContaining(`the folder ${join(dir, 'missing')} does not exist`),
    });
    expect(await filesIn(dir)).toEqual(['photo.png']);
  });
});
