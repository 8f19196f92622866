/**
 * Screen geometry and raw-bitmap operations for capture: a leaf library (imports nothing from
 * core). Coordinates are physical pixels of the virtual screen unless a name says DIP
 * (device-independent pixels, what Electron's `screen` reports). Displays can have different
 * scale factors and negative origins (a monitor left of or above the primary one).
 */

import type { Point, Rect } from '../../../shared/geometry.js';

export type { Point, Rect };

/** A display in physical pixels of the virtual screen. */
export interface DisplayInfo extends Rect {
  id: string;
  name: string;
  scaleFactor: number;
  primary: boolean;
}

/** A top-level window, bounds in physical pixels of the virtual screen. */
export interface WindowInfo extends Rect {
  id: string;
  title: string;
  app: string;
  focused?: boolean;
}

/** A captured bitmap: RGBA, tightly packed (width × 4 bytes a row), placed on the virtual screen. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  /** Where its top-left pixel is on the virtual screen (physical pixels). */
  x: number;
  y: number;
  scaleFactor: number;
}

/** A display known in both spaces: Electron gives DIP bounds, the capture source physical ones. */
export interface DisplayLayout {
  id: string;
  dip: Rect;
  physical: Rect;
  scaleFactor: number;
}

export function rectRight(r: Rect): number {
  return r.x + r.width;
}

export function rectBottom(r: Rect): number {
  return r.y + r.height;
}

export function containsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.y >= r.y && p.x < rectRight(r) && p.y < rectBottom(r);
}

/** The overlap of two rectangles, or null when they do not overlap (touching edges do not). */
export function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(rectRight(a), rectRight(b));
  const bottom = Math.min(rectBottom(a), rectBottom(b));
  if (right <= x || bottom <= y) return null;
  return { x, y, width: right - x, height: bottom - y };
}

/** The smallest rectangle holding every given one: the virtual screen, for displays. */
export function boundingRect(rects: readonly Rect[]): Rect {
  if (rects.length === 0) throw new Error('boundingRect needs at least one rectangle');
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map(rectRight));
  const bottom = Math.max(...rects.map(rectBottom));
  return { x, y, width: right - x, height: bottom - y };
}

export const virtualScreen = (displays: readonly Rect[]): Rect => boundingRect(displays);

/**
 * A DIP layout for displays known only in physical pixels: each display's DIP rectangle is its
 * physical one divided by its own scale factor (how X11 and Electron on Linux place them).
 */
export function layoutFromPhysical(displays: readonly DisplayInfo[]): DisplayLayout[] {
  return displays.map((d) => ({
    id: d.id,
    scaleFactor: d.scaleFactor,
    physical: { x: d.x, y: d.y, width: d.width, height: d.height },
    dip: {
      x: Math.round(d.x / d.scaleFactor),
      y: Math.round(d.y / d.scaleFactor),
      width: Math.round(d.width / d.scaleFactor),
      height: Math.round(d.height / d.scaleFactor),
    },
  }));
}

/** The display whose `space` rectangle holds the point, or else the nearest one. */
function displayFor(point: Point, layouts: readonly DisplayLayout[], space: 'dip' | 'physical'): DisplayLayout {
  if (layouts.length === 0) throw new Error('No displays to convert coordinates with');
  const inside = layouts.find((l) => containsPoint(l[space], point));
  if (inside) return inside;
  const distance = (r: Rect) => {
    const dx = Math.max(r.x - point.x, 0, point.x - (rectRight(r) - 1));
    const dy = Math.max(r.y - point.y, 0, point.y - (rectBottom(r) - 1));
    return dx * dx + dy * dy;
  };
  return layouts.reduce((best, l) => (distance(l[space]) < distance(best[space]) ? l : best));
}

export function dipToPhysicalPoint(point: Point, layouts: readonly DisplayLayout[]): Point {
  const d = displayFor(point, layouts, 'dip');
  return {
    x: Math.round(d.physical.x + (point.x - d.dip.x) * d.scaleFactor),
    y: Math.round(d.physical.y + (point.y - d.dip.y) * d.scaleFactor),
  };
}

export function physicalToDipPoint(point: Point, layouts: readonly DisplayLayout[]): Point {
  const d = displayFor(point, layouts, 'physical');
  return {
    x: d.dip.x + (point.x - d.physical.x) / d.scaleFactor,
    y: d.dip.y + (point.y - d.physical.y) / d.scaleFactor,
  };
}

/** A DIP rectangle in physical pixels, converted on the display holding its top-left corner. */
export function dipToPhysicalRect(rect: Rect, layouts: readonly DisplayLayout[]): Rect {
  const d = displayFor(rect, layouts, 'dip');
  const origin = dipToPhysicalPoint(rect, [d]);
  return { ...origin, width: Math.round(rect.width * d.scaleFactor), height: Math.round(rect.height * d.scaleFactor) };
}

