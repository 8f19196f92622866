import type { DisplayInfo, DisplayLayout } from '../geometry.js';
import { CaptureErrorCode, captureError, type CaptureSource } from '../types.js';
import { desktopLayouts, displayFromDesktopImage, readScreenshotFile } from './image-file.js';

export interface ScreenshotFile {
  path: string;
  remove(): Promise<void>;
}

export interface DesktopFileSourceOptions {
  id: string;
  label: string;
  /** Takes one screenshot of the whole desktop: the file it wrote, and how to remove it. */
  screenshot(): Promise<ScreenshotFile>;
  /** The displays, when the platform knows them (Electron's `screen` in the app). */
  layouts?: () => Promise<DisplayLayout[]>;
  /** A screenshot taken for several displays at once is reused for this long. */
  reuseMs?: number;
  now?: () => number;
}

/**
 * A source for tools that only photograph the whole desktop into a file (the Wayland portal,
 * grim, spectacle…): the file is read, removed, and cut into displays. Windows cannot be listed
 * or captured one by one through such tools.
 */
export function desktopFileSource(options: DesktopFileSourceOptions): CaptureSource {
  const now = options.now ?? Date.now;
  let last: { at: number; shot: Promise<{ data: Buffer; width: number; height: number }> } | undefined;

  const takeShot = () => {
    if (last && now() - last.at <= (options.reuseMs ?? 1000)) return last.shot;
    const shot = (async () => {
      const { path, remove } = await options.screenshot();
      try {
        return await readScreenshotFile(path);
      } catch (err) {
        throw captureError(CaptureErrorCode.failed, `${options.label} wrote ${path}, but it could not be read as an image: ${(err as Error).message}`, err);
      } finally {
        await remove();
      }
    })();
    last = { at: now(), shot };
    shot.catch(() => (last = undefined));
    return shot;
  };

  const layoutsFor = async (image?: { width: number; height: number }) => {
    const known = await options.layouts?.();
    return desktopLayouts(image ?? (await takeShot()), known);
  };

  return {
    id: options.id,
    label: options.label,
    async listDisplays(): Promise<DisplayInfo[]> {
      const layouts = await layoutsFor();
      return layouts.map((l, index) => ({ id: l.id, name: l.id, ...l.physical, scaleFactor: l.scaleFactor, primary: index === 0 }));
    },
    async listWindows() {
      return [];
    },
    async captureDisplay(id) {
      const image = await takeShot();
      const layouts = await layoutsFor(image);
      if (!layouts.some((l) => l.id === id)) throw captureError(CaptureErrorCode.notFound, `There is no display ${id}. \`shotput capture --list\` shows the displays.`);
      return displayFromDesktopImage(image, layouts, id);
    },
    async captureWindow() {
      throw captureError(
        CaptureErrorCode.unsupported,
        `${options.label} can only capture the whole screen, not one window. Capture a region around the window instead (--region, or the region overlay).`,
      );
    },
  };
}
