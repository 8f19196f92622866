/**
 * One image through the pipeline. An image that needs no change is passed through without a
 * decoder (passthrough.ts); only one that must be turned, cropped, resized or converted loads
 * sharp (reencode.ts), so commands that never re-encode never pay for loading it.
 */
import { join } from 'node:path';
import { FORMAT_INFO, type ImageFormat } from './formats.js';
import { resolveOptions, type JobOptions } from './options.js';
import type { OutputTarget, ProcessOptions, ProcessResult, SharingOptions, ThumbnailFile } from './process-types.js';
import { tryPassThrough } from './passthrough.js';
import type { ImageInput } from './source.js';
import type { Encoded } from './encode.js';
import type { FitOptions, FitOutcome } from './fit.js';

export type { OutputTarget, ProcessOptions, ProcessResult, SharingOptions, ThumbnailFile } from './process-types.js';

function outputPath(out: OutputTarget, format: ImageFormat): string {
  return 'path' in out ? out.path : join(out.dir, `${out.name}${FORMAT_INFO[format].extension}`);
}

/**
 * Runs the whole pipeline for one image: decode (refusing pixel bombs before decoding), orient
 * by EXIF, crop, resize, encode (metadata stripped unless kept), and write the result (and, if
 * asked, the history thumbnails) atomically. An image that needs none of it is copied, without
 * its metadata. Resolves with what was written; rejects with an ImageError that names the file
 * and says what to do, leaving no file behind.
 */
export async function processImage(input: ImageInput, options: ProcessOptions & SharingOptions): Promise<ProcessResult> {
  const o = resolveOptions(options);
  if (!options.thumbnails) {
    const passed = await tryPassThrough(input, o, (format) => outputPath(options.out, format), { mayLink: options.mayLinkInput });
    if (passed) {
      const { path, format, width, height, bytes } = passed;
      return { path, format, mime: FORMAT_INFO[format].mime, width, height, bytes, frames: 1, sourceFormat: format };
    }
  }
  const { reencodeImage } = await import('./reencode.js');
  return reencodeImage(input, options, o);
}

/** Encodes an image (a capture's bitmap, usually) into memory instead of a file; the options are processImage's. */
export async function encodeImage(input: ImageInput, options: JobOptions = {}): Promise<Encoded> {
  const { encodeInMemory } = await import('./reencode.js');
  return encodeInMemory(input, options);
}

/**
 * The three history thumbnails (`<dir>/<name>.square.webp`, `.large.webp`, `.avatar.webp`)
 * from one decode of the input.
 */
export async function makeThumbnails(input: ImageInput, target: { dir: string; name: string }, options: JobOptions = {}): Promise<ThumbnailFile[]> {
  const { renderThumbnailFiles } = await import('./reencode.js');
  return renderThumbnailFiles(input, target, options);
}

/** Makes an image fit a byte limit (fit.ts): a lossless attempt, then the ladder asked for. */
export async function fitToLimit(input: ImageInput, options: FitOptions): Promise<FitOutcome> {
  const { fitImage } = await import('./fit.js');
  return fitImage(input, options);
}
