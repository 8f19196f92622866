import { desktopCapturer, screen, type Display } from 'electron';
import type { DisplayLayout, Rect } from '../core/capture/geometry.js';
import { CaptureErrorCode, captureError, type CaptureSource } from '../core/capture/types.js';

/** A display's rectangle in physical pixels: Windows converts DIP itself; X11 gives the native origin. */
function physicalBounds(display: Display): Rect {
  if (process.platform === 'win32') return screen.dipToScreenRect(null, display.bounds);
  const { x, y } = process.platform === 'linux' ? display.nativeOrigin : { x: display.bounds.x * display.scaleFactor, y: display.bounds.y * display.scaleFactor };
  return { x, y, width: Math.round(display.size.width * display.scaleFactor), height: Math.round(display.size.height * display.scaleFactor) };
}

/** Every display in both DIP and physical pixels, from Electron's `screen`. */
export async function electronDisplayLayouts(): Promise<DisplayLayout[]> {
  return screen.getAllDisplays().map((d) => ({ id: String(d.id), dip: d.bounds, physical: physicalBounds(d), scaleFactor: d.scaleFactor }));
}

/** Electron's desktopCapturer: the last fallback, only inside the app. */
export function desktopCapturerSource(): CaptureSource {
  const displays = () => screen.getAllDisplays();
  return {
    id: 'desktop-capturer',
    label: "Electron's desktopCapturer",
    async listDisplays() {
      const primary = screen.getPrimaryDisplay().id;
      return displays().map((d) => ({ id: String(d.id), name: d.label || String(d.id), ...physicalBounds(d), scaleFactor: d.scaleFactor, primary: d.id === primary }));
    },
    async listWindows() {
      return [];
    },
    async captureDisplay(id) {
      const display = displays().find((d) => String(d.id) === id);
      if (!display) throw captureError(CaptureErrorCode.notFound, `There is no display ${id}.`);
      const bounds = physicalBounds(display);
      const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: { width: bounds.width, height: bounds.height } });
      const source = sources.find((s) => s.display_id === id) ?? (sources.length === 1 ? sources[0] : undefined);
      if (!source) throw captureError(CaptureErrorCode.failed, `desktopCapturer offered no picture of display ${id}.`);
      const size = source.thumbnail.getSize();
      // toBitmap() is BGRA in memory on every platform Electron supports.
      const data = Buffer.from(source.thumbnail.toBitmap());
      for (let i = 0; i < data.length; i += 4) {
        const blue = data[i]!;
        data[i] = data[i + 2]!;
        data[i + 2] = blue;
      }
      return { data, width: size.width, height: size.height, x: bounds.x, y: bounds.y, scaleFactor: display.scaleFactor };
    },
    async captureWindow() {
      throw captureError(CaptureErrorCode.unsupported, "Electron's desktopCapturer here captures whole displays only; capture a region around the window instead.");
    },
  };
}
