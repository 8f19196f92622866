import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeThumbnails, processImage, type ImageInput } from '../../../electron/core/pipeline/index.js';
import {
  colourDistance,
  filesIn,
  fromRaw,
  noise,
  paint,
  pixelAt,
  pngChunkTypes,
  pngColourType,
  rgba,
  write,
} from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

/** A 300×200 picture with a distinct colour in each 100×100 cell, so crops are checkable. */
const CELLS = [
  [200, 40, 40], [40, 200, 40], [40, 40, 200],
  [200, 200, 40], [40, 200, 200], [200, 40, 200],
];
const grid = (x: number, y: number) => CELLS[Math.floor(y / 100) * 3 + Math.floor(x / 100)]!;

async function gridFile(dir: string, name = 'grid.png') {
  return write(dir, name, await fromRaw(paint(300, 200, grid), 300, 200).png().toBuffer());
}

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  png: (b) => b.subarray(1, 4).toString('latin1') === 'PNG',
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8,
  webp: (b) => b.toString('latin1', 8, 12) === 'WEBP',
  avif: (b) => b.toString('latin1', 4, 12) === 'ftypavif',
  gif: (b) => b.toString('latin1', 0, 3) === 'GIF',
};

describe('decode', () => {
  it('reads PNG, JPEG, GIF, WebP, AVIF and TIFF, from a file or from memory', async () => {
    const dir = await tempProfile();
    const image = () => fromRaw(paint(64, 48, grid), 64, 48);
    const inputs = {
      png: await image().png().toBuffer(),
      jpeg: await image().jpeg().toBuffer(),
      gif: await image().gif().toBuffer(),
      webp: await image().webp().toBuffer(),
      avif: await image().avif({ effort: 0 }).toBuffer(),
      tiff: await image().tiff().toBuffer(),
    };
    for (const [format, data] of Object.entries(inputs)) {
      const path = await write(dir, `in.${format}`, data);
      for (const input of [{ kind: 'file', path }, { kind: 'buffer', data, name: `dropped.${format}` }] satisfies ImageInput[]) {
        const result = await processImage(input, { out: { dir, name: `out-${format}-${input.kind}` }, format: 'png' });
        expect(result, `${format} from ${input.kind}`).toMatchObject({ format: 'png', width: 64, height: 48, sourceFormat: format });
      }
    }
  });

  it('takes a BGRA screen capture as it comes and encodes it once, with the right colours', async () => {
    const dir = await tempProfile();
    const [width, height] = [40, 20];
    // Left half pure red, right half pure blue, in BGRA byte order.
    const bgra = paint(width, height, (x) => (x < 20 ? [0, 0, 255] : [255, 0, 0]));
    const capture: ImageInput = { kind: 'raw', data: bgra, width, height, order: 'bgra', scaleFactor: 2 };
    const result = await processImage(capture, { out: { dir, name: 'capture' } });
    expect(result).toMatchObject({ format: 'png', width, height, sourceFormat: 'raw', path: join(dir, 'capture.png') });
    const out = await rgba(result.path);
    expect(pixelAt(out, 5, 5)).toEqual([255, 0, 0, 255]);
    expect(pixelAt(out, 35, 5)).toEqual([0, 0, 255, 255]);
    // The caller's bitmap is left as it was.
    expect([...bgra.subarray(0, 4)]).toEqual([0, 0, 255, 255]);

    const asRgba = await processImage({ ...capture, order: 'rgba' }, { out: { dir, name: 'rgba' } });
    expect(pixelAt(await rgba(asRgba.path), 5, 5)).toEqual([0, 0, 255, 255]);
  });
});