export function physicalToDipRect(rect: Rect, layouts: readonly DisplayLayout[]): Rect {
  const d = displayFor(rect, layouts, 'physical');
  const origin = physicalToDipPoint(rect, [d]);
  return { ...origin, width: rect.width / d.scaleFactor, height: rect.height / d.scaleFactor };
}

export interface RegionPart<D extends Rect = DisplayInfo> {
  display: D;
  /** The part on this display, in physical pixels of the virtual screen. */
  rect: Rect;
  /** The same part relative to the display's top-left corner (pixels of its own capture). */
  local: Rect;
}

/** A region split at display edges: one part per display it covers, in display order. */
export function splitRegion<D extends Rect>(region: Rect, displays: readonly D[]): Array<RegionPart<D>> {
  const parts: Array<RegionPart<D>> = [];
  for (const display of displays) {
    const rect = intersect(region, display);
    if (rect) parts.push({ display, rect, local: { ...rect, x: rect.x - display.x, y: rect.y - display.y } });
  }
  return parts;
}

/** A rectangle in the pixels of one display's frame (the overlay's answer) on the virtual screen. */
export function displayToVirtual(display: Rect, local: Rect): Rect {
  return { x: display.x + local.x, y: display.y + local.y, width: local.width, height: local.height };
}

/** The top-most window under a point; `windows` are ordered top-most first. */
export function windowAt<W extends Rect>(point: Point, windows: readonly W[]): W | undefined {
  return windows.find((w) => w.width > 0 && w.height > 0 && containsPoint(w, point));
}

/**
 * Snaps each edge of a dragged region to the nearest window edge within `threshold` pixels, so a
 * drag that almost follows a window takes exactly its border.
 */
export function snapToWindowEdges(region: Rect, windows: readonly Rect[], threshold: number): Rect {
  const xs = windows.flatMap((w) => [w.x, rectRight(w)]);
  const ys = windows.flatMap((w) => [w.y, rectBottom(w)]);
  const snap = (value: number, edges: number[]) => {
    let best = value;
    let bestDistance = threshold + 1;
    for (const edge of edges) {
      const distance = Math.abs(edge - value);
      if (distance <= threshold && distance < bestDistance) {
        best = edge;
        bestDistance = distance;
      }
    }
    return best;
  };
  const left = snap(region.x, xs);
  const top = snap(region.y, ys);
  const right = snap(rectRight(region), xs);
  const bottom = snap(rectBottom(region), ys);
  if (right <= left || bottom <= top) return region;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The part of `image` inside `rect` (virtual-screen pixels), copied row by row; no encode. */
export function cropRaw(image: RawImage, rect: Rect): RawImage {
  const part = intersect(rect, image);
  if (!part) {
    throw new RangeError(
      `The region ${describeRect(rect)} is outside the captured image ${describeRect(image)}.`,
    );
  }
  const rowBytes = part.width * 4;
  const data = Buffer.allocUnsafe(rowBytes * part.height);
  const sourceStride = image.width * 4;
  const startX = (part.x - image.x) * 4;
  for (let row = 0; row < part.height; row++) {
    const from = (part.y - image.y + row) * sourceStride + startX;
    image.data.copy(data, row * rowBytes, from, from + rowBytes);
  }
  return { data, width: part.width, height: part.height, x: part.x, y: part.y, scaleFactor: image.scaleFactor };
}

/**
 * Pastes bitmaps into one covering `bounds` (default: all of them). Pixels no bitmap covers,
 * such as the gap beside a smaller monitor, are transparent. The result takes the scale factor
 * of the bitmap covering most of it.
 */
export function stitch(images: readonly RawImage[], bounds: Rect = boundingRect(images)): RawImage {
  if (images.length === 0) throw new Error('Nothing to stitch');
  const only = images.length === 1 ? images[0]! : undefined;
  // One image that is exactly the area (one display, or a region inside one) needs no 33 MB copy.
  if (only && only.x === bounds.x && only.y === bounds.y && only.width === bounds.width && only.height === bounds.height) return only;
  const data = Buffer.alloc(bounds.width * bounds.height * 4);
  let scaleFactor = images[0]!.scaleFactor;
  let largest = 0;
  for (const image of images) {
    const part = intersect(image, bounds);
    if (!part) continue;
    if (part.width * part.height > largest) {
      largest = part.width * part.height;
      scaleFactor = image.scaleFactor;
    }
    const rowBytes = part.width * 4;
    for (let row = 0; row < part.height; row++) {
      const from = ((part.y - image.y + row) * image.width + (part.x - image.x)) * 4;
      const to = ((part.y - bounds.y + row) * bounds.width + (part.x - bounds.x)) * 4;
      image.data.copy(data, to, from, from + rowBytes);
    }
  }
  return { data, width: bounds.width, height: bounds.height, x: bounds.x, y: bounds.y, scaleFactor };
}

export function describeRect(r: Rect): string {
  return `${r.width}×${r.height} at ${r.x},${r.y}`;
}
