import type { Sharp } from 'sharp';
import { join } from 'node:path';
import { decodeToPixels, inspect, openDecoder, type DecodeLimits } from './decode.js';
import { encodePixels, type Encoded } from './encode.js';
import { ImageError, ImageErrorCode } from './errors.js';
import { FORMAT_INFO, chooseFormat, type ImageFormat } from './formats.js';
import { resolveOptions, type JobOptions, type LossyFormat, type ResolvedOptions } from './options.js';
import { runToPixels, sharpFromPixels, type Pixels } from './pixels.js';
import { openSource, type ImageInput, type Source } from './source.js';
import { planGeometry } from './stages.js';
import { THUMBNAIL_FORMAT, renderThumbnails } from './thumbnails.js';
import { writeAllAtomically, type PendingFile } from './write.js';
import type { ProcessOptions, ProcessResult, ThumbnailFile } from './process-types.js';

export interface DecodedJob {
  source: Source;
  pixels: Pixels;
  format: ImageFormat;
  /** Pixels per inch to record: the file's own, or 72 × the capture's scale factor. */
  density: number;
  /** A pipeline over the original file, for keeping its metadata. */
  reopen?: () => Sharp;
}

/** What screens were assumed to be before HiDPI: a 1× screenshot's pixels per inch. */
const BASE_DENSITY = 72;

function checkOptions(name: string, o: ResolvedOptions): void {
  const problems: string[] = [];
  for (const [format, quality] of Object.entries(o.quality)) {
    if (!Number.isInteger(quality) || quality < 1 || quality > 100) problems.push(`${format} quality must be a whole number from 1 to 100, not ${quality}`);
  }
  for (const [label, value] of [['maximum width', o.maxWidth], ['maximum height', o.maxHeight]] as const) {
    if (!Number.isInteger(value) || value < 0) problems.push(`the ${label} must be a whole number of pixels (0 for none), not ${value}`);
  }
  if (!(o.pixelLimit > 0)) problems.push(`the pixel limit must be positive, not ${o.pixelLimit}`);
  if (problems.length > 0) throw new ImageError(ImageErrorCode.badOptions, name, `${name} was not processed: ${problems.join('; ')}.`);
}

/** Decode → orient → crop → resize, once, into pixels ready for any number of encodes. */
export async function decodeJob(input: ImageInput, o: ResolvedOptions): Promise<DecodedJob> {
  const limits: DecodeLimits = { pixelLimit: o.pixelLimit, timeoutSeconds: o.timeoutSeconds };
  const source = await openSource(input, o.pixelLimit);
  checkOptions(source.name, o);
  const host = { preferredFormat: o.preferredFormat, formats: o.acceptedFormats };
  const fit = { maxWidth: o.maxWidth, maxHeight: o.maxHeight };

  if (source.kind === 'raw') {
    const format = chooseFormat(o.format, { format: 'raw', frames: 1 }, host);
    const plan = planGeometry(source.name, source.pixels, o.crop, fit);
    const density = BASE_DENSITY * source.scaleFactor;
    if (plan.stages.length === 0) return { source, pixels: source.pixels, format, density };
    const pipeline = plan.stages.reduce((image, stage) => stage(image), sharpFromPixels(source.pixels).timeout({ seconds: o.timeoutSeconds }));
    return { source, pixels: await runToPixels(pipeline, plan.size, false), format, density };
  }

  const info = await inspect(source, limits);
  const format = chooseFormat(o.format, { format: source.format, frames: info.frames }, host);
  const animated = info.frames > 1 && FORMAT_INFO[format].animates;
  const plan = planGeometry(source.name, info, o.crop, fit);
  if (animated && o.crop) {
    throw new ImageError(ImageErrorCode.badOptions, source.name, `${source.name} is animated, and cropping an animation is not supported. Upload it whole, or choose a still format.`);
  }
  const pixels = await decodeToPixels(source, info, plan.stages, plan.size, limits, animated);
  const reopen = o.keepMetadata
    ? () => plan.stages.reduce((image, stage) => stage(image), openDecoder(source, info, limits, animated)).keepMetadata()
    : undefined;
  return { source, pixels, format, density: info.density ?? BASE_DENSITY, reopen };
}

