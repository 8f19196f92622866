/**
 * Paints the frozen frame: raw RGBA bytes fetched from `frame.url`, straight into ImageData and
 * onto the canvas (no image decoding). The bytes are kept for the magnifier's colour readout.
 */
import type { OverlayInit } from '../../../shared/ipc/overlay-contract.js';

export async function paintFrame(canvas: HTMLCanvasElement, frame: OverlayInit['frame']): Promise<Uint8ClampedArray> {
  const response = await fetch(frame.url);
  if (!response.ok) throw new Error(`The captured screen could not be loaded (${response.status}). Take the capture again.`);
  const bytes = await response.arrayBuffer();
  const expected = frame.width * frame.height * 4;
  if (bytes.byteLength !== expected) {
    throw new Error(`The captured screen has ${bytes.byteLength} bytes where ${frame.width}×${frame.height} RGBA needs ${expected}. Take the capture again.`);
  }
  performance.mark('overlay-frame-loaded');
  const pixels = new Uint8ClampedArray(bytes);
  canvas.width = frame.width;
  canvas.height = frame.height;
  canvas.getContext('2d')!.putImageData(new ImageData(pixels, frame.width, frame.height), 0, 0);
  return pixels;
}

/** Resolves once the browser has painted what is on the page now. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
