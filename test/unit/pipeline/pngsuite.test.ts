import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageError, processImage } from '../../../electron/core/pipeline/index.js';
import { filesIn, pngHeaderSize, pngSuiteDir } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

const dir = pngSuiteDir();
const all = readdirSync(dir).filter((name) => name.endsWith('.png'));
const corrupt = all.filter((name) => name.startsWith('x'));
const valid = all.filter((name) => !name.startsWith('x'));

/** Straight-alpha RGBA as sharp decodes it; colour under alpha 0 is invisible and zeroed. */
async function visible(input: string | Buffer): Promise<Buffer> {
  const data = await sharp(input).ensureAlpha().raw().toBuffer();
  for (let i = 0; i < data.length; i += 4) if (data[i + 3] === 0) data.fill(0, i, i + 3);
  return data;
}

describe('PngSuite', () => {
  it('has the whole corpus', () => {
    expect(corrupt.length).toBe(14);
    expect(valid.length).toBeGreaterThan(150);
  });

  it.each(corrupt)('%s is refused with a message naming it, and nothing is written', async (name) => {
    const out = await tempProfile();
    const error = await processImage({ kind: 'file', path: join(dir, name), name }, { out: { path: join(out, 'out.png') } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as ImageError).code).toBe('image_corrupt');
    expect((error as ImageError).message).toMatch(new RegExp(`^${name.replace('.', '\\.')} is damaged: .+\\. Open it in an image editor`));
    expect(await filesIn(out)).toEqual([]);
  });

  it.each(valid)('%s → PNG without a pixel changed, and → JPEG at the same size', async (name) => {
    const out = await tempProfile();
    const path = join(dir, name);
    const size = pngHeaderSize(await readFile(path));
    const png = await processImage({ kind: 'file', path }, { out: { path: join(out, 'out.png') }, format: 'png' });
    expect(png).toMatchObject({ format: 'png', mime: 'image/png', ...size });
    expect(pngHeaderSize(await readFile(png.path))).toEqual(size);
    // 16-bit files come out as 8-bit, which is how sharp decodes both sides here.
    expect((await visible(png.path)).equals(await visible(path))).toBe(true);

    const jpeg = await processImage({ kind: 'file', path }, { out: { path: join(out, 'out.jpg') }, format: 'jpeg' });
    expect(jpeg).toMatchObject({ format: 'jpeg', mime: 'image/jpeg', ...size });
    const meta = await sharp(jpeg.path).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', size.width, size.height]);
  });
});