export function qualityFor(format: ImageFormat, o: ResolvedOptions): number {
  return format === 'jpeg' || format === 'webp' || format === 'avif' ? o.quality[format as LossyFormat] : 100;
}

async function thumbnailFiles(pixels: Pixels, target: { dir: string; name: string }, timeoutSeconds: number) {
  const rendered = await renderThumbnails(pixels, timeoutSeconds);
  return rendered.map((t) => ({
    file: { path: join(target.dir, `${target.name}.${t.kind}${THUMBNAIL_FORMAT.extension}`), data: t.data },
    info: { kind: t.kind, mime: THUMBNAIL_FORMAT.mime, width: t.width, height: t.height, bytes: t.data.length },
  }));
}

const describeThumbnails = (made: Awaited<ReturnType<typeof thumbnailFiles>>): ThumbnailFile[] =>
  made.map(({ file, info }) => ({ ...info, path: file.path }));

/**
 * Runs the whole pipeline for one image: decode (refusing pixel bombs before decoding), orient
 * by EXIF, crop, resize, encode (metadata stripped unless kept), and write the result (and, if
 * asked, the history thumbnails) atomically. Resolves with what was written; rejects with an
 * ImageError that names the file and says what to do, leaving no file behind.
 */
export async function reencodeImage(input: ImageInput, options: ProcessOptions, o: ResolvedOptions): Promise<ProcessResult> {
  const job = await decodeJob(input, o);
  const target = { format: job.format, quality: qualityFor(job.format, o), density: job.density, timeoutSeconds: o.timeoutSeconds };
  const [encoded, thumbnails] = await Promise.all([
    encodePixels(job.source.name, job.pixels, target, job.reopen),
    options.thumbnails ? thumbnailFiles(job.pixels, options.thumbnails, o.timeoutSeconds) : undefined,
  ]);
  const out = options.out;
  const path = 'path' in out ? out.path : join(out.dir, `${out.name}${FORMAT_INFO[encoded.format].extension}`);
  const files: PendingFile[] = [{ path, data: encoded.data }, ...(thumbnails ?? []).map((t) => t.file)];
  await writeAllAtomically(files);
  return {
    path,
    format: encoded.format,
    mime: FORMAT_INFO[encoded.format].mime,
    width: encoded.width,
    height: encoded.height,
    bytes: encoded.data.length,
    frames: encoded.frames,
    sourceFormat: job.source.kind === 'raw' ? 'raw' : job.source.format,
    ...(thumbnails ? { thumbnails: describeThumbnails(thumbnails) } : {}),
  };
}

/** The same decode → crop → resize → encode, kept in memory: for the clipboard or a file its caller names. */
export async function encodeInMemory(input: ImageInput, options: JobOptions): Promise<Encoded> {
  const o = resolveOptions(options);
  const job = await decodeJob(input, o);
  return encodePixels(job.source.name, job.pixels, { format: job.format, quality: qualityFor(job.format, o), density: job.density, timeoutSeconds: o.timeoutSeconds }, job.reopen);
}

/**
 * The three history thumbnails (`<dir>/<name>.square.webp`, `.large.webp`, `.avatar.webp`)
 * from one decode of the input.
 */
export async function renderThumbnailFiles(input: ImageInput, target: { dir: string; name: string }, options: JobOptions = {}): Promise<ThumbnailFile[]> {
  // A still format: only the first frame of an animation is decoded.
  const o = resolveOptions({ ...options, format: 'png' });
  const job = await decodeJob(input, o);
  const made = await thumbnailFiles(job.pixels, target, o.timeoutSeconds);
  await writeAllAtomically(made.map((t) => t.file));
  return describeThumbnails(made);
}
