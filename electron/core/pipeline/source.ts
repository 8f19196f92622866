import { open, stat } from 'node:fs/promises';
import { ImageError, ImageErrorCode, damaged, tooManyPixels } from './errors.js';
import type { SourceFormat } from './formats.js';
import { bgraToRgba, type Pixels } from './pixels.js';
import { SNIFF_BYTES, sniff } from './sniff.js';

/** A bitmap in memory, as screen capture gives it: 4 bytes per pixel, tightly packed. */
export interface RawPixels {
  /** width × height × 4 bytes, rows top to bottom. */
  data: Uint8Array;
  width: number;
  height: number;
  channels?: 4;
  /** Byte order of each pixel; RGBA unless said otherwise. */
  order?: 'bgra' | 'rgba';
  /** Physical pixels per logical pixel of the captured display (2 on most HiDPI screens). */
  scaleFactor?: number;
}

/** What the pipeline takes in: a file, encoded bytes already in memory, or a bitmap from screen capture. */
export type ImageInput =
  /** `name` is how messages refer to the file (default: the path). */
  | { kind: 'file'; path: string; name?: string }
  | { kind: 'buffer'; data: Uint8Array; name: string }
  | ({ kind: 'raw'; name?: string } & RawPixels);

/** An encoded image file or buffer that passed the first checks. */
export interface EncodedSource {
  kind: 'encoded';
  /** How messages name it: the path as given, or the buffer's name. */
  name: string;
  size: number;
  format: Exclude<SourceFormat, 'raw'>;
  /** What sharp reads. */
  input: string | Buffer;
  /** Bytes at an offset, for telling a cut-short file from a damaged one. */
  read(offset: number, length: number): Promise<Buffer>;
}

export interface RawSource {
  kind: 'raw';
  name: string;
  pixels: Pixels;
  scaleFactor: number;
}

export type Source = EncodedSource | RawSource;

async function readFileRange(path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function recognise(name: string, size: number, head: Buffer): EncodedSource['format'] {
  if (size === 0) throw new ImageError(ImageErrorCode.empty, name, `${name} is empty (0 bytes). Choose the image again; if it was just saved, wait until it is written.`);
  const found = sniff(head);
  switch (found.kind) {
    case 'image':
      return found.format;
    case 'damaged-png':
      throw damaged(name, 'the PNG signature at its start was altered, as happens when a PNG is copied as text (FTP ASCII mode, a line-ending conversion)');
    case 'unsupported':
      throw new ImageError(ImageErrorCode.unsupported, name, `${name} is ${found.what}, which Shotput cannot read. ${found.advice}`);
    case 'unknown':
      throw new ImageError(
        ImageErrorCode.unsupported,
        name,
        `${name} is ${found.what}. Shotput reads PNG, JPEG, GIF, WebP, AVIF and TIFF images; choose one of those.`,
      );
  }
}

async function openFile(path: string, name = path): Promise<EncodedSource> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ImageError(ImageErrorCode.unsupported, name, `${name} is a folder, not an image. Choose an image file inside it.`);
    size = info.size;
  } catch (err) {
    if (err instanceof ImageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImageError(ImageErrorCode.notFound, name, `${name} does not exist. Check the path and try again.`, { cause: err });
    throw new ImageError(ImageErrorCode.notFound, name, `${name} cannot be opened (${code ?? 'unknown error'}). Check that you may read it.`, { cause: err });
  }
  const head = size === 0 ? Buffer.alloc(0) : await readFileRange(path, 0, SNIFF_BYTES);
  const format = recognise(name, size, head);
  return { kind: 'encoded', name, size, format, input: path, read: (offset, length) => readFileRange(path, offset, length) };
}

function openBuffer(data: Uint8Array, name: string): EncodedSource {
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const format = recognise(name, buffer.length, buffer.subarray(0, SNIFF_BYTES));
  return {
    kind: 'encoded',
    name,
    size: buffer.length,
    format,
    input: buffer,
    read: async (offset, length) => buffer.subarray(offset, offset + length),
  };
}

async function openRaw(input: Extract<ImageInput, { kind: 'raw' }>, pixelLimit: number): Promise<RawSource> {
  const name = input.name ?? 'the screen capture';
  const { width, height } = input;
  const scaleFactor = input.scaleFactor ?? 1;
  const bad = (problem: string) => new ImageError(ImageErrorCode.badOptions, name, `${name} cannot be processed: ${problem}.`);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw bad(`its size ${width}×${height} is not a whole number of pixels`);
  }
  if (!(scaleFactor > 0 && scaleFactor <= 16)) throw bad(`its scale factor ${scaleFactor} is not between 0 and 16`);
  if (width * height > pixelLimit) throw tooManyPixels(name, width, height, pixelLimit);
  if (input.channels !== undefined && input.channels !== 4) throw bad(`it has ${String(input.channels)} channels; only 4 (RGBA) are read`);
  if (input.data.length !== width * height * 4) {
    throw bad(`a ${width}×${height} bitmap needs ${width * height * 4} bytes, but ${input.data.length} came`);
  }
  const data =
    input.order === 'bgra' ? await bgraToRgba(input.data) : Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
  return { kind: 'raw', name, scaleFactor, pixels: { data, width, height, channels: 4, frames: 1 } };
}

/** Checks and opens an input; nothing here decodes pixels of an encoded image. */
export function openSource(input: ImageInput, pixelLimit: number): Promise<Source> {
  switch (input.kind) {
    case 'file':
      return openFile(input.path, input.name);
    case 'buffer':
      return Promise.resolve().then(() => openBuffer(input.data, input.name));
    case 'raw':
      return openRaw(input, pixelLimit);
  }
}
