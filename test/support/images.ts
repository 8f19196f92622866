import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The PngSuite conformance corpus (Willem van Schaik's, free to redistribute: see its LICENSE),
 * kept in test/fixtures so the sweep runs wherever the repository is cloned.
 * SHOTPUT_PNGSUITE_DIR points it at another copy. A missing corpus fails loudly rather than
 * skipping the sweep.
 */
export function pngSuiteDir(): string {
  const dir = process.env.SHOTPUT_PNGSUITE_DIR ?? resolve(repoRoot, 'test/fixtures/pngsuite');
  if (!existsSync(join(dir, 'basn2c08.png'))) {
    throw new Error(`PngSuite not found at ${dir}. Set SHOTPUT_PNGSUITE_DIR to the folder holding basn2c08.png and the other PngSuite files.`);
  }
  return dir;
}

/** Width and height straight from a PNG's IHDR, independent of any decoder. */
export function pngHeaderSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The PNG colour type from IHDR: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
export function pngColourType(png: Buffer): number {
  return png[25]!;
}

export function pngChunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    types.push(png.toString('latin1', at + 4, at + 8));
    at += 12 + length;
  }
  return types;
}

/** Decoded RGBA pixels of an image, for comparing what a viewer would show. */
export async function rgba(input: Buffer | string): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(input).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export function pixelAt(image: { data: Buffer; width: number }, x: number, y: number): [number, number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!];
}

/** Channel-wise distance between two colours. */
export function colourDistance(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.slice(0, 3).map((v, i) => Math.abs(v - b[i]!)));
}

/** A raw RGBA canvas filled by `colour(x, y)`. */
export function paint(width: number, height: number, colour: (x: number, y: number) => readonly number[]): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b, a = 255] = colour(x, y);
      data.set([r!, g!, b!, a], (y * width + x) * 4);
    }
  }
  return data;
}

export function fromRaw(data: Buffer, width: number, height: number, frames = 1): Sharp {
  return sharp(data, { raw: { width, height: height * frames, channels: 4, ...(frames > 1 ? { pageHeight: height } : {}) } });
}

/** Noise: more than 256 colours, the way a photo has. */
export function noise(width: number, height: number, seed = 7): Buffer {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24;
  return paint(width, height, () => [next(), next(), next()]);
}

export async function write(dir: string, name: string, data: Buffer | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

export async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** A real image whose header was rewritten to claim a huge size: a decompression bomb's shape. */
export async function pixelBombs(): Promise<Record<string, Buffer>> {
  const base = () => sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } });
  const png = await base().png().toBuffer();
  png.writeUInt32BE(100_000, 16);
  png.writeUInt32BE(100_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  const jpeg = await base().jpeg().toBuffer();
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(60_000, sof + 5);
  jpeg.writeUInt16BE(60_000, sof + 7);
  const gif = await base().gif().toBuffer();
  gif.writeUInt16LE(65_535, 6);
  gif.writeUInt16LE(65_535, 8);
  const descriptor = gif.indexOf(0x2c, 13);
  gif.writeUInt16LE(65_535, descriptor + 5);
  gif.writeUInt16LE(65_535, descriptor + 7);
  const webp = await base().webp().toBuffer();
  const frame = webp.indexOf(Buffer.from([0x9d, 0x01, 0x2a]));
  webp.writeUInt16LE(16_383, frame + 3);
  webp.writeUInt16LE(16_383, frame + 5);
  return { 'bomb.png': png, 'bomb.jpg': jpeg, 'bomb.gif': gif, 'bomb.webp': webp };
}

/**
 * A real PNG of about width × height × 3 bytes: noise, stored without compression, so its size
 * is predictable and any decoder accepts it.
 */
export async function writeNoisePng(path: string, width: number, height: number): Promise<number> {
  const info = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png({ compressionLevel: 0 })
    .toFile(path);
  return info.size;
}
