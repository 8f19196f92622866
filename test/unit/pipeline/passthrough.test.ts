import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processImage } from '../../../electron/core/pipeline/index.js';
import { fromRaw, noise, pngChunkTypes, rgba, write } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
  return out;
}

/** Inserts chunks right after IHDR (8-byte signature + 25-byte IHDR). */
function withChunks(png: Buffer, ...chunks: Buffer[]): Buffer {
  return Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);
}

/** The bytes of every chunk of a type, in order. */
function chunkBytes(png: Buffer, type: string): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === type) parts.push(png.subarray(at, at + 12 + length));
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

/** JPEG markers before the scan, as [marker, identifier]. */
function jpegSegments(jpeg: Buffer): Array<[number, string]> {
  const found: Array<[number, string]> = [];
  for (let at = 2; at + 4 <= jpeg.length; ) {
    const marker = jpeg[at + 1]!;
    if (marker === 0xda) break;
    const length = jpeg.readUInt16BE(at + 2);
    found.push([marker, jpeg.toString('latin1', at + 4, at + 4 + Math.min(11, length - 2)).replace(/\0.*/, '')]);
    at += 2 + length;
  }
  return found;
}

const scanOf = (jpeg: Buffer) => jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])));

async function basePng(): Promise<Buffer> {
  return fromRaw(noise(64, 48), 64, 48).png().toBuffer();
}

describe('images that need no change', () => {
  it('a PNG loses its text, time and EXIF chunks, keeps colour profile, gamma and transparency, and its pixel data byte for byte', async () => {
    const dir = await tempProfile();
    const base = await basePng();
    const input = withChunks(
      base,
      chunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
      chunk('tEXt', Buffer.from('Comment\0taken at home', 'latin1')),
      chunk('tIME', Buffer.from([7, 0xe8, 1, 2, 3, 4, 5])),
      chunk('eXIf', Buffer.from('MM\0*\0\0\0\x08\0\0', 'latin1')),
    );
    const path = await write(dir, 'in.png', input);
    const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'out' } });
    const output = await readFile(result.path);
    expect(pngChunkTypes(input)).toEqual(expect.arrayContaining(['tEXt', 'tIME', 'eXIf']));
    expect(pngChunkTypes(output).filter((t) => !pngChunkTypes(base).includes(t))).toEqual(['gAMA']);
    expect(chunkBytes(output, 'IDAT').equals(chunkBytes(base, 'IDAT'))).toBe(true);
    expect(result).toMatchObject({ format: 'png', width: 64, height: 48, bytes: output.length });
    expect((await rgba(output)).data.equals((await rgba(input)).data)).toBe(true);
  });

  it('a large PNG in hundreds of small chunks is checked to its end: a damaged chunk past the first megabyte goes to the decoder', async () => {
    const dir = await tempProfile();
    const base = await fromRaw(noise(800, 800), 800, 800).png({ compressionLevel: 0 }).toBuffer();
    const data = chunkBytes(base, 'IDAT');
    // The zlib stream of every IDAT, cut into 8 KB chunks as libpng writes them.
    const stream: Buffer[] = [];
    for (let at = 0; at + 12 <= data.length; at += 12 + data.readUInt32BE(at)) stream.push(data.subarray(at + 8, at + 8 + data.readUInt32BE(at)));
    const zlibData = Buffer.concat(stream);
    const idats: Buffer[] = [];
    for (let at = 0; at < zlibData.length; at += 8192) idats.push(chunk('IDAT', zlibData.subarray(at, at + 8192)));
    const input = Buffer.concat([base.subarray(0, 33), chunk('tEXt', Buffer.from('Comment\0hello', 'latin1')), ...idats, chunk('IEND', Buffer.alloc(0))]);
    expect(idats.length).toBeGreaterThan(200);
    const path = await write(dir, 'chunky.png', input);
    const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'out' } });
    const output = await readFile(result.path);
    expect(output.length).toBe(input.length - 12 - 'Comment\0hello'.length);
    expect(chunkBytes(output, 'IDAT').equals(Buffer.concat(idats))).toBe(true);

    const damaged = Buffer.from(input);
    damaged[Math.floor(input.length * 0.8)]! ^= 0xff;
    const bad = await write(dir, 'damaged.png', damaged);
    await expect(processImage({ kind: 'file', path: bad }, { out: { dir, name: 'bad' } })).rejects.toMatchObject({ code: 'image_corrupt' });
  });

  it('a PNG with nothing to remove is sent as it is', async () => {
    const dir = await tempProfile();
    const input = await basePng();
    const path = await write(dir, 'plain.png', input);
    const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'out' } });
    expect((await readFile(result.path)).equals(input)).toBe(true);
  });

  it('a JPEG loses EXIF (with GPS) and comments but keeps its ICC profile and the scan byte for byte', async () => {
    const dir = await tempProfile();
    const encoded = await fromRaw(noise(40, 30), 40, 30)
      .withExif({ IFD0: { Make: 'Camera' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100' } })
      .withIccProfile('p3')
      .jpeg({ quality: 90 })
      .toBuffer();
    const comment = Buffer.from([0xff, 0xfe, 0, 9, ...Buffer.from('at home')]);
    const input = Buffer.concat([encoded.subarray(0, 2), comment, encoded.subarray(2)]);
    expect(jpegSegments(input).map(([m]) => m)).toEqual(expect.arrayContaining([0xe1, 0xe2, 0xfe]));
    const path = await write(dir, 'photo.jpg', input);
    const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'out' } });
    const output = await readFile(result.path);
    const segments = jpegSegments(output);
    expect(segments.some(([m]) => m === 0xe1 || m === 0xfe)).toBe(false);
    expect(segments).toContainEqual([0xe2, 'ICC_PROFILE']);
    expect(scanOf(output).equals(scanOf(input))).toBe(true);
    const meta = await sharp(output).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeDefined();
    expect(result).toMatchObject({ format: 'jpeg', width: 40, height: 30, bytes: output.length });
  });

  it('keeps everything when metadata is to be kept', async () => {
    const dir = await tempProfile();
    const input = withChunks(await basePng(), chunk('tEXt', Buffer.from('Comment\0hello', 'latin1')));
    const path = await write(dir, 'keep.png', input);
    const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'out' }, keepMetadata: true });
    expect((await readFile(result.path)).equals(input)).toBe(true);
  });
});

