import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processImage } from '../../../electron/core/pipeline/index.js';
import { colourDistance, fromRaw, paint, pixelAt, rgba, write } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

const FRAMES = 6;
const DELAYS = [100, 250, 100, 250, 100, 500];
const frameColour = (f: number) => [40 * f, 255 - 40 * f, 128];

/** FRAMES frames of 80×60, each one flat colour, stacked as sharp expects. */
function frames(): Buffer {
  return paint(80, 60 * FRAMES, (_, y) => frameColour(Math.floor(y / 60)));
}

async function animation(format: 'gif' | 'webp'): Promise<Buffer> {
  const image = fromRaw(frames(), 80, 60, FRAMES);
  return (format === 'gif' ? image.gif({ delay: DELAYS, loop: 0 }) : image.webp({ delay: DELAYS, loop: 0, lossless: true })).toBuffer();
}

describe('animations', () => {
  it.each(['gif', 'webp'] as const)('an animated %s keeps every frame, its timing and its loop', async (format) => {
    const dir = await tempProfile();
    const path = await write(dir, `moving.${format}`, await animation(format));
    const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'out' } });
    expect(result).toMatchObject({ format, frames: FRAMES, width: 80, height: 60 });
    const meta = await sharp(result.path, { animated: true }).metadata();
    expect([meta.pages, meta.pageHeight, meta.loop]).toEqual([FRAMES, 60, 0]);
    expect(meta.delay).toEqual(DELAYS);
    // Each frame still shows its own colour.
    const all = await sharp(result.path, { animated: true }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    for (let f = 0; f < FRAMES; f++) {
      expect(colourDistance(pixelAt({ data: all.data, width: 80 }, 40, f * 60 + 30), frameColour(f)), `frame ${f}`).toBeLessThan(12);
    }
  });

  it('a GIF resized to a maximum width resizes every frame', async () => {
    const dir = await tempProfile();
    const path = await write(dir, 'moving.gif', await animation('gif'));
    const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'small' }, maxWidth: 40 });
    expect(result).toMatchObject({ format: 'gif', frames: FRAMES, width: 40, height: 30 });
    const meta = await sharp(result.path, { animated: true }).metadata();
    expect([meta.width, meta.pageHeight, meta.pages]).toEqual([40, 30, FRAMES]);
  });

  it('stays animated for an uploader that prefers JPEG, and becomes a still when a still format is asked for', async () => {
    const dir = await tempProfile();
    const path = await write(dir, 'moving.gif', await animation('gif'));
    const groupme = { capabilities: { preferredFormat: 'jpeg' as const } };
    expect(await processImage({ kind: 'file', path }, { out: { dir, name: 'gm' }, preferredFormat: groupme.capabilities.preferredFormat })).toMatchObject({ format: 'gif', frames: FRAMES });
    const still = await processImage({ kind: 'file', path }, { out: { dir, name: 'still' }, format: 'png' });
    expect(still).toMatchObject({ format: 'png', frames: 1, width: 80, height: 60 });
    expect(colourDistance(pixelAt(await rgba(still.path), 40, 30), frameColour(0))).toBeLessThan(12);
    const webp = await processImage({ kind: 'file', path }, { out: { dir, name: 'webp' }, format: 'webp' });
    expect(webp).toMatchObject({ format: 'webp', frames: FRAMES });
    expect((await sharp(webp.path, { animated: true }).metadata()).pages).toBe(FRAMES);
  });

  it('refuses to crop an animation rather than dropping its frames', async () => {
    const dir = await tempProfile();
    const path = await write(dir, 'moving.gif', await animation('gif'));
    await expect(processImage({ kind: 'file', path }, { out: { dir, name: 'c' }, crop: { x: 0, y: 0, width: 10, height: 10 } })).rejects.toMatchObject({
      code: 'image_bad_options',
      message: expect.stringContaining('cropping an animation is not supported'),
    });
  });
});

describe('long animations', () => {
  it('keep every frame, even repeated ones, and are limited by the frame size, not the stack', async () => {
    const dir = await tempProfile();
    // 200 frames of 100×100: stacked, 20,000 pixels tall, more than WebP allows on a side.
    const count = 200;
    const data = paint(100, 100 * count, (_, y) => [Math.floor(Math.floor(y / 100) / 2) % 256, 90, 160]);
    const path = await write(dir, 'long.gif', await fromRaw(data, 100, 100, count).gif({ delay: Array(count).fill(40), keepDuplicateFrames: true }).toBuffer());
    const gif = await processImage({ kind: 'file', path }, { out: { dir, name: 'long' } });
    expect(gif).toMatchObject({ format: 'gif', frames: count, width: 100, height: 100 });
    expect((await sharp(gif.path, { animated: true }).metadata()).pages).toBe(count);
    const webp = await processImage({ kind: 'file', path }, { out: { dir, name: 'long' }, format: 'webp' });
    const meta = await sharp(webp.path, { animated: true }).metadata();
    // WebP folds each repeated frame into the one before, so it shows the same for as long.
    expect(webp.frames).toBe(meta.pages);
    expect(meta.delay?.reduce((a, b) => a + b)).toBe(count * 40);
  });
});
