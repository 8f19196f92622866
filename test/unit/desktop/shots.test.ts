import { describe, expect, it } from 'vitest';
import { createOverlaySession, type OverlaySession } from '../../../electron/core/ipc/overlay-session.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { cropRaw, stitch, type DisplayInfo, type RawImage } from '../../../electron/core/capture/geometry.js';
import { CaptureService } from '../../../electron/core/capture/service.js';
import type { CaptureSource } from '../../../electron/core/capture/types.js';
import { FrameStore } from '../../../electron/core/shots/frames.js';
import { displayUnderCursor, pairDisplays, toDisplayPixels, toVirtualPixels, type ScreenDisplay } from '../../../electron/core/shots/layout.js';
import { fitFrame, toImage } from '../../../shared/overlay/view.js';
import { ScreenshotService, type OverlayView, type ScreenshotDeps } from '../../../electron/core/shots/service.js';
import type { CapturedImage } from '../../../electron/core/uploads/tasks/after-capture.js';

/** A display whose pixel (x, y) is [x, y, index, 255] (mod 256), so any crop can be checked. */
function rawOf(display: DisplayInfo, index: number): RawImage {
  const data = Buffer.alloc(display.width * display.height * 4);
  for (let y = 0; y < display.height; y++) for (let x = 0; x < display.width; x++) data.set([x & 255, y & 255, index, 255], (y * display.width + x) * 4);
  return { data, width: display.width, height: display.height, x: display.x, y: display.y, scaleFactor: display.scaleFactor };
}

// A 2× laptop panel at the origin and a 1× monitor to its LEFT (negative origin), as X11 lays them out.
const DISPLAYS: DisplayInfo[] = [
  { id: 'eDP-1', name: 'laptop', x: 0, y: 0, width: 400, height: 300, scaleFactor: 2, primary: true },
  { id: 'HDMI-1', name: 'monitor', x: -320, y: 40, width: 320, height: 200, scaleFactor: 1, primary: false },
];
const SCREEN: ScreenDisplay[] = [
  { id: '1001', bounds: { x: 0, y: 0, width: 200, height: 150 }, scaleFactor: 2 },
  { id: '1002', bounds: { x: -320, y: 40, width: 320, height: 200 }, scaleFactor: 1 },
];

function fakeSource(windows: Awaited<ReturnType<CaptureSource['listWindows']>> = []): CaptureSource & { captures: string[] } {
  const captures: string[] = [];
  return {
    id: 'fake',
    label: 'Fake source',
    captures,
    listDisplays: async () => DISPLAYS,
    listWindows: async () => windows,
    captureDisplay: async (id) => (captures.push(id), rawOf(DISPLAYS.find((d) => d.id === id)!, DISPLAYS.findIndex((d) => d.id === id))),
    captureWindow: async (id) => {
      const w = windows.find((x) => x.id === id)!;
      return cropRaw(stitch(DISPLAYS.map(rawOf)), w);
    },
  };
}

function service(source: CaptureSource, cursor = { x: 10, y: 10 }, overrides: Partial<ScreenshotDeps<OverlaySession>> = {}) {
  const values: Record<string, string | number> = { 'capture.delay': 0, 'capture.lastRegion': '' };
  const opened: OverlayView<OverlaySession>[][] = [];
  const images: CapturedImage[] = [];
  let closed = 0;
  const shots = new ScreenshotService({
    capture: new CaptureService(() => ({ source, reason: 'test' })),
    layout: { displays: () => SCREEN, cursor: () => cursor },
    frames: new FrameStore('app://shotput'),
    overlays: { open: (views) => void opened.push(views), close: () => void closed++ },
    createSession: createOverlaySession,
    settings: {
      getNumber: (k) => Number(values[k]),
      getString: (k) => String(values[k] ?? ''),
      set: async (k, v) => void (values[k] = v as string),
    },
    countdown: async () => {},
    afterCapture: async (image) => (images.push(image), { ran: ['upload'], failed: [] }),
    logger: silentLogger,
    ...overrides,
  });
  return { shots, opened, images, values, closed: () => closed };
}

