/**
 * Redaction on the image's own pixels. These change the RGBA buffer that is exported, so no original
 * pixel of a redacted area survives in the file: a solid redact leaves only its colour; pixelate
 * leaves one averaged colour per block; blur leaves a box-blurred area. (Blur and pixelate can
 * sometimes be reversed, e.g. text recovered from large pixelated glyphs; solid redact cannot.)
 */
import { isRedaction, type Rect, type RedactionShape, type Shape } from './shapes.js';

export interface RgbaImage {
  /** Tightly packed RGBA, width × height × 4 bytes. */
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/** The part of `rect` inside the image, in whole pixels (covering every pixel the rect touches). */
export function pixelArea(rect: Rect, image: { width: number; height: number }): Rect | null {
  const x0 = Math.max(0, Math.floor(Math.min(rect.x, rect.x + rect.width)));
  const y0 = Math.max(0, Math.floor(Math.min(rect.y, rect.y + rect.height)));
  const x1 = Math.min(image.width, Math.ceil(Math.max(rect.x, rect.x + rect.width)));
  const y1 = Math.min(image.height, Math.ceil(Math.max(rect.y, rect.y + rect.height)));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** Fills the area with one opaque colour. */
export function redactFill(image: RgbaImage, rect: Rect, rgb: [number, number, number]): void {
  const area = pixelArea(rect, image);
  if (!area) return;
  for (let y = area.y; y < area.y + area.height; y++) {
    let i = (y * image.width + area.x) * 4;
    for (let x = 0; x < area.width; x++, i += 4) {
      image.data[i] = rgb[0];
      image.data[i + 1] = rgb[1];
      image.data[i + 2] = rgb[2];
      image.data[i + 3] = 255;
    }
  }
}

/** Replaces each block × block square of the area by its average colour. */
export function pixelate(image: RgbaImage, rect: Rect, block: number): void {
  const area = pixelArea(rect, image);
  if (!area) return;
  const size = Math.max(2, Math.round(block));
  for (let by = area.y; by < area.y + area.height; by += size) {
    for (let bx = area.x; bx < area.x + area.width; bx += size) {
      const w = Math.min(size, area.x + area.width - bx);
      const h = Math.min(size, area.y + area.height - by);
      const sum = [0, 0, 0, 0];
      forEachPixel(image, bx, by, w, h, (i) => {
        for (let c = 0; c < 4; c++) sum[c]! += image.data[i + c]!;
      });
      const n = w * h;
      const avg = sum.map((s) => Math.round(s / n));
      forEachPixel(image, bx, by, w, h, (i) => {
        for (let c = 0; c < 4; c++) image.data[i + c] = avg[c]!;
      });
    }
  }
}

/** A box blur of the given radius, three passes (close to a Gaussian), inside the area only. */
export function blur(image: RgbaImage, rect: Rect, radius: number): void {
  const area = pixelArea(rect, image);
  if (!area) return;
  const r = Math.max(1, Math.round(radius));
  const region = new Float32Array(area.width * area.height * 4);
  forEachPixel(image, area.x, area.y, area.width, area.height, (i, x, y) => {
    const j = ((y - area.y) * area.width + (x - area.x)) * 4;
    for (let c = 0; c < 4; c++) region[j + c] = image.data[i + c]!;
  });
  for (let pass = 0; pass < 3; pass++) {
    boxPass(region, area.width, area.height, r, true);
    boxPass(region, area.width, area.height, r, false);
  }
  forEachPixel(image, area.x, area.y, area.width, area.height, (i, x, y) => {
    const j = ((y - area.y) * area.width + (x - area.x)) * 4;
    for (let c = 0; c < 4; c++) image.data[i + c] = Math.round(region[j + c]!);
  });
}

/** Copies the part of an image inside `rect` (whole pixels) into a new image. */
export function cropImage(image: RgbaImage, rect: Rect): RgbaImage {
  const area = pixelArea(rect, image);
  if (!area) throw new RangeError('The crop lies outside the image.');
  const out = new Uint8ClampedArray(area.width * area.height * 4);
  for (let y = 0; y < area.height; y++) {
    const start = ((area.y + y) * image.width + area.x) * 4;
    out.set(image.data.subarray(start, start + area.width * 4), y * area.width * 4);
  }
  return { data: out, width: area.width, height: area.height };
}

function boxPass(buf: Float32Array, width: number, height: number, r: number, horizontal: boolean): void {
  const length = horizontal ? width : height;
  const lines = horizontal ? height : width;
  const line = new Float32Array(length * 4);
  for (let l = 0; l < lines; l++) {
    const at = (k: number) => (horizontal ? (l * width + k) * 4 : (k * width + l) * 4);
    for (let k = 0; k < length; k++) for (let c = 0; c < 4; c++) line[k * 4 + c] = buf[at(k) + c]!;
    // A sliding window sum: each output is the mean of the window [k - r, k + r] inside the line.
    const sum = [0, 0, 0, 0];
    for (let m = 0; m <= Math.min(r, length - 1); m++) for (let c = 0; c < 4; c++) sum[c]! += line[m * 4 + c]!;
    for (let k = 0; k < length; k++) {
      const lo = Math.max(0, k - r);
      const hi = Math.min(length - 1, k + r);
      for (let c = 0; c < 4; c++) buf[at(k) + c] = sum[c]! / (hi - lo + 1);
      const leaving = k - r;
      const entering = k + r + 1;
      for (let c = 0; c < 4; c++) {
        if (leaving >= 0) sum[c]! -= line[leaving * 4 + c]!;
        if (entering < length) sum[c]! += line[entering * 4 + c]!;
      }
    }
  }
}

function forEachPixel(image: RgbaImage, x0: number, y0: number, w: number, h: number, fn: (i: number, x: number, y: number) => void): void {
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) fn((y * image.width + x) * 4, x, y);
  }
}

/** A solid redact is black unless the user picked a fill colour. */
export function redactColour(shape: RedactionShape): string {
  return shape.style.fill ?? '#000000';
}

/** Pixelate's block size and blur's radius follow the stroke width the user picked. */
export function redactionStrength(shape: RedactionShape): number {
  return Math.max(4, Math.round(shape.style.strokeWidth * 3));
}

/**
 * The base image with every blur, pixelate and solid redact of the document applied, in the
 * order they were drawn, as a new buffer; the base is left untouched (undo needs it).
 */
export function applyRedactions(base: RgbaImage, shapes: readonly Shape[]): RgbaImage {
  const out: RgbaImage = { data: new Uint8ClampedArray(base.data), width: base.width, height: base.height };
  for (const shape of shapes) {
    if (!isRedaction(shape)) continue;
    if (shape.kind === 'redact') redactFill(out, shape, hexToRgb(redactColour(shape)));
    else if (shape.kind === 'pixelate') pixelate(out, shape, redactionStrength(shape));
    else blur(out, shape, redactionStrength(shape));
  }
  return out;
}

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return [0, 0, 0];
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}
