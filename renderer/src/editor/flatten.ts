/**
 * Export at 1:1: the base image's pixels with redactions applied, the marks drawn over them by
 * the same konva nodes the editor shows (cloned at scale 1), cut to the crop. The result is the
 * exported image's own RGBA pixels, at its exact size.
 */
import Konva from 'konva';
import type { EditorDocument } from '../../../shared/editor/document.js';
import { applyRedactions, type RgbaImage } from '../../../shared/editor/redaction.js';

export interface Flattened {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * `base` is the canvas the editor shows: the image's pixels with the document's redactions already
 * applied (see `redactedCanvas`), drawn here 1:1.
 */
export function flatten(doc: EditorDocument, base: HTMLCanvasElement, marks: Konva.Layer): Flattened {
  const { width, height } = doc.image;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('The editor cannot draw: the browser gave no 2D canvas.');
  ctx.drawImage(base, 0, 0);

  const container = document.createElement('div');
  const stage = new Konva.Stage({ container, width, height });
  const layer = marks.clone({ x: 0, y: 0, scaleX: 1, scaleY: 1 }) as Konva.Layer;
  for (const effect of layer.find('.effect')) effect.destroy();
  stage.add(layer);
  layer.draw();
  ctx.drawImage(stage.toCanvas({ pixelRatio: 1 }), 0, 0);
  stage.destroy();

  const crop = doc.crop ?? { x: 0, y: 0, width, height };
  const pixels = ctx.getImageData(crop.x, crop.y, crop.width, crop.height);
  return { width: crop.width, height: crop.height, data: new Uint8Array(pixels.data.buffer) };
}

/** The base layer: the image's pixels with every redaction of the document applied. */
export function redactedCanvas(base: RgbaImage, doc: EditorDocument): HTMLCanvasElement {
  return toCanvas(doc.shapes.some((s) => s.kind === 'blur' || s.kind === 'pixelate' || s.kind === 'redact') ? applyRedactions(base, doc.shapes) : base);
}

function toCanvas(image: RgbaImage): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext('2d')!.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), 0, 0);
  performance.mark('editor-canvas');
  return canvas;
}