/** The captured pixels the after-capture tasks got: raw, not encoded (they encode at most once). */
const pixels = async (image: CapturedImage) => ({ data: Buffer.from(image.pixels!.data) });

describe('display geometry', () => {
  it('pairs captured displays with window-system displays by physical size despite different ids and scales', () => {
    const pairs = pairDisplays(DISPLAYS, SCREEN);
    expect(pairs.get('eDP-1')!.bounds).toEqual({ x: 0, y: 0, width: 200, height: 150 });
    expect(pairs.get('HDMI-1')!.bounds).toEqual({ x: -320, y: 40, width: 320, height: 200 });
  });
  it('finds the display under the pointer (DIP), also left of the origin', () => {
    expect(displayUnderCursor(DISPLAYS, { displays: () => SCREEN, cursor: () => ({ x: -100, y: 100 }) }).id).toBe('HDMI-1');
    expect(displayUnderCursor(DISPLAYS, { displays: () => SCREEN, cursor: () => ({ x: 150, y: 100 }) }).id).toBe('eDP-1');
  });
});

describe('display geometry at 1.5× and 2× with negative origins', () => {
  // A 1.5× 2560×1440 panel (DIP 1707×960, rounded) above-left of the origin and a 2× 4K panel at the origin.
  const displays: DisplayInfo[] = [
    { id: 'a', name: 'DP-1', x: -2560, y: -1440, width: 2560, height: 1440, scaleFactor: 1.5, primary: false },
    { id: 'b', name: 'eDP-1', x: 0, y: 0, width: 3840, height: 2160, scaleFactor: 2, primary: true },
  ];
  const screen: ScreenDisplay[] = [
    { id: '2', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 },
    { id: '1', bounds: { x: -1707, y: -960, width: 1707, height: 960 }, scaleFactor: 1.5 },
  ];
  it('pairs a 1.5× display whose DIP size was rounded, and finds it under a pointer left of and above the origin', () => {
    const pairs = pairDisplays(displays, screen);
    expect(pairs.get('a')!.id).toBe('1');
    expect(pairs.get('b')!.id).toBe('2');
    expect(displayUnderCursor(displays, { displays: () => screen, cursor: () => ({ x: -10, y: -10 }) }).id).toBe('a');
  });
  it('maps a region on the negative-origin display to its image pixels and back, whole pixels, cut at its edge', () => {
    const region = { x: -300, y: -200, width: 600, height: 400 };
    expect(toDisplayPixels(region, displays[0]!)).toEqual({ x: 2260, y: 1240, width: 300, height: 200 });
    expect(toDisplayPixels(region, displays[1]!)).toEqual({ x: 0, y: 0, width: 300, height: 200 });
    expect(toVirtualPixels({ x: 2260, y: 1240, width: 300, height: 200 }, displays[0]!)).toEqual({ x: -300, y: -200, width: 300, height: 200 });
  });
  it('the overlay draws each frame at one image pixel per device pixel: 1/1.5 and 1/2 CSS px, from the corner', () => {
    expect(fitFrame({ width: 2560, height: 1440 }, { width: 1707, height: 960 }, 1.5)).toEqual({ scale: 1 / 1.5, left: 0, top: 0 });
    expect(fitFrame({ width: 3840, height: 2160 }, { width: 1920, height: 1080 }, 2)).toEqual({ scale: 0.5, left: 0, top: 0 });
    // A CSS pixel of the 1.5× window is 1.5 image pixels: (100, 60) is image pixel (150, 90).
    expect(toImage(fitFrame({ width: 2560, height: 1440 }, { width: 1707, height: 960 }, 1.5), { x: 100, y: 60 })).toEqual({ x: 150, y: 90 });
    // Any other viewport (a browser window) still fits the frame, letterboxed.
    expect(fitFrame({ width: 2560, height: 1440 }, { width: 1000, height: 1000 }, 1.5)).toMatchObject({ scale: 1000 / 2560, left: 0 });
  });
});

