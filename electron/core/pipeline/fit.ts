/**
 * Making an image fit a byte limit (a host's largest file): the image is decoded once, then
 * encoded step by step, stopping at the first result within the limit. A lossless attempt comes
 * first (PNG at maximum compression, a palette where that loses nothing); then the ladder the
 * user chose: lower quality in a lossy format, or smaller sizes in the same format.
 */
import { join } from 'node:path';
import { analysePixels } from './analyse.js';
import { encodePixels, type Encoded } from './encode.js';
import { FORMAT_INFO, type ImageFormat } from './formats.js';
import { resolveOptions, type JobOptions, type ResolvedOptions } from './options.js';
import { runToPixels, sharpFromPixels, type Pixels } from './pixels.js';
import type { OutputTarget, ProcessResult } from './process-types.js';
import { decodeJob, qualityFor, type DecodedJob } from './reencode.js';
import type { ImageInput } from './source.js';
import { writeAllAtomically } from './write.js';

/** After the lossless attempt: lower the quality, or scale the image down. */
export type FitLadder = 'lossless' | 'quality' | 'size';

/** What was done to an image to make it fit. */
export type FitStep =
  | { kind: 'lossless'; format: ImageFormat }
  | { kind: 'quality'; format: 'jpeg' | 'webp'; quality: number }
  | { kind: 'size'; format: ImageFormat; width: number; height: number; percent: number };

export interface FitOptions extends Omit<JobOptions, 'crop'> {
  maxBytes: number;
  ladder: FitLadder;
  out: OutputTarget;
}

export type FitOutcome =
  | { fitted: true; result: ProcessResult; step: FitStep }
  /** `closest` is the smallest result tried, when any step could be tried at all (animations cannot). */
  | { fitted: false; closest?: { step: FitStep; bytes: number } };

/** Quality steps: below 40 JPEG and WebP show blocks and smears on text, so the ladder stops there. */
export const QUALITY_STEPS = [85, 75, 65, 55, 45, 40] as const;
/** Side lengths as a share of the original; a quarter of the width is as small as a screenshot stays legible. */
export const SIZE_STEPS = [0.75, 0.5, 0.35, 0.25] as const;

interface Attempt {
  step: FitStep;
  encode(): Promise<Encoded>;
}

/** The lossy format for the quality ladder: one the host takes, WebP where transparency has to survive. */
function lossyFormatFor(job: DecodedJob, o: ResolvedOptions, opaque: boolean): 'jpeg' | 'webp' | undefined {
  const takes = (format: ImageFormat) => !o.acceptedFormats || o.acceptedFormats.includes(format);
  if ((job.format === 'jpeg' || job.format === 'webp') && takes(job.format)) return job.format;
  if (!opaque && takes('webp')) return 'webp';
  if (takes('jpeg')) return 'jpeg';
  return takes('webp') ? 'webp' : undefined;
}

async function scaled(job: DecodedJob, width: number, height: number, timeoutSeconds: number): Promise<Pixels> {
  const pipeline = sharpFromPixels(job.pixels).timeout({ seconds: timeoutSeconds }).resize(width, height, { fit: 'fill' });
  return runToPixels(pipeline, { width, height }, false);
}

function attemptsFor(job: DecodedJob, o: ResolvedOptions, ladder: FitLadder, opaque: boolean): Attempt[] {
  const name = job.source.name;
  const base = { density: job.density, timeoutSeconds: o.timeoutSeconds };
  const attempts: Attempt[] = [];
  if (job.format === 'png') {
    attempts.push({
      step: { kind: 'lossless', format: 'png' },
      encode: () => encodePixels(name, job.pixels, { ...base, format: 'png', quality: 100, smallestPng: true }, job.reopen),
    });
  }
  if (ladder === 'quality') {
    const format = lossyFormatFor(job, o, opaque);
    for (const quality of format ? QUALITY_STEPS : []) {
      attempts.push({ step: { kind: 'quality', format: format!, quality }, encode: () => encodePixels(name, job.pixels, { ...base, format: format!, quality }, job.reopen) });
    }
  }
  if (ladder === 'size') {
    const { width, height } = job.pixels;
    for (const share of SIZE_STEPS) {
      const w = Math.max(1, Math.round(width * share));
      const h = Math.max(1, Math.round(height * share));
      const format = job.format;
      attempts.push({
        step: { kind: 'size', format, width: w, height: h, percent: Math.round(share * 100) },
        encode: async () => {
          const from = job.reopen ? () => job.reopen!().resize(w, h, { fit: 'fill' }) : undefined;
          return encodePixels(name, await scaled(job, w, h, o.timeoutSeconds), { ...base, format, quality: qualityFor(format, o) }, from);
        },
      });
    }
  }
  return attempts;
}

/**
 * Makes an image (already oriented, cropped and resized as asked) fit in `maxBytes`, writing the
 * first result that does to `out`. Resolves `{ fitted: false }` when no step fits; an animation
 * is never re-encoded here.
 */
export async function fitImage(input: ImageInput, options: FitOptions): Promise<FitOutcome> {
  const o = resolveOptions({ ...options, crop: undefined });
  const job = await decodeJob(input, o);
  if (job.pixels.frames > 1) return { fitted: false };
  const { opaque } = await analysePixels(job.pixels, 0);
  let closest: { step: FitStep; bytes: number } | undefined;
  for (const attempt of attemptsFor(job, o, options.ladder, opaque)) {
    const encoded = await attempt.encode();
    const bytes = encoded.data.length;
    if (bytes <= options.maxBytes) {
      const out = options.out;
      const path = 'path' in out ? out.path : join(out.dir, `${out.name}${FORMAT_INFO[encoded.format].extension}`);
      await writeAllAtomically([{ path, data: encoded.data }]);
      const result: ProcessResult = {
        path,
        format: encoded.format,
        mime: FORMAT_INFO[encoded.format].mime,
        width: encoded.width,
        height: encoded.height,
        bytes,
        frames: 1,
        sourceFormat: job.source.kind === 'raw' ? 'raw' : job.source.format,
      };
      return { fitted: true, result, step: attempt.step };
    }
    if (!closest || bytes < closest.bytes) closest = { step: attempt.step, bytes };
  }
  return { fitted: false, closest };
}
