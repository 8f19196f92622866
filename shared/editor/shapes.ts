/**
 * The editor's shapes: plain data in image-pixel coordinates of the base image (before any crop),
 * so a document reopened later, at any zoom, draws the same marks on the same pixels.
 */

import type { Point, Rect } from '../geometry.js';

export type { Point, Rect };

export interface ShapeStyle {
  /** CSS colour of strokes, text and badges. */
  color: string;
  strokeWidth: number;
  /** Fill of rectangles and ellipses, or null for none. */
  fill: string | null;
  fontSize: number;
}

/** What a new shape looks like until the user picks otherwise (then their choice is remembered). */
export const DEFAULT_EDITOR_STYLE: ShapeStyle = { color: '#e11d48', strokeWidth: 4, fill: null, fontSize: 24 };

interface ShapeBase {
  id: string;
  style: ShapeStyle;
}

export interface BoxShape extends ShapeBase, Rect {
  kind: 'rect' | 'ellipse';
}

export interface SegmentShape extends ShapeBase {
  kind: 'line' | 'arrow';
  from: Point;
  to: Point;
}

export interface StrokeShape extends ShapeBase {
  kind: 'pen' | 'highlighter';
  /** Flat list x0, y0, x1, y1, … as canvas libraries take it. */
  points: number[];
}

export interface TextShape extends ShapeBase {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  /** Background behind the text, or null for none. */
  background: string | null;
}

/** A numbered badge; its number is its place among the document's badges, so it renumbers itself. */
export interface StepShape extends ShapeBase {
  kind: 'step';
  x: number;
  y: number;
}

/** Areas whose pixels are changed in the exported image, not merely covered. */
export interface RedactionShape extends ShapeBase, Rect {
  kind: 'blur' | 'pixelate' | 'redact';
}

export type Shape = BoxShape | SegmentShape | StrokeShape | TextShape | StepShape | RedactionShape;
export type ShapeKind = Shape['kind'];

export const SHAPE_KINDS: readonly ShapeKind[] = ['rect', 'ellipse', 'line', 'arrow', 'pen', 'highlighter', 'text', 'step', 'blur', 'pixelate', 'redact'];

export function isRedaction(shape: Shape): shape is RedactionShape {
  return shape.kind === 'blur' || shape.kind === 'pixelate' || shape.kind === 'redact';
}

/** The smallest rectangle holding the shape, in image pixels (strokes included). */
export function shapeBounds(shape: Shape): Rect {
  const pad = shape.kind === 'text' || shape.kind === 'step' || isRedaction(shape) ? 0 : shape.style.strokeWidth / 2;
  switch (shape.kind) {
    case 'rect':
    case 'ellipse':
    case 'blur':
    case 'pixelate':
    case 'redact':
      return grow({ x: shape.x, y: shape.y, width: shape.width, height: shape.height }, pad);
    case 'line':
    case 'arrow':
      return grow(boundsOf([shape.from, shape.to]), pad);
    case 'pen':
    case 'highlighter': {
      const points: Point[] = [];
      for (let i = 0; i + 1 < shape.points.length; i += 2) points.push({ x: shape.points[i]!, y: shape.points[i + 1]! });
      return grow(boundsOf(points), pad);
    }
    case 'text': {
      const lines = shape.text.split('\n');
      const longest = Math.max(...lines.map((line) => line.length));
      // An estimate for hit-testing; the canvas measures the real glyphs.
      return { x: shape.x, y: shape.y, width: longest * shape.style.fontSize * 0.6, height: lines.length * shape.style.fontSize * 1.2 };
    }
    case 'step': {
      const r = stepRadius(shape.style);
      return { x: shape.x - r, y: shape.y - r, width: 2 * r, height: 2 * r };
    }
  }
}

/** A step badge's radius follows the font size, so badges stay readable at any stroke width. */
export function stepRadius(style: ShapeStyle): number {
  return Math.max(10, Math.round(style.fontSize * 0.8));
}

/** Moves a shape by (dx, dy) image pixels. */
export function translateShape<S extends Shape>(shape: S, dx: number, dy: number): S {
  switch (shape.kind) {
    case 'line':
    case 'arrow':
      return { ...shape, from: { x: shape.from.x + dx, y: shape.from.y + dy }, to: { x: shape.to.x + dx, y: shape.to.y + dy } };
    case 'pen':
    case 'highlighter':
      return { ...shape, points: shape.points.map((v, i) => v + (i % 2 === 0 ? dx : dy)) };
    default:
      return { ...shape, x: (shape as { x: number }).x + dx, y: (shape as { y: number }).y + dy };
  }
}

export function normalizeRect(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
}

function boundsOf(points: Point[]): Rect {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

function grow(rect: Rect, by: number): Rect {
  return { x: rect.x - by, y: rect.y - by, width: rect.width + 2 * by, height: rect.height + 2 * by };
}
