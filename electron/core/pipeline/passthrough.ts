/**
 * The fast path: an image that already suits the host (a format it takes, within the size asked
 * for, stored upright) is not decoded at all. Its bytes are copied as they are, or with the
 * metadata chunks left out (see strip.ts). Everything else goes through the decoder.
 */
import { copyFile, link, open, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { chooseFormat, type ImageFormat } from './formats.js';
import type { ResolvedOptions } from './options.js';
import { SNIFF_BYTES, sniff } from './sniff.js';
import { copyRanges, readMetadataLayout } from './strip.js';
import { writeFileAtomically } from './write.js';
import type { ImageInput } from './source.js';


export interface PassedThrough {
  path: string;
  format: ImageFormat;
  width: number;
  height: number;
  bytes: number;
  /** What was done: 'copied' as it was, or 'stripped' of metadata without touching the pixels. */
  how: 'copied' | 'stripped';
}

async function head(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A hard link where the folders share a disk (instant, and the original may still be moved or deleted), else a copy. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to, constants.COPYFILE_FICLONE);
  }
}

/**
 * Writes the image unchanged (or stripped of metadata) to `outPath(format)` when nothing else
 * has to change; resolves undefined when the full pipeline is needed.
 */
export async function tryPassThrough(
  input: ImageInput,
  o: ResolvedOptions,
  outPath: (format: ImageFormat) => string,
  options: { mayLink?: boolean } = {},
): Promise<PassedThrough | undefined> {
  if (input.kind !== 'file' || o.crop) return undefined;
  let size: number;
  try {
    const info = await stat(input.path);
    if (!info.isFile()) return undefined;
    size = info.size;
  } catch {
    return undefined;
  }
  const found = sniff(await head(input.path));
  if (found.kind !== 'image' || (found.format !== 'png' && found.format !== 'jpeg')) return undefined;
  const format = found.format;
  if (chooseFormat(o.format, { format, frames: 1 }, { preferredFormat: o.preferredFormat, formats: o.acceptedFormats }) !== format) return undefined;
  const layout = await readMetadataLayout(input.path, format, size);
  if (!layout || layout.animated || layout.orientation !== 1 || layout.width === 0 || layout.height === 0) return undefined;
  if (layout.width * layout.height > o.pixelLimit) return undefined;
  if ((o.maxWidth > 0 && layout.width > o.maxWidth) || (o.maxHeight > 0 && layout.height > o.maxHeight)) return undefined;
  const path = outPath(format);
  const strip = !o.keepMetadata && layout.dropped > 0;
  await writeFileAtomically(path, async (temp) => {
    if (strip) await copyRanges(input.path, temp, layout.keep);
    else if (options.mayLink) await linkOrCopy(input.path, temp);
    else await copyFile(input.path, temp, constants.COPYFILE_FICLONE);
  });
  return { path, format, width: layout.width, height: layout.height, bytes: size - (strip ? layout.dropped : 0), how: strip ? 'stripped' : 'copied' };
}
