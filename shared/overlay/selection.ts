/**
 * The region overlay's selection geometry, in the frame's image pixels. Pure functions: no DOM,
 * no Node, so the page, the session in core and the unit tests share one definition.
 * A selection is always integers, at least 1×1, and inside the frame.
 */

import type { Point, Rect, Size } from '../geometry.js';

export type { Point, Rect, Size };

/** A selection edge or corner being dragged, or the whole selection (move). */
export type Handle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw' | 'move';

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Whether `rect` is integers, at least 1×1, and wholly inside a frame of `frame`'s size. */
export function isInsideFrame(rect: Rect, frame: Size): boolean {
  return (
    [rect.x, rect.y, rect.width, rect.height].every(Number.isInteger) &&
    rect.width >= 1 &&
    rect.height >= 1 &&
    rect.x >= 0 &&
    rect.y >= 0 &&
    rect.x + rect.width <= frame.width &&
    rect.y + rect.height <= frame.height
  );
}

/** The part of `rect` inside the frame, widened to whole pixels; null when nothing overlaps. */
export function clampToFrame(rect: Rect, frame: Size): Rect | null {
  const left = clamp(Math.floor(rect.x), 0, frame.width);
  const top = clamp(Math.floor(rect.y), 0, frame.height);
  const right = clamp(Math.ceil(rect.x + rect.width), 0, frame.width);
  const bottom = clamp(Math.ceil(rect.y + rect.height), 0, frame.height);
  if (right <= left || bottom <= top) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The rectangle between where a drag started and where the pointer is now, in either direction.
 * Points are continuous image coordinates; edges round to the nearest pixel boundary, so a drag
 * from (10, 20) to (110, 70) is 100×50. Null while the drag has no area yet.
 */
export function rectFromDrag(start: Point, end: Point, frame: Size): Rect | null {
  const x0 = clamp(Math.round(start.x), 0, frame.width);
  const x1 = clamp(Math.round(end.x), 0, frame.width);
  const y0 = clamp(Math.round(start.y), 0, frame.height);
  const y1 = clamp(Math.round(end.y), 0, frame.height);
  if (x0 === x1 || y0 === y1) return null;
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}

/** Moves the selection, keeping its size; it stops at the frame's edges. */
export function moveBy(rect: Rect, dx: number, dy: number, frame: Size): Rect {
  return {
    ...rect,
    x: clamp(Math.round(rect.x + dx), 0, frame.width - rect.width),
    y: clamp(Math.round(rect.y + dy), 0, frame.height - rect.height),
  };
}

/** Grows or shrinks the selection from its bottom-right corner: never below 1×1, never past the frame. */
export function resizeBy(rect: Rect, dw: number, dh: number, frame: Size): Rect {
  return {
    ...rect,
    width: clamp(Math.round(rect.width + dw), 1, frame.width - rect.x),
    height: clamp(Math.round(rect.height + dh), 1, frame.height - rect.y),
  };
}

/**
 * The selection after dragging `handle` by (dx, dy) image pixels from `start`. Dragging an edge
 * past the opposite one flips the selection instead of giving it a negative size.
 */
export function dragHandle(start: Rect, handle: Handle, dx: number, dy: number, frame: Size): Rect {
  if (handle === 'move') return moveBy(start, dx, dy, frame);
  let left = start.x;
  let top = start.y;
  let right = start.x + start.width;
  let bottom = start.y + start.height;
  if (handle.includes('w')) left += dx;
  if (handle.includes('e')) right += dx;
  if (handle.includes('n')) top += dy;
  if (handle.includes('s')) bottom += dy;
  const spanX = ensureSpan(left, right, frame.width, handle.includes('w'));
  const spanY = ensureSpan(top, bottom, frame.height, handle.includes('n'));
  return { x: spanX[0], y: spanY[0], width: spanX[1] - spanX[0], height: spanY[1] - spanY[0] };
}

/**
 * Ordered, rounded, inside [0, max], and at least one pixel wide: when the dragged edge meets the
 * fixed one, the dragged edge (the first when `firstMoved`) stays a pixel away from it.
 */
function ensureSpan(first: number, second: number, max: number, firstMoved: boolean): [number, number] {
  const low = clamp(Math.round(Math.min(first, second)), 0, max);
  const high = clamp(Math.round(Math.max(first, second)), 0, max);
  if (high > low) return [low, high];
  const movedIsLow = firstMoved === first <= second;
  if (movedIsLow) return low >= 1 ? [low - 1, low] : [0, 1];
  return high < max ? [high, high + 1] : [max - 1, max];
}

/**
 * Which part of the selection is under `point`: a corner or edge within `grip` pixels of it, the
 * inside (move), or null outside.
 */
export function handleAt(rect: Rect, point: Point, grip: number): Handle | null {
  const right = rect.x + rect.width;
  const bottom = rect.y + rect.height;
  if (point.x < rect.x - grip || point.x > right + grip || point.y < rect.y - grip || point.y > bottom + grip) return null;
  const near = (a: number, b: number) => Math.abs(a - b) <= grip;
  const vertical = near(point.y, rect.y) ? 'n' : near(point.y, bottom) ? 's' : '';
  const horizontal = near(point.x, rect.x) ? 'w' : near(point.x, right) ? 'e' : '';
  const edge = `${vertical}${horizontal}`;
  if (edge) return edge as Handle;
  return contains(rect, point) ? 'move' : null;
}

export function contains(rect: Rect, point: Point): boolean {
  return point.x >= rect.x && point.x < rect.x + rect.width && point.y >= rect.y && point.y < rect.y + rect.height;
}

/** The topmost window under `point` (windows are listed topmost first), if any overlaps the frame there. */
export function windowAt<W extends Rect>(windows: readonly W[], point: Point): W | null {
  return windows.find((w) => w.width > 0 && w.height > 0 && contains(w, point)) ?? null;
}

/** The whole frame as a selection. */
export function wholeFrame(frame: Size): Rect {
  return { x: 0, y: 0, width: frame.width, height: frame.height };
}

/** A selection to start from with the keyboard: half the frame, centred. */
export function centredStart(frame: Size): Rect {
  const width = Math.max(1, Math.round(frame.width / 2));
  const height = Math.max(1, Math.round(frame.height / 2));
  return { x: Math.floor((frame.width - width) / 2), y: Math.floor((frame.height - height) / 2), width, height };
}

export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/**
 * An arrow key applied to the selection: it moves 1 pixel, 10 with Shift; with Alt it resizes
 * from the bottom-right corner instead (Right/Down grow, Left/Up shrink).
 */
export function applyArrowKey(rect: Rect, key: ArrowKey, modifiers: { shift: boolean; alt: boolean }, frame: Size): Rect {
  const step = modifiers.shift ? 10 : 1;
  const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
  const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
  return modifiers.alt ? resizeBy(rect, dx, dy, frame) : moveBy(rect, dx, dy, frame);
}