describe('crop', () => {
  it('keeps exactly the region, in physical pixels', async () => {
    const dir = await tempProfile();
    const result = await processImage({ kind: 'file', path: await gridFile(dir) }, { out: { dir, name: 'crop' }, crop: { x: 90, y: 80, width: 120, height: 40 } });
    expect([result.width, result.height]).toEqual([120, 40]);
    const out = await rgba(result.path);
    expect(pixelAt(out, 0, 0).slice(0, 3)).toEqual(CELLS[0]); // (90,80)
    expect(pixelAt(out, 10, 0).slice(0, 3)).toEqual(CELLS[1]); // (100,80)
    expect(pixelAt(out, 10, 20).slice(0, 3)).toEqual(CELLS[4]); // (100,100)
    expect(pixelAt(out, 119, 39).slice(0, 3)).toEqual(CELLS[5]); // (209,119)
  });

  it('crops a screen capture before encoding it', async () => {
    const dir = await tempProfile();
    const capture: ImageInput = { kind: 'raw', data: paint(300, 200, (x, y) => [...grid(x, y)].reverse()), width: 300, height: 200, order: 'bgra' };
    const result = await processImage(capture, { out: { dir, name: 'region' }, crop: { x: 200, y: 100, width: 100, height: 100 } });
    expect([result.width, result.height]).toEqual([100, 100]);
    expect(pixelAt(await rgba(result.path), 50, 50).slice(0, 3)).toEqual(CELLS[5]);
  });

  it('clamps a region that spills over the edge, and refuses one outside the image', async () => {
    const dir = await tempProfile();
    const path = await gridFile(dir);
    const spill = await processImage({ kind: 'file', path }, { out: { dir, name: 'spill' }, crop: { x: 250, y: 150, width: 100, height: 100 } });
    expect([spill.width, spill.height]).toEqual([50, 50]);
    await expect(processImage({ kind: 'file', path }, { out: { dir, name: 'outside' }, crop: { x: 400, y: 0, width: 10, height: 10 } })).rejects.toMatchObject({
      code: 'image_bad_options',
      message: expect.stringContaining('lies outside'),
    });
    await expect(processImage({ kind: 'file', path }, { out: { dir, name: 'half' }, crop: { x: 0.5, y: 0, width: 10, height: 10 } })).rejects.toMatchObject({
      code: 'image_bad_options',
    });
  });
});

describe('resize', () => {
  it('fits within the maximum width and height, keeping the aspect ratio', async () => {
    const dir = await tempProfile();
    const path = await gridFile(dir);
    const byWidth = await processImage({ kind: 'file', path }, { out: { dir, name: 'w' }, maxWidth: 150 });
    expect([byWidth.width, byWidth.height]).toEqual([150, 100]);
    const byHeight = await processImage({ kind: 'file', path }, { out: { dir, name: 'h' }, maxHeight: 50 });
    expect([byHeight.width, byHeight.height]).toEqual([75, 50]);
    const both = await processImage({ kind: 'file', path }, { out: { dir, name: 'b' }, maxWidth: 200, maxHeight: 50 });
    expect([both.width, both.height]).toEqual([75, 50]);
    const meta = await sharp(both.path).metadata();
    expect([meta.width, meta.height]).toEqual([75, 50]);
  });

  it('never upscales', async () => {
    const dir = await tempProfile();
    const result = await processImage({ kind: 'file', path: await gridFile(dir) }, { out: { dir, name: 'same' }, maxWidth: 4000, maxHeight: 4000 });
    expect([result.width, result.height]).toEqual([300, 200]);
  });

  it('keeps straight alpha through a resize (semi-transparent colours do not darken)', async () => {
    const dir = await tempProfile();
    const path = await write(dir, 'glass.png', await fromRaw(paint(64, 64, () => [200, 100, 50, 100]), 64, 64).png().toBuffer());
    const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'small' }, maxWidth: 32 });
    const pixel = pixelAt(await rgba(result.path), 16, 16);
    expect(colourDistance(pixel, [200, 100, 50])).toBeLessThanOrEqual(2);
    expect(pixel[3]).toBe(100);
  });
});