describe('images that need a change still get it', () => {
  it('resizes when a maximum width asks for it, converts for a host that wants JPEG, and leaves the input alone', async () => {
    const dir = await tempProfile();
    const input = await basePng();
    const path = await write(dir, 'big.png', input);
    const smaller = await processImage({ kind: 'file', path }, { out: { dir, name: 'small' }, maxWidth: 32 });
    expect(smaller).toMatchObject({ width: 32, height: 24 });
    const jpeg = await processImage({ kind: 'file', path }, { out: { dir, name: 'gm' }, preferredFormat: 'jpeg' });
    expect(jpeg).toMatchObject({ format: 'jpeg', path: join(dir, 'gm.jpg') });
    expect((await readFile(path)).equals(input)).toBe(true);
  });

  it('converts a format the host does not take (WebP to Imgur) and passes one it takes', async () => {
    const dir = await tempProfile();
    const imgurLike = ['png', 'jpeg', 'gif'] as const;
    const webp = await write(dir, 'shot.webp', await fromRaw(noise(20, 10), 20, 10).webp({ lossless: true }).toBuffer());
    const converted = await processImage({ kind: 'file', path: webp }, { out: { dir, name: 'to-imgur' }, acceptedFormats: imgurLike });
    expect(converted).toMatchObject({ format: 'png', path: join(dir, 'to-imgur.png'), width: 20, height: 10 });
    const png = await write(dir, 'shot.png', await basePng());
    const passed = await processImage({ kind: 'file', path: png }, { out: { dir, name: 'png-to-imgur' }, acceptedFormats: imgurLike });
    expect((await readFile(passed.path)).equals(await readFile(png))).toBe(true);
  });
});
