import type { Sharp } from 'sharp';
import { sharpLib } from './sharp-lib.js';
import type { Size } from './stages.js';

/**
 * Decoded 8-bit sRGB pixels, upright, after crop and resize: what every encoder and thumbnail
 * starts from, so an image is decoded once however many files come out of it. Frames of an
 * animation are stacked vertically (`height` is one frame's).
 */
export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
  frames: number;
  /** Per-frame delays in ms and loop count (0 = forever), for animations. */
  delay?: number[];
  loop?: number;
}

/** Pixel loops run in slices this big, yielding in between, so the event loop keeps turning. */
const SLICE_PIXELS = 1 << 18;

export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Calls `visit(start, end)` over [0, count) in slices, yielding to the event loop between them;
 * `visit` returns true to stop early.
 */
export async function inSlices(count: number, visit: (start: number, end: number) => boolean | void): Promise<void> {
  for (let start = 0; start < count; start += SLICE_PIXELS) {
    if (start > 0) await yieldToLoop();
    if (visit(start, Math.min(count, start + SLICE_PIXELS)) === true) return;
  }
}

/**
 * A sharp pipeline reading these pixels. `premultiplied` is never passed on: sharp reports
 * resized RGBA as premultiplied while handing back straight alpha.
 */
export function sharpFromPixels(pixels: Pixels): Sharp {
  const bytes = pixels.width * pixels.height * pixels.channels * pixels.frames;
  return sharpLib()(pixels.data.subarray(0, bytes), {
    raw: {
      width: pixels.width,
      height: pixels.height * pixels.frames,
      channels: pixels.channels,
      ...(pixels.frames > 1 ? { pageHeight: pixels.height } : {}),
    },
  });
}

/** Screen captures often come as BGRA; sharp reads RGBA. Returns a new buffer. */
export async function bgraToRgba(data: Uint8Array): Promise<Buffer> {
  const out = Buffer.allocUnsafe(data.length);
  const count = data.length / 4;
  await inSlices(count, (start, end) => {
    for (let i = start * 4, stop = end * 4; i < stop; i += 4) {
      out[i] = data[i + 2]!;
      out[i + 1] = data[i + 1]!;
      out[i + 2] = data[i]!;
      out[i + 3] = data[i + 3]!;
    }
  });
  return out;
}

/** Runs a pipeline and keeps the result in memory as 8-bit sRGB pixels of the expected size. */
export async function runToPixels(pipeline: Sharp, expected: Size, animated: boolean, animation: { delay?: number[]; loop?: number } = {}): Promise<Pixels> {
  const { data, info: out } = await pipeline.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const frames = animated ? Math.max(1, out.pages ?? 1) : 1;
  const height = animated ? (out.pageHeight ?? out.height) : out.height;
  if (out.width !== expected.width || height !== expected.height || (out.channels !== 3 && out.channels !== 4)) {
    throw new Error(`decoded ${out.width}×${height}×${out.channels}, expected ${expected.width}×${expected.height}`);
  }
  return {
    data,
    width: out.width,
    height,
    channels: out.channels,
    frames,
    ...(frames > 1 ? { delay: animation.delay?.slice(0, frames), loop: animation.loop ?? 0 } : {}),
  };
}
