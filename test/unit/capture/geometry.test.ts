import { describe, expect, it } from 'vitest';
import {
  cropRaw,
  dipToPhysicalPoint,
  dipToPhysicalRect,
  displayToVirtual,
  layoutFromPhysical,
  physicalToDipPoint,
  physicalToDipRect,
  snapToWindowEdges,
  splitRegion,
  stitch,
  virtualScreen,
  windowAt,
  type DisplayInfo,
  type DisplayLayout,
  type RawImage,
} from '../../../electron/core/capture/geometry.js';

// A 4K laptop panel at 2× as primary, a 1080p monitor at 1× to its left (negative origin),
// and a 1440p monitor at 1.5× above-right.
const displays: DisplayInfo[] = [
  { id: 'laptop', name: 'eDP-1', x: 0, y: 0, width: 3840, height: 2160, scaleFactor: 2, primary: true },
  { id: 'left', name: 'HDMI-1', x: -1920, y: 600, width: 1920, height: 1080, scaleFactor: 1, primary: false },
  { id: 'top', name: 'DP-1', x: 3840, y: -1440, width: 2560, height: 1440, scaleFactor: 1.5, primary: false },
];

// As Electron on Windows reports them: DIP rectangles placed edge to edge.
const layouts: DisplayLayout[] = [
  { id: 'laptop', scaleFactor: 2, physical: { x: 0, y: 0, width: 3840, height: 2160 }, dip: { x: 0, y: 0, width: 1920, height: 1080 } },
  { id: 'left', scaleFactor: 1, physical: { x: -1920, y: 600, width: 1920, height: 1080 }, dip: { x: -1920, y: 300, width: 1920, height: 1080 } },
  { id: 'top', scaleFactor: 1.5, physical: { x: 3840, y: -1440, width: 2560, height: 1440 }, dip: { x: 1920, y: -960, width: 1707, height: 960 } },
];

/** A bitmap whose every pixel encodes its own virtual-screen position: R,G = x,y low bytes, B = display tag. */
function labelled(rect: { x: number; y: number; width: number; height: number }, tag: number, scaleFactor = 1): RawImage {
  const data = Buffer.alloc(rect.width * rect.height * 4);
  for (let row = 0; row < rect.height; row++) {
    for (let col = 0; col < rect.width; col++) {
      const i = (row * rect.width + col) * 4;
      data[i] = (rect.x + col) & 0xff;
      data[i + 1] = (rect.y + row) & 0xff;
      data[i + 2] = tag;
      data[i + 3] = 255;
    }
  }
  return { data, ...rect, scaleFactor };
}

function pixel(image: RawImage, x: number, y: number): number[] {
  const i = ((y - image.y) * image.width + (x - image.x)) * 4;
  return [...image.data.subarray(i, i + 4)];
}

describe('virtual screen', () => {
  it('spans displays left of and above the primary one', () => {
    expect(virtualScreen(displays)).toEqual({ x: -1920, y: -1440, width: 1920 + 3840 + 2560, height: 1440 + 2160 });
  });
});

describe('DIP and physical pixels', () => {
  it('converts points on displays with different scale factors', () => {
    expect(dipToPhysicalPoint({ x: 100, y: 50 }, layouts)).toEqual({ x: 200, y: 100 });
    expect(dipToPhysicalPoint({ x: -1000, y: 400 }, layouts)).toEqual({ x: -1000, y: 700 });
    expect(dipToPhysicalPoint({ x: 1920 + 100, y: -960 + 10 }, layouts)).toEqual({ x: 3840 + 150, y: -1440 + 15 });
  });

  it('round-trips physical → DIP → physical on every display', () => {
    for (const point of [{ x: 3839, y: 2159 }, { x: -1920, y: 600 }, { x: 4000, y: -1000 }, { x: 0, y: 0 }]) {
      expect(dipToPhysicalPoint(physicalToDipPoint(point, layouts), layouts)).toEqual(point);
    }
  });

  it('scales rectangles by the scale factor of the display they start on', () => {
    expect(dipToPhysicalRect({ x: 10, y: 20, width: 300, height: 200 }, layouts)).toEqual({ x: 20, y: 40, width: 600, height: 400 });
    expect(physicalToDipRect({ x: 3840 + 300, y: -1440, width: 600, height: 300 }, layouts)).toEqual({ x: 1920 + 200, y: -960, width: 400, height: 200 });
  });

  it('uses the nearest display for a point in a gap between displays', () => {
    // Left of the laptop, below the left monitor's bottom edge (DIP y 300..1380 is the left one).
    expect(dipToPhysicalPoint({ x: -10, y: 1500 }, layouts)).toEqual({ x: -10, y: 600 + 1200 });
  });

  it('derives DIP rectangles from physical ones by each display’s own scale', () => {
    expect(layoutFromPhysical(displays).map((l) => l.dip)).toEqual([
      { x: 0, y: 0, width: 1920, height: 1080 },
      { x: -1920, y: 600, width: 1920, height: 1080 },
      { x: 2560, y: -960, width: 1707, height: 960 },
    ]);
  });
});

