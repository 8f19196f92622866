/**
 * The magnifier: the pixels around the pointer, enlarged with a grid, the one under the pointer
 * outlined, and its colour as #RRGGBB. Drawn from the frozen frame's canvas without smoothing.
 */
import type { Point, Size } from '../../../shared/overlay/selection.js';
import { hexAt } from '../../../shared/overlay/view.js';

/** Image pixels across the magnifier (odd, so one sits in the middle). */
const SPAN = 15;
/** CSS pixels per enlarged image pixel. */
const ZOOM = 8;
export const MAGNIFIER_SIZE = SPAN * ZOOM;

export interface Magnifier {
  draw(pixel: Point): void;
}

export function createMagnifier(root: HTMLElement, frameCanvas: HTMLCanvasElement, pixels: Uint8ClampedArray, frame: Size): Magnifier {
  const canvas = root.querySelector<HTMLCanvasElement>('.magnifier-pixels')!;
  const hex = root.querySelector<HTMLElement>('.magnifier-hex')!;
  const position = root.querySelector<HTMLElement>('.magnifier-position')!;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = canvas.height = Math.round(MAGNIFIER_SIZE * ratio);
  canvas.style.width = canvas.style.height = `${MAGNIFIER_SIZE}px`;
  const ctx = canvas.getContext('2d')!;

  return {
    draw(pixel) {
      const half = (SPAN - 1) / 2;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, MAGNIFIER_SIZE, MAGNIFIER_SIZE);
      // Only the part inside the frame: beyond its edges stays black.
      const sx = Math.max(0, pixel.x - half);
      const sy = Math.max(0, pixel.y - half);
      const ex = Math.min(frame.width, pixel.x + half + 1);
      const ey = Math.min(frame.height, pixel.y + half + 1);
      if (ex > sx && ey > sy) {
        const dx = (sx - (pixel.x - half)) * ZOOM;
        const dy = (sy - (pixel.y - half)) * ZOOM;
        ctx.drawImage(frameCanvas, sx, sy, ex - sx, ey - sy, dx, dy, (ex - sx) * ZOOM, (ey - sy) * ZOOM);
      }
      ctx.strokeStyle = 'rgba(128, 128, 128, 0.35)';
      ctx.lineWidth = 1 / ratio;
      ctx.beginPath();
      for (let i = 1; i < SPAN; i++) {
        ctx.moveTo(i * ZOOM, 0);
        ctx.lineTo(i * ZOOM, MAGNIFIER_SIZE);
        ctx.moveTo(0, i * ZOOM);
        ctx.lineTo(MAGNIFIER_SIZE, i * ZOOM);
      }
      ctx.stroke();
      // The pixel under the pointer: a black and a white outline, visible on any colour.
      const c = half * ZOOM;
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#000';
      ctx.strokeRect(c - 1.5, c - 1.5, ZOOM + 3, ZOOM + 3);
      ctx.strokeStyle = '#fff';
      ctx.strokeRect(c - 0.5, c - 0.5, ZOOM + 1, ZOOM + 1);

      const inside = pixel.x >= 0 && pixel.y >= 0 && pixel.x < frame.width && pixel.y < frame.height;
      hex.textContent = inside ? hexAt(pixels, frame.width, pixel.x, pixel.y) : '';
      position.textContent = inside ? `${pixel.x}, ${pixel.y}` : '';
    },
  };
}
