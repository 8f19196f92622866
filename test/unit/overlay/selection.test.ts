import { describe, expect, it } from 'vitest';
import {
  applyArrowKey,
  centredStart,
  clampToFrame,
  dragHandle,
  handleAt,
  isInsideFrame,
  moveBy,
  rectFromDrag,
  resizeBy,
  windowAt,
} from '../../../shared/overlay/selection.js';
import { fitFrame, hexAt, pixelAt, toImage, toPage } from '../../../shared/overlay/view.js';

const frame = { width: 800, height: 600 };

describe('drag normalisation', () => {
  it('gives the same rectangle whichever corner the drag starts from, edges on pixel boundaries', () => {
    const expected = { x: 10, y: 20, width: 100, height: 50 };
    expect(rectFromDrag({ x: 10, y: 20 }, { x: 110, y: 70 }, frame)).toEqual(expected);
    expect(rectFromDrag({ x: 110, y: 70 }, { x: 10, y: 20 }, frame)).toEqual(expected);
    expect(rectFromDrag({ x: 110, y: 20 }, { x: 10, y: 70 }, frame)).toEqual(expected);
    expect(rectFromDrag({ x: 10.4, y: 19.6 }, { x: 109.5, y: 70.2 }, frame)).toEqual(expected);
  });

  it('stops at the frame and has no area until the pointer has moved a pixel in both directions', () => {
    expect(rectFromDrag({ x: 700, y: 500 }, { x: 950, y: -40 }, frame)).toEqual({ x: 700, y: 0, width: 100, height: 500 });
    expect(rectFromDrag({ x: 10, y: 10 }, { x: 10.3, y: 80 }, frame)).toBeNull();
  });
});

describe('nudge and resize', () => {
  const rect = { x: 100, y: 80, width: 300, height: 220 };
  it('arrows move by 1, Shift by 10, keeping the size and stopping at the edges', () => {
    expect(applyArrowKey(rect, 'ArrowRight', { shift: false, alt: false }, frame)).toEqual({ ...rect, x: 101 });
    expect(applyArrowKey(rect, 'ArrowUp', { shift: true, alt: false }, frame)).toEqual({ ...rect, y: 70 });
    expect(moveBy(rect, -500, 1000, frame)).toEqual({ ...rect, x: 0, y: 380 });
  });

  it('Alt+arrows resize from the bottom-right corner, between 1 px and the frame edge', () => {
    expect(applyArrowKey(rect, 'ArrowRight', { shift: false, alt: true }, frame)).toEqual({ ...rect, width: 301 });
    expect(applyArrowKey(rect, 'ArrowUp', { shift: true, alt: true }, frame)).toEqual({ ...rect, height: 210 });
    expect(resizeBy(rect, -1000, 1000, frame)).toEqual({ ...rect, width: 1, height: 520 });
  });
});

describe('grips', () => {
  const rect = { x: 100, y: 100, width: 200, height: 100 };
  it('finds the corner, edge or inside under the pointer within the grip distance', () => {
    expect(handleAt(rect, { x: 103, y: 97 }, 6)).toBe('nw');
    expect(handleAt(rect, { x: 300, y: 150 }, 6)).toBe('e');
    expect(handleAt(rect, { x: 305, y: 205 }, 6)).toBe('se');
    expect(handleAt(rect, { x: 200, y: 150 }, 6)).toBe('move');
    expect(handleAt(rect, { x: 320, y: 150 }, 6)).toBeNull();
  });

  it('dragging an edge past the opposite one flips the selection rather than giving it a negative size', () => {
    expect(dragHandle(rect, 'se', 50, 20, frame)).toEqual({ x: 100, y: 100, width: 250, height: 120 });
    expect(dragHandle(rect, 'w', 250, 0, frame)).toEqual({ x: 300, y: 100, width: 50, height: 100 });
    expect(dragHandle(rect, 'n', 0, 100, frame)).toEqual({ x: 100, y: 199, width: 200, height: 1 });
    expect(dragHandle(rect, 'e', -200, 0, frame)).toEqual({ x: 100, y: 100, width: 1, height: 100 });
    expect(dragHandle(rect, 'nw', -500, -500, frame)).toEqual({ x: 0, y: 0, width: 300, height: 200 });
    expect(dragHandle(rect, 'move', 900, 0, frame)).toEqual({ ...rect, x: 600 });
  });
});

describe('windows and the frame', () => {
  const windows = [
    { id: 'top', x: 300, y: 200, width: 400, height: 300 },
    { id: 'below', x: 50, y: 50, width: 400, height: 300 },
    { id: 'minimised', x: 0, y: 0, width: 0, height: 0 },
  ];
  it('the topmost window under the pointer wins; pixels past its right and bottom edge are outside it', () => {
    expect(windowAt(windows, { x: 350, y: 250 })?.id).toBe('top');
    expect(windowAt(windows, { x: 100, y: 100 })?.id).toBe('below');
    expect(windowAt(windows, { x: 450, y: 100 })).toBeNull();
    expect(windowAt(windows, { x: 0, y: 0 })).toBeNull();
  });

  it('a window or last region is cut to the frame, whole pixels; none when it lies elsewhere', () => {
    expect(clampToFrame({ x: -50, y: 500, width: 200, height: 300 }, frame)).toEqual({ x: 0, y: 500, width: 150, height: 100 });
    expect(clampToFrame({ x: 10.5, y: 10.5, width: 10, height: 10 }, frame)).toEqual({ x: 10, y: 10, width: 11, height: 11 });
    expect(clampToFrame({ x: 900, y: 0, width: 100, height: 100 }, frame)).toBeNull();
  });

  it('a confirmed region must be integers, at least 1×1, inside the frame', () => {
    expect(isInsideFrame({ x: 0, y: 0, width: 800, height: 600 }, frame)).toBe(true);
    expect(isInsideFrame({ x: 1, y: 0, width: 800, height: 600 }, frame)).toBe(false);
    expect(isInsideFrame({ x: 0.5, y: 0, width: 10, height: 10 }, frame)).toBe(false);
    expect(isInsideFrame({ x: 0, y: 0, width: 0, height: 10 }, frame)).toBe(false);
  });

  it('the keyboard starts from a centred selection of half the frame', () => {
    expect(centredStart(frame)).toEqual({ x: 200, y: 150, width: 400, height: 300 });
    expect(centredStart({ width: 1, height: 1 })).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });
});

describe('page ↔ image pixels', () => {
  it('a 3840×2160 frame in a 1920×1080 window maps page pixels to twice as many image pixels, and back', () => {
    const view = fitFrame({ width: 3840, height: 2160 }, { width: 1920, height: 1080 });
    expect(toImage(view, { x: 100, y: 50 })).toEqual({ x: 200, y: 100 });
    expect(toPage(view, { x: 200, y: 100, width: 40, height: 20 })).toEqual({ x: 100, y: 50, width: 20, height: 10 });
  });

  it('a frame of another shape is letterboxed in the middle', () => {
    const view = fitFrame({ width: 800, height: 600 }, { width: 1000, height: 600 });
    expect(view).toEqual({ scale: 1, left: 100, top: 0 });
    expect(pixelAt(toImage(view, { x: 100.7, y: 0.2 }))).toEqual({ x: 0, y: 0 });
  });

  it('reads a pixel colour as #RRGGBB', () => {
    const rgba = new Uint8Array([0, 0, 0, 255, 0x33, 0x66, 0xcc, 255]);
    expect(hexAt(rgba, 2, 1, 0)).toBe('#3366CC');
  });
});