describe('regions across display edges', () => {
  it('splits a region at each display edge it crosses, with display-local rectangles', () => {
    const parts = splitRegion({ x: -100, y: 1000, width: 300, height: 200 }, displays);
    expect(parts.map((p) => [p.display.id, p.rect, p.local])).toEqual([
      ['laptop', { x: 0, y: 1000, width: 200, height: 200 }, { x: 0, y: 1000, width: 200, height: 200 }],
      ['left', { x: -100, y: 1000, width: 100, height: 200 }, { x: 1820, y: 400, width: 100, height: 200 }],
    ]);
  });

  it('leaves out displays a region only touches', () => {
    expect(splitRegion({ x: 3840, y: 0, width: 10, height: 10 }, displays)).toEqual([]);
    expect(splitRegion({ x: 3830, y: -5, width: 20, height: 10 }, displays).map((p) => p.display.id)).toEqual(['laptop', 'top']);
  });

  it('places an overlay selection on display D back on the virtual screen', () => {
    expect(displayToVirtual(displays[1]!, { x: 10, y: 20, width: 30, height: 40 })).toEqual({ x: -1910, y: 620, width: 30, height: 40 });
  });
});

describe('windows', () => {
  const windows = [
    { id: 'dialog', x: 100, y: 100, width: 200, height: 100 },
    { id: 'editor', x: 0, y: 0, width: 1000, height: 800 },
  ];

  it('picks the top-most window under the pointer', () => {
    expect(windowAt({ x: 150, y: 150 }, windows)?.id).toBe('dialog');
    expect(windowAt({ x: 50, y: 50 }, windows)?.id).toBe('editor');
    expect(windowAt({ x: 1000, y: 50 }, windows)).toBeUndefined();
  });

  it('snaps region edges within the threshold to window edges, and leaves the rest', () => {
    expect(snapToWindowEdges({ x: 97, y: 104, width: 206, height: 90 }, windows, 5)).toEqual({ x: 100, y: 100, width: 200, height: 94 });
    expect(snapToWindowEdges({ x: 50, y: 50, width: 20, height: 20 }, windows, 5)).toEqual({ x: 50, y: 50, width: 20, height: 20 });
  });
});

describe('raw bitmaps', () => {
  it('crops by virtual-screen coordinates without encoding', () => {
    const left = labelled({ x: -20, y: 5, width: 20, height: 10 }, 7);
    const part = cropRaw(left, { x: -15, y: 8, width: 4, height: 3 });
    expect(part).toMatchObject({ x: -15, y: 8, width: 4, height: 3 });
    expect(part.data.length).toBe(4 * 3 * 4);
    expect(pixel(part, -15, 8)).toEqual([-15 & 0xff, 8, 7, 255]);
    expect(pixel(part, -12, 10)).toEqual([-12 & 0xff, 10, 7, 255]);
  });

  it('refuses a crop outside the bitmap with a message naming both', () => {
    expect(() => cropRaw(labelled({ x: 0, y: 0, width: 4, height: 4 }, 1), { x: 10, y: 10, width: 2, height: 2 })).toThrow(/2×2 at 10,10.*4×4 at 0,0/);
  });

  it('stitches displays with a negative origin into one virtual screen, gaps transparent', () => {
    const a = labelled({ x: 0, y: 0, width: 8, height: 6 }, 1, 2);
    const b = labelled({ x: -4, y: 2, width: 4, height: 3 }, 2, 1);
    const all = stitch([a, b]);
    expect(all).toMatchObject({ x: -4, y: 0, width: 12, height: 6, scaleFactor: 2 });
    expect(pixel(all, 0, 0)).toEqual([0, 0, 1, 255]);
    expect(pixel(all, 7, 5)).toEqual([7, 5, 1, 255]);
    expect(pixel(all, -4, 2)).toEqual([-4 & 0xff, 2, 2, 255]);
    expect(pixel(all, -1, 4)).toEqual([-1 & 0xff, 4, 2, 255]);
    expect(pixel(all, -2, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(all, -2, 5)).toEqual([0, 0, 0, 0]);
  });

  it('hands back a single display that is the whole screen as it is, without copying its bitmap', () => {
    const only = labelled({ x: 0, y: 0, width: 8, height: 6 }, 1);
    expect(stitch([only]).data).toBe(only.data);
    // A screen larger than the one image still gets a new, transparent-edged bitmap.
    const wider = stitch([only], { x: 0, y: 0, width: 10, height: 6 });
    expect(wider.data).not.toBe(only.data);
    expect(pixel(wider, 9, 0)).toEqual([0, 0, 0, 0]);
  });

  it('stitches the crops of a region spanning two displays back into the region', () => {
    const a = labelled({ x: 0, y: 0, width: 8, height: 6 }, 1);
    const b = labelled({ x: -4, y: 0, width: 4, height: 6 }, 2);
    const region = { x: -2, y: 1, width: 5, height: 2 };
    const parts = splitRegion(region, [a, b]).map((p) => cropRaw(p.display, p.rect));
    const image = stitch(parts, region);
    expect(image).toMatchObject(region);
    for (let x = -2; x < 3; x++) expect(pixel(image, x, 2)).toEqual([x & 0xff, 2, x < 0 ? 2 : 1, 255]);
  });
});
