/**
 * Metadata removal without touching pixels: the file is read as a list of chunks (PNG) or
 * segments (JPEG), and only the byte ranges worth keeping are copied, in slices, from disk to
 * disk. No decoder runs, so an image that needs nothing else is ready as fast as it can be copied.
 *
 * Kept: everything needed to show the same picture in the same colours (PNG: the critical chunks,
 * transparency, the colour profile and gamma, pixel density; JPEG: JFIF, the ICC profile, Adobe's
 * colour-transform marker, and every frame and scan). Dropped: EXIF (with GPS), XMP, IPTC, text,
 * comments and timestamps.
 */
import { open, type FileHandle } from 'node:fs/promises';
import * as zlib from 'node:zlib';

/** A byte range [start, end) of the source. */
export type Range = readonly [number, number];

/** What a scan of the file found: the ranges to copy, and whether the picture is stored turned. */
export interface MetadataLayout {
  keep: Range[];
  /** The EXIF orientation (1 upright … 8); only JPEG and PNG eXIf are read. */
  orientation: number;
  /** Bytes the stripped file loses. */
  dropped: number;
  /** An animated PNG (acTL): its frame chunks are kept as they are. */
  animated: boolean;
  /** From the header (IHDR, SOFn); 0 when not found. */
  width: number;
  height: number;
}

const SLICE = 1024 * 1024;

const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'iCCP', 'sRGB', 'gAMA', 'cHRM', 'sBIT', 'pHYs', 'acTL', 'fcTL', 'fdAT']);

/**
 * Reads through a window of SLICE bytes: a scan goes forward in small steps (a PNG writer's IDAT
 * chunks are often 8 KB, three reads each), so a 100 MB file costs a hundred reads, not 40,000.
 * The window's buffer is reused, so a returned slice is valid only until the next read: callers
 * read what they need from it at once (a new buffer per refill kept 100 MB of them waiting for the
 * garbage collector while a 100 MB file was checked).
 */
class WindowedFile {
  private buffer = Buffer.alloc(0);
  private window = Buffer.alloc(0);
  private start = 0;

  constructor(private readonly handle: FileHandle) {}

  async read(offset: number, length: number): Promise<Buffer> {
    if (offset < this.start || offset + length > this.start + this.window.length) {
      if (this.buffer.length < Math.max(length, SLICE)) this.buffer = Buffer.allocUnsafe(Math.max(length, SLICE));
      const { bytesRead } = await this.handle.read(this.buffer, 0, this.buffer.length, offset);
      this.window = this.buffer.subarray(0, bytesRead);
      this.start = offset;
    }
    return this.window.subarray(offset - this.start, Math.min(this.window.length, offset - this.start + length));
  }
}

const readAt = (file: WindowedFile, offset: number, length: number) => file.read(offset, length);