describe('capture modes', () => {
  it('region: one overlay per display on its own frame and bounds; the confirmed region is cut from that raw frame', async () => {
    const source = fakeSource([{ id: 'w1', title: 'Term', app: 'xterm', x: -100, y: 60, width: 200, height: 100 }]);
    const { shots, opened, images, values, closed } = service(source);
    const done = shots.capture('region');
    await new Promise((r) => setTimeout(r, 20));
    const views = opened[0]!;
    expect(views.map((v) => [v.displayId, v.bounds])).toEqual([
      ['eDP-1', { x: 0, y: 0, width: 200, height: 150 }],
      ['HDMI-1', { x: -320, y: 40, width: 320, height: 200 }],
    ]);
    const init = await views[1]!.session.dispatch('overlay.init', {});
    // The window straddling both displays is listed on each, in that display's image pixels.
    expect(init).toMatchObject({ ok: true, value: { scaleFactor: 1, frame: { width: 320, height: 200 }, windows: [{ id: 'w1', x: 220, y: 20, width: 100, height: 100 }] } });
    expect(await views[1]!.session.dispatch('overlay.confirm', { x: 10, y: 20, width: 30, height: 40 })).toEqual({ ok: true, value: null });
    const outcome = await done;
    expect(closed()).toBe(1);
    expect(outcome.image).toMatchObject({ width: 30, height: 40 });
    const { data } = await pixels(images[0]!);
    expect([...data.subarray(0, 4)]).toEqual([10, 20, 1, 255]);
    expect(JSON.parse(String(values['capture.lastRegion']))).toEqual({ x: -310, y: 60, width: 30, height: 40 });

    // Repeat last region: no overlay, same pixels.
    const again = await shots.capture('lastRegion');
    expect(opened).toHaveLength(1);
    expect((await pixels(again.image!)).data.equals(data)).toBe(true);
  });

  it('region cancelled on any display closes all overlays and captures nothing', async () => {
    const { shots, opened, images } = service(fakeSource());
    const done = shots.capture('region');
    await new Promise((r) => setTimeout(r, 20));
    await opened[0]![0]!.session.dispatch('overlay.cancel', {});
    expect(await done).toEqual({ mode: 'region', cancelled: true });
    expect(images).toEqual([]);
    expect(await opened[0]![1]!.session.dispatch('overlay.confirm', { x: 0, y: 0, width: 5, height: 5 })).toMatchObject({ ok: false });
  });

  it('screen stitches every display; monitor takes the one under the pointer; window takes the focused one', async () => {
    const windows = [
      { id: 'a', title: 'Back', app: 'x', x: 0, y: 0, width: 10, height: 10 },
      { id: 'b', title: 'Front', app: 'code', x: 5, y: 5, width: 50, height: 40, focused: true },
    ];
    const { shots, images } = service(fakeSource(windows), { x: -5, y: 50 });
    expect((await shots.capture('screen')).image).toMatchObject({ width: 720, height: 300 });
    expect((await shots.capture('monitor')).image).toMatchObject({ width: 320, height: 200 });
    expect((await pixels(images[1]!)).data[2]).toBe(1);
    expect((await shots.capture('window')).image).toMatchObject({ width: 50, height: 40, windowTitle: 'Front', app: 'code' });
  });

  it('window mode without a focused window says what to do', async () => {
    const { shots } = service(fakeSource([]));
    await expect(shots.capture('window')).rejects.toThrow(/No active window was found; click the window first/);
  });

  it('waits for the countdown when a delay is set', async () => {
    const order: string[] = [];
    const source = fakeSource();
    const { shots, values } = service(source, undefined, {
      countdown: async (seconds) => void order.push(`countdown ${seconds}`),
      capture: new CaptureService(() => (order.push('capture'), { source, reason: 'test' })),
    });
    values['capture.delay'] = 3;
    await shots.capture('screen');
    expect(order).toEqual(['countdown 3', 'capture']);
    await shots.capture('screen', { delaySeconds: 0 });
    expect(order).toEqual(['countdown 3', 'capture']);
  });
});
