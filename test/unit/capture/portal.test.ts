import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplayLayout, RawImage } from '../../../electron/core/capture/geometry.js';
import { CaptureService } from '../../../electron/core/capture/service.js';
import { portalSource } from '../../../electron/core/capture/sources/portal.js';
import { startFakePortal, startSessionBus, type PortalCall } from '../../support/fake-portal.js';

// The Wayland path over a real D-Bus conversation: a private dbus-daemon, a fake portal service
// on it, and the portal source as the app would use it.
let bus: Awaited<ReturnType<typeof startSessionBus>>;
let portal: { calls: PortalCall[]; close(): void };
let dir: string;
let next: () => { response: number; file?: string };

// GNOME draws the desktop in its DIP layout: a 2× laptop (1000×500 DIP, 2000×1000 physical) and
// a 1× monitor to its right (500×400), so the screenshot is 1500×500.
const layouts: DisplayLayout[] = [
  { id: 'laptop', scaleFactor: 2, dip: { x: 0, y: 0, width: 1000, height: 500 }, physical: { x: 0, y: 0, width: 2000, height: 1000 } },
  { id: 'side', scaleFactor: 1, dip: { x: 1000, y: 0, width: 500, height: 400 }, physical: { x: 2000, y: 0, width: 500, height: 400 } },
];

/** The desktop picture: the laptop red on the left half and blue on the right; the side monitor noise. */
async function writeDesktop(path: string): Promise<Buffer> {
  const side = await sharp({ create: { width: 500, height: 400, channels: 4, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).raw().toBuffer();
  const sideOpaque = await sharp(side, { raw: { width: 500, height: 400, channels: 4 } }).removeAlpha().ensureAlpha().raw().toBuffer();
  await sharp({ create: { width: 1500, height: 500, channels: 4, background: '#00000000' } })
    .composite([
      { input: { create: { width: 500, height: 500, channels: 4, background: '#ff0000' } }, left: 0, top: 0 },
      { input: { create: { width: 500, height: 500, channels: 4, background: '#0000ff' } }, left: 500, top: 0 },
      { input: sideOpaque, raw: { width: 500, height: 400, channels: 4 }, left: 1000, top: 0 },
    ])
    .png()
    .toFile(path);
  return sideOpaque;
}

function pixel(image: RawImage, x: number, y: number): number[] {
  const i = ((y - image.y) * image.width + (x - image.x)) * 4;
  return [...image.data.subarray(i, i + 4)];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shotput-portal-'));
  bus = await startSessionBus();
  portal = await startFakePortal(bus.address, () => next());
});

afterAll(async () => {
  portal?.close();
  await bus?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('xdg-desktop-portal Screenshot over D-Bus', () => {
  it('asks non-interactively, reads the file, removes it, and scales each display back to physical pixels', async () => {
    const file = join(dir, 'Screenshot.png');
    const side = await writeDesktop(file);
    next = () => ({ response: 0, file });
    const capture = new CaptureService(() => ({ source: portalSource({ busAddress: bus.address, layouts: async () => layouts }), reason: 'test' }));
    const all = await capture.captureAll();

    expect(portal.calls).toHaveLength(1);
    expect(portal.calls[0]!.options).toMatchObject({ interactive: false, handle_token: expect.stringMatching(/^shotput_\w+$/) });
    expect(existsSync(file)).toBe(false);

    expect(all).toMatchObject({ x: 0, y: 0, width: 2500, height: 1000 });
    // The 2× laptop is scaled up to 2000×1000: red left, blue right, edge where it belongs.
    expect(pixel(all, 0, 0)).toEqual([255, 0, 0, 255]);
    expect(pixel(all, 995, 500)).toEqual([255, 0, 0, 255]);
    expect(pixel(all, 1005, 500)).toEqual([0, 0, 255, 255]);
    expect(pixel(all, 1999, 999)).toEqual([0, 0, 255, 255]);
    // The 1× monitor comes back pixel for pixel; below it (400..999) nothing is on screen.
    const sideBack = Buffer.concat(Array.from({ length: 400 }, (_, row) => all.data.subarray((row * 2500 + 2000) * 4, (row * 2500 + 2500) * 4)));
    expect(sideBack.equals(side)).toBe(true);
    expect(pixel(all, 2100, 700)).toEqual([0, 0, 0, 0]);
  });

  it('captures a region across both displays from one screenshot', async () => {
    const file = join(dir, 'Screenshot-2.png');
    await writeDesktop(file);
    next = () => ({ response: 0, file });
    const before = portal.calls.length;
    const capture = new CaptureService(() => ({ source: portalSource({ busAddress: bus.address, layouts: async () => layouts }), reason: 'test' }));
    const region = await capture.captureRegion({ x: 1990, y: 100, width: 20, height: 10 });
    expect(portal.calls.length - before).toBe(1);
    expect(region).toMatchObject({ x: 1990, y: 100, width: 20, height: 10 });
    expect(pixel(region, 1999, 105)).toEqual([0, 0, 255, 255]);
    expect(pixel(region, 2000, 105)[3]).toBe(255);
  });

  it('reports a screenshot the desktop did not allow as cancelled', async () => {
    next = () => ({ response: 1 });
    const source = portalSource({ busAddress: bus.address });
    await expect(source.captureDisplay('screen')).rejects.toMatchObject({ code: 'capture_cancelled', message: expect.stringMatching(/cancelled/) });
  });

  it('says what to install when no portal answers on the bus', async () => {
    const empty = await startSessionBus();
    try {
      const source = portalSource({ busAddress: empty.address });
      await expect(source.captureDisplay('screen')).rejects.toMatchObject({ code: 'capture_unavailable', message: expect.stringMatching(/xdg-desktop-portal.*capture\.command/) });
    } finally {
      await empty.close();
    }
  });

  it('cannot capture one window, and says what to do instead', async () => {
    await expect(portalSource({ busAddress: bus.address }).captureWindow('1')).rejects.toMatchObject({ code: 'capture_unsupported', message: expect.stringMatching(/region/) });
  });
});