/** The Orientation tag of a TIFF-structured EXIF block (`II*\0…` or `MM\0*…`), 1 when absent. */
export function exifOrientation(tiff: Buffer): number {
  if (tiff.length < 8) return 1;
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Valid IHDR: a colour type and bit depth the PNG spec pairs, compression, filter and interlace methods it defines. */
function validHeader(ihdr: Buffer): boolean {
  if (ihdr.length < 13) return false;
  const depth = ihdr[8]!;
  const colour = ihdr[9]!;
  const depths: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
  return (depths[colour]?.includes(depth) ?? false) && ihdr[10] === 0 && ihdr[11] === 0 && (ihdr[12] === 0 || ihdr[12] === 1);
}

type Crc32 = (data: Uint8Array, value?: number) => number;
const crc32: Crc32 | undefined = (zlib as { crc32?: Crc32 }).crc32;

/** Whether a chunk's stored CRC matches its type and data, read a slice at a time. */
async function chunkIntact(file: WindowedFile, at: number, length: number): Promise<boolean> {
  if (!crc32) return false;
  let crc = 0;
  for (let offset = at + 4, end = at + 8 + length; offset < end; ) {
    const slice = await file.read(offset, Math.min(SLICE, end - offset));
    if (slice.length === 0) return false;
    crc = crc32(slice, crc);
    offset += slice.length;
  }
  const stored = await readAt(file, at + 8 + length, 4);
  return stored.length === 4 && stored.readUInt32BE(0) === crc >>> 0;
}

/** Chunks the file could not do without, checked so a damaged PNG goes to the decoder, which says what is wrong. */
async function pngLayout(handle: WindowedFile, size: number): Promise<MetadataLayout | undefined> {
  const keep: Range[] = [[0, 8]];
  let orientation = 1;
  let animated = false;
  let width = 0;
  let height = 0;
  let sawData = false;
  let ended = false;
  let at = 8;
  while (at + 12 <= size) {
    const header = await readAt(handle, at, 8);
    if (header.length < 8) return undefined;
    const length = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    const end = at + 12 + length;
    if (end > size) return undefined;
    if (at === 8 && type !== 'IHDR') return undefined;
    if (PNG_KEEP.has(type) && !(await chunkIntact(handle, at, length))) return undefined;
    if (type === 'IDAT') sawData = true;
    if (type === 'eXIf') orientation = exifOrientation(await readAt(handle, at + 8, Math.min(length, 64 * 1024)));
    if (type === 'acTL') animated = true;
    if (type === 'IHDR') {
      const ihdr = await readAt(handle, at + 8, 13);
      if (!validHeader(ihdr)) return undefined;
      width = ihdr.readUInt32BE(0);
      height = ihdr.readUInt32BE(4);
    }
    if (PNG_KEEP.has(type)) {
      const last = keep.at(-1)!;
      if (last[1] === at) keep[keep.length - 1] = [last[0], end];
      else keep.push([at, end]);
    }
    at = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!sawData || !ended) return undefined;
  const kept = keep.reduce((sum, [s, e]) => sum + e - s, 0);
  return { keep, orientation, dropped: size - kept, animated, width, height };
}

const isApp = (marker: number) => marker >= 0xe0 && marker <= 0xef;

async function jpegLayout(handle: WindowedFile, size: number): Promise<MetadataLayout | undefined> {
  const keep: Range[] = [[0, 2]];
  let orientation = 1;
  let width = 0;
  let height = 0;
  let at = 2;
  const push = (start: number, end: number) => {
    const last = keep.at(-1)!;
    if (last[1] === start) keep[keep.length - 1] = [last[0], end];
    else keep.push([start, end]);
  };
  while (at + 4 <= size) {
    const header = await readAt(handle, at, 4);
    if (header[0] !== 0xff) return undefined;
    const marker = header[1]!;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Start of scan: the entropy-coded data and everything after it goes as it is.
    if (marker === 0xda) {
      push(at, size);
      break;
    }
    const end = at + 2 + header.readUInt16BE(2);
    if (end > size) return undefined;
    // Start of frame (SOF0–SOF15 but DHT, JPG and DAC): the picture's size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const sof = await readAt(handle, at + 5, 4);
      height = sof.readUInt16BE(0);
      width = sof.readUInt16BE(2);
    }
    let kept = !(isApp(marker) || marker === 0xfe);
    if (isApp(marker)) {
      const id = await readAt(handle, at + 4, Math.min(14, end - at - 4));
      const name = id.toString('latin1');
      if (marker === 0xe0 && name.startsWith('JFIF\0')) kept = true;
      if (marker === 0xe2 && name.startsWith('ICC_PROFILE\0')) kept = true;
      // Adobe's marker says whether the colours are transformed: without it CMYK files invert.
      if (marker === 0xee && name.startsWith('Adobe')) kept = true;
      if (marker === 0xe1 && name.startsWith('Exif\0')) {
        orientation = exifOrientation(await readAt(handle, at + 10, Math.min(end - at - 10, 64 * 1024)));
      }
    }
    if (kept) push(at, end);
    at = end;
  }
  // A cut-short file has no end-of-image marker (some writers pad after it with zeros).
  const tail = await readAt(handle, Math.max(0, size - 64), Math.min(64, size));
  let last = tail.length;
  while (last > 0 && tail[last - 1] === 0) last--;
  if (last < 2 || tail[last - 2] !== 0xff || tail[last - 1] !== 0xd9 || width === 0) return undefined;
  const keptBytes = keep.reduce((sum, [s, e]) => sum + e - s, 0);
  return { keep, orientation, dropped: size - keptBytes, animated: false, width, height };
}

/** Scans a PNG or JPEG file; undefined when its structure is not as expected (let the decoder judge it). */
export async function readMetadataLayout(path: string, format: 'png' | 'jpeg', size: number): Promise<MetadataLayout | undefined> {
  const handle = await open(path, 'r');
  try {
    const file = new WindowedFile(handle);
    return format === 'png' ? await pngLayout(file, size) : await jpegLayout(file, size);
  } finally {
    await handle.close();
  }
}

/** Copies the ranges of `from` into a new file `to`, one slice of memory at a time. */
export async function copyRanges(from: string, to: string, ranges: readonly Range[]): Promise<number> {
  const source = await open(from, 'r');
  let written = 0;
  try {
    const target = await open(to, 'wx', 0o600);
    try {
      const buffer = Buffer.allocUnsafe(SLICE);
      for (const [start, end] of ranges) {
        for (let at = start; at < end; ) {
          const { bytesRead } = await source.read(buffer, 0, Math.min(SLICE, end - at), at);
          if (bytesRead === 0) throw new Error(`${from} changed while it was being copied.`);
          await target.write(buffer, 0, bytesRead);
          at += bytesRead;
          written += bytesRead;
        }
      }
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
  return written;
}