describe('encode', () => {
  it('writes each format, with its extension and MIME type', async () => {
    const dir = await tempProfile();
    const path = await write(dir, 'photo.png', await fromRaw(noise(120, 80), 120, 80).png().toBuffer());
    for (const format of ['png', 'jpeg', 'webp', 'avif'] as const) {
      const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'out' }, format });
      const bytes = await readFile(result.path);
      expect(MAGIC[format]!(bytes), format).toBe(true);
      expect(result).toMatchObject({ format, bytes: bytes.length, width: 120, height: 80, frames: 1 });
      expect(result.path).toBe(join(dir, `out.${format === 'jpeg' ? 'jpg' : format}`));
      expect(result.mime).toBe(`image/${format}`);
    }
  });

  it('quality trades size for fidelity in JPEG, WebP and AVIF', async () => {
    const dir = await tempProfile();
    const path = await write(dir, 'photo.png', await fromRaw(noise(200, 150), 200, 150).png().toBuffer());
    for (const format of ['jpeg', 'webp', 'avif'] as const) {
      const low = await processImage({ kind: 'file', path }, { out: { dir, name: `low-${format}` }, format, quality: { [format]: 20 } });
      const high = await processImage({ kind: 'file', path }, { out: { dir, name: `high-${format}` }, format, quality: { [format]: 95 } });
      expect(low.bytes, format).toBeLessThan(high.bytes);
    }
  });

  it('flattens transparency onto white for JPEG', async () => {
    const dir = await tempProfile();
    const path = await write(dir, 'clear.png', await fromRaw(paint(16, 16, () => [0, 0, 0, 0]), 16, 16).png().toBuffer());
    const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'flat' }, format: 'jpeg' });
    expect(colourDistance(pixelAt(await rgba(result.path), 8, 8), [255, 255, 255])).toBeLessThan(3);
  });

  it("'auto' keeps the source format, follows the uploader's preference, and makes TIFF and captures PNG", async () => {
    const dir = await tempProfile();
    const image = () => fromRaw(paint(32, 32, grid), 32, 32);
    const groupme = { capabilities: { preferredFormat: 'jpeg' as const } };
    const webp = await write(dir, 'a.webp', await image().webp().toBuffer());
    const tiff = await write(dir, 'a.tiff', await image().tiff().toBuffer());
    const capture: ImageInput = { kind: 'raw', data: paint(8, 8, () => [1, 2, 3]), width: 8, height: 8, order: 'bgra' };
    expect((await processImage({ kind: 'file', path: webp }, { out: { dir, name: 'w' } })).format).toBe('webp');
    expect((await processImage({ kind: 'file', path: webp }, { out: { dir, name: 'g' }, preferredFormat: groupme.capabilities.preferredFormat })).format).toBe('jpeg');
    expect((await processImage({ kind: 'file', path: tiff }, { out: { dir, name: 't' } })).format).toBe('png');
    expect((await processImage(capture, { out: { dir, name: 'c' } })).format).toBe('png');
    expect((await processImage(capture, { out: { dir, name: 'cg' }, preferredFormat: groupme.capabilities.preferredFormat })).format).toBe('jpeg');
    // An explicit choice beats the uploader's preference.
    expect((await processImage(capture, { out: { dir, name: 'ca' }, preferredFormat: groupme.capabilities.preferredFormat, format: 'avif' })).format).toBe('avif');
  });

  it('refuses a size the format cannot hold, before encoding', async () => {
    const dir = await tempProfile();
    const capture: ImageInput = { kind: 'raw', data: Buffer.alloc(17_000 * 2 * 4), width: 17_000, height: 2, order: 'rgba' };
    await expect(processImage(capture, { out: { dir, name: 'wide' }, format: 'webp' })).rejects.toMatchObject({
      code: 'image_bad_options',
      message: expect.stringContaining('WebP images can be at most 16383 pixels on a side'),
    });
    expect(await filesIn(dir)).toEqual([]);
  });
});

describe('screenshot PNGs', () => {
  it('drop an alpha channel that is opaque everywhere', async () => {
    const dir = await tempProfile();
    const capture: ImageInput = { kind: 'raw', data: noise(64, 64), width: 64, height: 64, order: 'bgra' };
    const result = await processImage(capture, { out: { dir, name: 'opaque' } });
    expect(pngColourType(await readFile(result.path))).toBe(2);
  });

  it('use a palette when at most 256 colours make the picture, losing nothing', async () => {
    const dir = await tempProfile();
    // 200 distinct colours, some with partial transparency, as a flat UI with a shadow has.
    const colours = Array.from({ length: 200 }, (_, i) => [i, 255 - i, (i * 7) % 256, i % 5 === 0 ? 128 : 255]);
    const data = paint(320, 200, (x, y) => colours[(x * 3 + y * 11) % 200]!);
    const result = await processImage({ kind: 'raw', data, width: 320, height: 200, order: 'rgba' }, { out: { dir, name: 'ui' } });
    const png = await readFile(result.path);
    expect(pngColourType(png)).toBe(3);
    expect(pngChunkTypes(png)).toContain('tRNS');
    expect((await rgba(png)).data.equals(data)).toBe(true);
  });

  it('stay truecolour, and exact, when there are more than 256 colours', async () => {
    const dir = await tempProfile();
    const data = noise(64, 64);
    const result = await processImage({ kind: 'raw', data, width: 64, height: 64, order: 'rgba' }, { out: { dir, name: 'photo' } });
    expect(pngColourType(await readFile(result.path))).toBe(2);
    expect((await rgba(result.path)).data.equals(data)).toBe(true);
  });

  it('record their density: 72 dpi, 144 for a capture of a 2× display, else what the file says', async () => {
    const dir = await tempProfile();
    /** Pixels per inch from the pHYs chunk (pixels per metre), independent of any decoder. */
    const dpi = (png: Buffer) => {
      const at = png.indexOf('pHYs', 8, 'latin1');
      expect(png[at + 12], 'unit is the metre').toBe(1);
      return Math.round(png.readUInt32BE(at + 4) * 0.0254);
    };
    const capture = (scaleFactor: number): ImageInput => ({ kind: 'raw', data: noise(16, 16), width: 16, height: 16, order: 'bgra', scaleFactor });
    expect(dpi(await readFile((await processImage(capture(1), { out: { dir, name: 'x1' } })).path))).toBe(72);
    expect(dpi(await readFile((await processImage(capture(2), { out: { dir, name: 'x2' } })).path))).toBe(144);
    const scan = await write(dir, 'scan.jpg', await fromRaw(noise(16, 16), 16, 16).withMetadata({ density: 300 }).jpeg().toBuffer());
    expect(dpi(await readFile((await processImage({ kind: 'file', path: scan }, { out: { dir, name: 'scan' }, format: 'png' })).path))).toBe(300);
    const flat = await processImage({ kind: 'raw', data: paint(16, 16, () => [9, 9, 9]), width: 16, height: 16, order: 'rgba', scaleFactor: 1.5 }, { out: { dir, name: 'flat' } });
    expect(dpi(await readFile(flat.path))).toBe(108);
  });

  it('carry no metadata chunks', async () => {
    const dir = await tempProfile();
    const result = await processImage({ kind: 'raw', data: noise(16, 16), width: 16, height: 16, order: 'bgra' }, { out: { dir, name: 'bare' } });
    const chunks = pngChunkTypes(await readFile(result.path));
    expect(chunks.filter((c) => ['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME'].includes(c))).toEqual([]);
  });
});

