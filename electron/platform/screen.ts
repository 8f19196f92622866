import { desktopCapturer, screen } from 'electron';
import type { ScreenLayout } from '../core/shots/layout.js';
import type { ScreenGrabber } from '../core/shots/screen-grab-source.js';
import type { DisplayLayout } from '../core/capture/geometry.js';

export const electronScreenLayout: ScreenLayout = {
  displays: () => screen.getAllDisplays().map((d) => ({ id: String(d.id), bounds: d.bounds, scaleFactor: d.scaleFactor })),
  cursor: () => screen.getCursorScreenPoint(),
};

export const electronScreenGrabber: ScreenGrabber = {
  displays: electronScreenLayout.displays,
  async grabScreens(size) {
    const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: size });
    return sources.map((s) => {
      const { width, height } = s.thumbnail.getSize();
      return { displayId: s.display_id, width, height, bgra: s.thumbnail.toBitmap() };
    });
  },
};

/** Electron's displays in both spaces; Windows converts with its own API, elsewhere DIP × scale factor. */
export async function electronDisplayLayouts(): Promise<DisplayLayout[]> {
  return screen.getAllDisplays().map((d) => ({
    id: String(d.id),
    dip: d.bounds,
    physical:
      process.platform === 'win32'
        ? screen.dipToScreenRect(null, d.bounds)
        : { x: Math.round(d.bounds.x * d.scaleFactor), y: Math.round(d.bounds.y * d.scaleFactor), width: Math.round(d.bounds.width * d.scaleFactor), height: Math.round(d.bounds.height * d.scaleFactor) },
    scaleFactor: d.scaleFactor,
  }));
}
