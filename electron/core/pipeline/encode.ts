import type { Sharp } from 'sharp';
import { sharpLib } from './sharp-lib.js';
import { analysePixels, samePicture, type PixelFacts } from './analyse.js';
import { ImageError, ImageErrorCode, isSharpTimeout } from './errors.js';
import { FORMAT_INFO, type ImageFormat } from './formats.js';
import { sharpFromPixels, type Pixels } from './pixels.js';
import { setPngDensity } from './png-density.js';

export interface EncodeTarget {
  format: ImageFormat;
  /** 1–100, for JPEG, WebP and AVIF; PNG and GIF ignore it. */
  quality: number;
  /** Pixels per inch recorded in a PNG (72, or 144 for a capture of a 2× display). */
  density: number;
  timeoutSeconds: number;
  /** PNG only: zlib level 9, the smallest lossless file, for when bytes matter more than time (fitting a size limit). */
  smallestPng?: boolean;
}

export interface Encoded {
  data: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
  frames: number;
}

/**
 * PNG for screenshots: zlib level 6 without row filters. Adaptive filtering costs 3–4× the
 * time on a 4K UI capture (about 1.5 s against 0.35 s on one loaded core) for a file under a
 * fifth smaller; level 9 costs 2.5× the time for under 1%. libimagequant at effort 4 is the
 * cheapest setting that keeps every colour exactly when there are at most 256 of them (lower
 * efforts posterize).
 */
const PNG_TRUECOLOUR = { compressionLevel: 6, adaptiveFiltering: false } as const;
/** The lossless attempt to fit a host's limit: time matters less than every byte there. */
const PNG_SMALLEST = { compressionLevel: 9, adaptiveFiltering: true } as const;
const PNG_PALETTE = { palette: true, dither: 0, quality: 100, effort: 4, compressionLevel: 9, adaptiveFiltering: false } as const;

/**
 * Encoder effort shrinks as images grow so that a 4K image stays well under a second or two on
 * one core (AVIF at effort 4 takes about 10 s there; at 0, about 1 s).
 */
export function boundedEffort(format: 'avif' | 'webp', pixelCount: number): number {
  const megapixels = pixelCount / 1e6;
  if (format === 'avif') return megapixels > 4 ? 0 : megapixels > 1 ? 1 : megapixels > 0.25 ? 3 : 4;
  return megapixels > 4 ? 2 : 4;
}

async function encodePng(pixels: Pixels, facts: PixelFacts, from: () => Sharp, density: number, smallest = false): Promise<Buffer> {
  if (facts.colours !== undefined) {
    const indexed = await from()
      .png({ ...PNG_PALETTE, colours: Math.max(2, facts.colours) })
      .toBuffer();
    // "Palette only when it loses nothing": checked, not assumed.
    const check = await sharpLib()(indexed).raw().toBuffer({ resolveWithObject: true });
    if (await samePicture(pixels, check.data, check.info.channels)) return setPngDensity(indexed, density);
  }
  return setPngDensity(await from().png(smallest ? PNG_SMALLEST : PNG_TRUECOLOUR).toBuffer(), density);
}

function encodeOther(pixels: Pixels, target: EncodeTarget, from: () => Sharp, frames: number): Promise<Buffer> {
  const { quality } = target;
  const count = pixels.width * pixels.height;
  const animation = frames > 1 ? { loop: pixels.loop ?? 0, ...(pixels.delay ? { delay: pixels.delay } : {}) } : {};
  switch (target.format) {
    case 'jpeg':
      // JPEG has no transparency: see-through areas become white, as on a page.
      return from()
        .flatten({ background: '#ffffff' })
        .jpeg({ quality, optimiseCoding: true, chromaSubsampling: quality >= 90 ? '4:4:4' : '4:2:0' })
        .toBuffer();
    case 'webp':
      return from().webp({ quality, effort: boundedEffort('webp', count), ...animation }).toBuffer();
    case 'avif':
      return from().avif({ quality, effort: boundedEffort('avif', count) }).toBuffer();
    case 'gif':
      return from().gif({ effort: 7, keepDuplicateFrames: true, ...animation }).toBuffer();
    case 'png':
      throw new Error('PNG is encoded by encodePng');
  }
}

/**
 * Encodes pixels. `from` makes the encoder's input; by default the pixels themselves, which
 * carry no metadata. Keeping metadata passes a pipeline over the original file instead.
 */
export async function encodePixels(name: string, pixels: Pixels, target: EncodeTarget, from?: () => Sharp): Promise<Encoded> {
  const info = FORMAT_INFO[target.format];
  const frames = info.animates ? pixels.frames : 1;
  if (Math.max(pixels.width, pixels.height) > info.maxSide) {
    throw new ImageError(
      ImageErrorCode.badOptions,
      name,
      `${name} is ${pixels.width}×${pixels.height} pixels, but ${info.label} images can be at most ${info.maxSide} pixels on a side. Choose PNG, or set a maximum width and height.`,
    );
  }
  const encoded = { ...pixels, frames };
  // An alpha channel that is opaque everywhere only costs bytes (and AVIF encode time).
  const facts = await analysePixels(encoded, target.format === 'png' ? 256 : 0);
  const input = () => {
    const image = (from ?? (() => sharpFromPixels(encoded)))().timeout({ seconds: target.timeoutSeconds });
    return facts.opaque && pixels.channels === 4 ? image.removeAlpha() : image;
  };
  try {
    const data = target.format === 'png' ? await encodePng(encoded, facts, input, target.density, target.smallestPng) : await encodeOther(encoded, target, input, frames);
    // libwebp folds a frame identical to the one before into it (adding up their delays).
    const written = frames > 1 ? ((await sharpLib()(data, { animated: true }).metadata()).pages ?? frames) : 1;
    return { data, format: target.format, width: pixels.width, height: pixels.height, frames: written };
  } catch (err) {
    const timedOut = isSharpTimeout(err);
    throw new ImageError(
      timedOut ? ImageErrorCode.timeout : ImageErrorCode.encodeFailed,
      name,
      timedOut
        ? `Encoding ${name} as ${info.label} took longer than ${target.timeoutSeconds} seconds and was stopped. Try a smaller size or another format.`
        : `${name} could not be saved as ${info.label} (${err instanceof Error ? err.message.split('\n')[0] : String(err)}). Try another format.`,
      { cause: err },
    );
  }
}
