/**
 * An editor document: the base image's size, an optional crop and the shapes drawn on it, with an
 * undo/redo history of whole states. Plain data (no DOM, no Node): the editor page, the harness
 * and the exporter share it, and `serialize`/`parseDocument` let an edit be reopened from History.
 */
import { SHAPE_KINDS, type Rect, type Shape } from './shapes.js';

export const DOCUMENT_VERSION = 1;

export interface EditorDocument {
  version: typeof DOCUMENT_VERSION;
  image: { width: number; height: number };
  /** The part of the image that is exported, or null for all of it. */
  crop: Rect | null;
  /** Bottom to top: later shapes are drawn over earlier ones. */
  shapes: Shape[];
}

export function createDocument(width: number, height: number): EditorDocument {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`An editor document needs a positive whole image size, not ${width}×${height}.`);
  }
  return { version: DOCUMENT_VERSION, image: { width, height }, crop: null, shapes: [] };
}

/** The exported image's size: the crop's, or the whole image's. */
export function exportSize(doc: EditorDocument): { width: number; height: number } {
  return doc.crop ? { width: doc.crop.width, height: doc.crop.height } : { ...doc.image };
}

/** A step badge's number: its place among the document's badges, from 1. */
export function stepNumber(doc: EditorDocument, id: string): number {
  let n = 0;
  for (const shape of doc.shapes) {
    if (shape.kind !== 'step') continue;
    n += 1;
    if (shape.id === id) return n;
  }
  return 0;
}

export type Edit =
  | { type: 'add'; shape: Shape }
  | { type: 'update'; shape: Shape }
  | { type: 'remove'; ids: string[] }
  | { type: 'crop'; rect: Rect | null };

/** Applies one edit, returning a new document; the given one is left as it was. */
export function applyEdit(doc: EditorDocument, edit: Edit): EditorDocument {
  switch (edit.type) {
    case 'add':
      return { ...doc, shapes: [...doc.shapes, edit.shape] };
    case 'update':
      return { ...doc, shapes: doc.shapes.map((s) => (s.id === edit.shape.id ? edit.shape : s)) };
    case 'remove': {
      const gone = new Set(edit.ids);
      return { ...doc, shapes: doc.shapes.filter((s) => !gone.has(s.id)) };
    }
    case 'crop':
      return { ...doc, crop: edit.rect ? clampCrop(edit.rect, doc.image) : null };
  }
}

/** A crop rounded to whole pixels and kept inside the image; at least 1×1. */
export function clampCrop(rect: Rect, image: { width: number; height: number }): Rect {
  const x = clamp(Math.round(Math.min(rect.x, rect.x + rect.width)), 0, image.width - 1);
  const y = clamp(Math.round(Math.min(rect.y, rect.y + rect.height)), 0, image.height - 1);
  const right = clamp(Math.round(Math.max(rect.x, rect.x + rect.width)), x + 1, image.width);
  const bottom = clamp(Math.round(Math.max(rect.y, rect.y + rect.height)), y + 1, image.height);
  return { x, y, width: right - x, height: bottom - y };
}

/** Undo and redo over whole document states; each edit the user makes is one step. */
export class EditHistory {
  private past: EditorDocument[] = [];
  private future: EditorDocument[] = [];
  private current: EditorDocument;
  private saved: EditorDocument;

  constructor(
    start: EditorDocument,
    private readonly limit = 500,
  ) {
    this.current = start;
    this.saved = start;
  }

  get document(): EditorDocument {
    return this.current;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** True when the document differs from the one the history started with or was last marked saved. */
  get dirty(): boolean {
    return this.current !== this.saved;
  }

  apply(...edits: Edit[]): EditorDocument {
    if (edits.length === 0) return this.current;
    this.past.push(this.current);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
    this.current = edits.reduce(applyEdit, this.current);
    return this.current;
  }

  undo(): EditorDocument {
    const previous = this.past.pop();
    if (previous) {
      this.future.push(this.current);
      this.current = previous;
    }
    return this.current;
  }

  redo(): EditorDocument {
    const next = this.future.pop();
    if (next) {
      this.past.push(this.current);
      this.current = next;
    }
    return this.current;
  }

  markSaved(): void {
    this.saved = this.current;
  }
}

export function serializeDocument(doc: EditorDocument): string {
  return JSON.stringify(doc);
}

/** Reads a serialized document, refusing anything that is not one, with the reason. */
export function parseDocument(text: string): EditorDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('This edit cannot be reopened: it is not valid JSON.');
  }
  const doc = value as Partial<EditorDocument> | null;
  if (!doc || typeof doc !== 'object' || doc.version !== DOCUMENT_VERSION) {
    throw new Error(`This edit cannot be reopened: it is not a version ${DOCUMENT_VERSION} Shotput editor document.`);
  }
  const image = doc.image;
  if (!image || !isPositiveInt(image.width) || !isPositiveInt(image.height)) {
    throw new Error('This edit cannot be reopened: its image size is missing or not a positive whole number.');
  }
  if (doc.crop !== null && !isRect(doc.crop)) throw new Error('This edit cannot be reopened: its crop is not a rectangle.');
  if (!Array.isArray(doc.shapes)) throw new Error('This edit cannot be reopened: it has no list of shapes.');
  doc.shapes.forEach((shape, i) => {
    if (!shape || typeof shape !== 'object' || typeof shape.id !== 'string' || !SHAPE_KINDS.includes(shape.kind)) {
      throw new Error(`This edit cannot be reopened: shape ${i + 1} is of no known kind.`);
    }
  });
  return { version: DOCUMENT_VERSION, image: { width: image.width, height: image.height }, crop: doc.crop ?? null, shapes: doc.shapes };
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

function isRect(v: unknown): v is Rect {
  const r = v as Rect | null | undefined;
  return !!r && [r.x, r.y, r.width, r.height].every((n) => typeof n === 'number' && Number.isFinite(n));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}
