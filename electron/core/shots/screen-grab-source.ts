import { ShotputError } from '../errors.js';
import { bgraToRgba } from '../pipeline/pixels.js';
import type { DisplayInfo, RawImage } from '../capture/geometry.js';
import type { CaptureSource } from '../capture/types.js';
import type { ScreenDisplay } from './layout.js';

/** A screen grab as Electron's desktopCapturer gives it: BGRA pixels of one display. */
export interface ScreenGrab {
  displayId: string;
  width: number;
  height: number;
  bgra: Buffer;
}

/** What the window system offers for grabbing screens (desktopCapturer in the app). */
export interface ScreenGrabber {
  displays(): ScreenDisplay[];
  /** Every display at (at most) `size` physical pixels. */
  grabScreens(size: { width: number; height: number }): Promise<ScreenGrab[]>;
}

/** Physical geometry from DIP bounds: right for one display or one scale factor; the capture module's sources do better. */
function physical(d: ScreenDisplay, primaryId: string | undefined): DisplayInfo {
  const s = d.scaleFactor;
  return {
    id: d.id,
    name: `Display ${d.id}`,
    x: Math.round(d.bounds.x * s),
    y: Math.round(d.bounds.y * s),
    width: Math.round(d.bounds.width * s),
    height: Math.round(d.bounds.height * s),
    scaleFactor: s,
    primary: d.id === primaryId,
  };
}

/**
 * The last-resort capture source: the window system's screen grabs (Electron's desktopCapturer).
 * It lists no windows and cannot capture one, so region and screen modes work, window mode says so.
 */
export function screenGrabSource(grabber: ScreenGrabber): CaptureSource {
  const displays = () => {
    const all = grabber.displays();
    return all.map((d) => physical(d, all[0]?.id));
  };
  return {
    id: 'desktop-capturer',
    label: "Electron's screen capture",
    listDisplays: async () => displays(),
    listWindows: async () => [],
    async captureDisplay(id): Promise<RawImage> {
      const display = displays().find((d) => d.id === id);
      if (!display) throw new ShotputError('no_display', `Display ${id} is gone; capture again.`);
      const largest = displays().reduce((m, d) => ({ width: Math.max(m.width, d.width), height: Math.max(m.height, d.height) }), { width: 0, height: 0 });
      const grab = (await grabber.grabScreens(largest)).find((g) => g.displayId === id);
      if (!grab) throw new ShotputError('capture_failed', `The screen of display ${id} could not be captured; check the screen-recording permission.`);
      if (grab.width !== display.width || grab.height !== display.height) {
        throw new ShotputError('capture_size', `Display ${id} was captured at ${grab.width}×${grab.height} instead of ${display.width}×${display.height}.`);
      }
      return { data: await bgraToRgba(grab.bgra), width: grab.width, height: grab.height, x: display.x, y: display.y, scaleFactor: display.scaleFactor };
    },
    async captureWindow() {
      throw new ShotputError('no_window_capture', "Electron's screen capture cannot capture a single window; capture a region around it instead.");
    },
  };
}
