import { describe, expect, it } from 'vitest';
import type { DisplayInfo, RawImage, Rect } from '../../../electron/core/capture/geometry.js';
import { CaptureService } from '../../../electron/core/capture/service.js';
import { bgrxToRgba } from '../../../electron/core/capture/sources/x11-area.js';
import { CaptureErrorCode, captureError, type CaptureSource } from '../../../electron/core/capture/types.js';

/** Two displays side by side, the second at 2×; every pixel's red and green say where it is. */
const DISPLAYS: DisplayInfo[] = [
  { id: 'a', name: 'A', x: 0, y: 0, width: 40, height: 20, scaleFactor: 1, primary: true },
  { id: 'b', name: 'B', x: 40, y: 0, width: 40, height: 20, scaleFactor: 2, primary: false },
];
const paint = (r: Rect): RawImage => {
  const data = Buffer.alloc(r.width * r.height * 4);
  for (let y = 0; y < r.height; y++) for (let x = 0; x < r.width; x++) data.set([r.x + x, r.y + y, 7, 255], (y * r.width + x) * 4);
  return { ...r, data, scaleFactor: 1 };
};

function source(area?: (rect: Rect) => Promise<RawImage>) {
  const calls = { area: [] as Rect[], display: [] as string[] };
  const s: CaptureSource = {
    id: 'test',
    label: 'test',
    listDisplays: async () => DISPLAYS,
    listWindows: async () => [],
    captureDisplay: async (id) => {
      calls.display.push(id);
      const d = DISPLAYS.find((x) => x.id === id)!;
      return { ...paint(d), scaleFactor: d.scaleFactor };
    },
    captureWindow: async () => {
      throw new Error('no windows here');
    },
    ...(area ? { captureArea: (rect: Rect) => (calls.area.push(rect), area(rect)) } : {}),
  };
  return { service: new CaptureService(() => ({ source: s, reason: 'test' })), calls };
}

describe('a region read alone (X11 GetImage) rather than cut from whole displays', () => {
  it('reads each display’s part of the region alone, with that display’s scale factor, and never grabs a whole display', async () => {
    const { service, calls } = source(async (rect) => paint(rect));
    const image = await service.captureRegion({ x: 30, y: 5, width: 20, height: 10 });
    expect(calls.display).toEqual([]);
    expect(calls.area).toEqual([
      { x: 30, y: 5, width: 10, height: 10 },
      { x: 40, y: 5, width: 10, height: 10 },
    ]);
    expect(image).toMatchObject({ x: 30, y: 5, width: 20, height: 10 });
    expect([...image.data.subarray(0, 4)]).toEqual([30, 5, 7, 255]);
    const last = (9 * 20 + 19) * 4;
    expect([...image.data.subarray(last, last + 4)]).toEqual([49, 14, 7, 255]);
    const one = await service.captureRegion({ x: 45, y: 0, width: 5, height: 5 });
    expect(one.scaleFactor).toBe(2);
  });

  it('falls back to cutting from the whole display when the X server’s pixels are not ones it reads', async () => {
    const { service, calls } = source(async () => {
      throw captureError(CaptureErrorCode.unsupported, 'depth 30');
    });
    const image = await service.captureRegion({ x: 2, y: 3, width: 4, height: 4 });
    expect(calls.display).toEqual(['a']);
    expect([...image.data.subarray(0, 4)]).toEqual([2, 3, 7, 255]);
  });

  it('turns X’s 32-bit BGRX pixels into opaque RGBA, whatever the padding byte holds', () => {
    const bgrx = Buffer.from([0x30, 0x20, 0x10, 0x00, 0x03, 0x02, 0x01, 0x99]);
    expect([...bgrxToRgba(bgrx, 2, 1)]).toEqual([0x10, 0x20, 0x30, 0xff, 0x01, 0x02, 0x03, 0xff]);
    // Unaligned input (a slice of a larger reply) is read the same.
    const unaligned = Buffer.concat([Buffer.from([0xee]), bgrx]).subarray(1);
    expect([...bgrxToRgba(unaligned, 2, 1)]).toEqual([0x10, 0x20, 0x30, 0xff, 0x01, 0x02, 0x03, 0xff]);
  });
});