describe('thumbnails', () => {
  it('makes the three history thumbnails from one image: 200² and 60² centre crops, 960 longest side', async () => {
    const dir = await tempProfile();
    // 1600×900 with a red band down the middle: a centre crop is mostly red, the edges are not.
    const path = await write(dir, 'wide.png', await fromRaw(paint(1600, 900, (x) => (x >= 650 && x < 950 ? [220, 20, 20] : [20, 20, 220])), 1600, 900).png().toBuffer());
    const thumbs = await makeThumbnails({ kind: 'file', path }, { dir, name: 'h1' });
    const byKind = Object.fromEntries(thumbs.map((t) => [t.kind, t]));
    expect(byKind.square).toMatchObject({ width: 200, height: 200, mime: 'image/webp', path: join(dir, 'h1.square.webp') });
    expect(byKind.large).toMatchObject({ width: 960, height: 540, path: join(dir, 'h1.large.webp') });
    expect(byKind.avatar).toMatchObject({ width: 60, height: 60, path: join(dir, 'h1.avatar.webp') });
    for (const t of thumbs) {
      const bytes = await readFile(t.path);
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height, bytes.length]).toEqual(['webp', t.width, t.height, t.bytes]);
    }
    // The 900×900 centre square spans x 350..1250: red from 650 to 950 sits in its middle third.
    const preview = await rgba(byKind.square!.path);
    expect(colourDistance(pixelAt(preview, 100, 100), [220, 20, 20])).toBeLessThan(30);
    expect(colourDistance(pixelAt(preview, 10, 100), [20, 20, 220])).toBeLessThan(30);
  });

  it('never enlarges a small image', async () => {
    const dir = await tempProfile();
    const path = await write(dir, 'tiny.png', await fromRaw(noise(120, 40), 120, 40).png().toBuffer());
    const thumbs = await makeThumbnails({ kind: 'file', path }, { dir, name: 'tiny' });
    expect(thumbs.map((t) => [t.kind, t.width, t.height])).toEqual([
      ['square', 40, 40],
      ['large', 120, 40],
      ['avatar', 40, 40],
    ]);
  });

  it('come with the upload-ready image from the same job', async () => {
    const dir = await tempProfile();
    const capture: ImageInput = { kind: 'raw', data: noise(1200, 800), width: 1200, height: 800, order: 'bgra' };
    const result = await processImage(capture, { out: { dir, name: 'shot' }, thumbnails: { dir, name: 'shot' }, maxWidth: 1000 });
    expect(result.thumbnails?.map((t) => [t.kind, t.width, t.height])).toEqual([
      ['square', 200, 200],
      ['large', 960, 640],
      ['avatar', 60, 60],
    ]);
    expect(await filesIn(dir)).toEqual(['shot.avatar.webp', 'shot.large.webp', 'shot.png', 'shot.square.webp']);
  });
});
