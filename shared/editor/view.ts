/**
 * Between the screen and the image: zoom and pan, and the Shift constraints. The document is always
 * in image pixels; only the view changes with zoom, so marks stay exactly where they were placed.
 */
import type { Point } from './shapes.js';

export interface View {
  /** Screen pixels per image pixel. */
  zoom: number;
  /** Where the image's top-left corner is, in screen pixels. */
  panX: number;
  panY: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 32;

export function viewToImage(p: Point, view: View): Point {
  return { x: (p.x - view.panX) / view.zoom, y: (p.y - view.panY) / view.zoom };
}

export function imageToView(p: Point, view: View): Point {
  return { x: p.x * view.zoom + view.panX, y: p.y * view.zoom + view.panY };
}

/**
 * The view that shows the whole image centred in the viewport: 100 % when it fits (as image
 * editors open screenshots), smaller when it does not; never larger, unless `allowEnlarge`.
 */
export function fitView(image: { width: number; height: number }, viewport: { width: number; height: number }, allowEnlarge = false): View {
  const fit = Math.min(viewport.width / image.width, viewport.height / image.height);
  const zoom = clampZoom(allowEnlarge ? fit : Math.min(1, fit));
  return { zoom, panX: Math.round((viewport.width - image.width * zoom) / 2), panY: Math.round((viewport.height - image.height * zoom) / 2) };
}

/** Zooms by `factor` keeping the image point under `anchor` (screen pixels) where it is. */
export function zoomAt(view: View, factor: number, anchor: Point): View {
  const zoom = clampZoom(view.zoom * factor);
  const under = viewToImage(anchor, view);
  return { zoom, panX: anchor.x - under.x * zoom, panY: anchor.y - under.y * zoom };
}

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Shift while drawing a box: a square, on the side the pointer went. */
export function constrainSquare(start: Point, end: Point): Point {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const side = Math.max(Math.abs(dx), Math.abs(dy));
  return { x: start.x + Math.sign(dx || 1) * side, y: start.y + Math.sign(dy || 1) * side };
}

/** Shift while drawing a line: the nearest multiple of 45°, keeping the pointer's distance along it. */
export function constrainAngle(start: Point, end: Point): Point {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return { ...end };
  const step = Math.PI / 4;
  const angle = Math.round(Math.atan2(dy, dx) / step) * step;
  const x = start.x + Math.round(Math.cos(angle) * length * 1e6) / 1e6;
  const y = start.y + Math.round(Math.sin(angle) * length * 1e6) / 1e6;
  return { x, y };
}

/** 100 %: one image pixel per screen pixel, centred in the viewport. */
export function actualSizeView(image: { width: number; height: number }, viewport: { width: number; height: number }): View {
  return { zoom: 1, panX: Math.round((viewport.width - image.width) / 2), panY: Math.round((viewport.height - image.height) / 2) };
}
