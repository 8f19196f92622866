import { desktopCapturer, screen } from 'electron';
import type { ScreenLayout } from '../core/shots/layout.js';
import type { ScreenGrabber } from '../core/shots/screen-grab-source.js';

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
