/**
 * Where the frame sits in the overlay's page: scaled to fit the viewport (in Electron the window
 * has the display's shape, so it fills it exactly; in a browser it may be letterboxed), and the
 * conversions between page (CSS) pixels and the frame's image pixels.
 */
import type { Point, Rect, Size } from './selection.js';

export interface FrameView {
  /** CSS pixels per image pixel. */
  scale: number;
  left: number;
  top: number;
}

/**
 * On the display it was captured from, the window is the frame's size divided by the display's
 * scale factor (give or take the rounding of DIP bounds, 2560 px at 1.5× is a 1707 px window):
 * the frame is then drawn from the top-left corner at exactly 1/scaleFactor CSS pixels per image
 * pixel, so each image pixel is one device pixel and nothing is resampled. In any other viewport
 * (a browser of another size) it is scaled to fit.
 */
export function fitFrame(frame: Size, viewport: Size, scaleFactor = 1): FrameView {
  const native = 1 / scaleFactor;
  if (Math.abs(frame.width * native - viewport.width) < 1 && Math.abs(frame.height * native - viewport.height) < 1) return { scale: native, left: 0, top: 0 };
  const scale = Math.min(viewport.width / frame.width, viewport.height / frame.height);
  return { scale, left: (viewport.width - frame.width * scale) / 2, top: (viewport.height - frame.height * scale) / 2 };
}

/** A page point as continuous image coordinates. */
export function toImage(view: FrameView, point: Point): Point {
  return { x: (point.x - view.left) / view.scale, y: (point.y - view.top) / view.scale };
}

/** The image pixel containing a continuous image point. */
export function pixelAt(point: Point): Point {
  return { x: Math.floor(point.x), y: Math.floor(point.y) };
}

/** An image-pixel rectangle in page (CSS) pixels. */
export function toPage(view: FrameView, rect: Rect): Rect {
  return { x: view.left + rect.x * view.scale, y: view.top + rect.y * view.scale, width: rect.width * view.scale, height: rect.height * view.scale };
}

/** #RRGGBB of the pixel at (x, y) of tightly packed RGBA. */
export function hexAt(rgba: Uint8ClampedArray | Uint8Array, frameWidth: number, x: number, y: number): string {
  const i = (y * frameWidth + x) * 4;
  const hex = (v: number | undefined) => (v ?? 0).toString(16).padStart(2, '0');
  return `#${hex(rgba[i])}${hex(rgba[i + 1])}${hex(rgba[i + 2])}`.toUpperCase();
}
