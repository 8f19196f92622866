import type { DisplayInfo, RawImage, WindowInfo } from '../geometry.js';
import { CaptureErrorCode, captureError, type CaptureSource } from '../types.js';
import type { AreaGrabber } from './x11-area.js';

type NodeScreenshots = typeof import('node-screenshots');
type NativeImage = Awaited<ReturnType<InstanceType<NodeScreenshots['Monitor']>['captureImage']>>;

export interface NodeScreenshotsOptions {
  platform: NodeJS.Platform;
  /**
   * Inside Electron the native buffers must be copied out (Electron's memory cage refuses
   * external buffers; see node-screenshots' README), so this is true there.
   */
  copyBuffers: boolean;
  /** Loads the module; a dynamic import, so commands that never capture never load it. */
  load?: () => Promise<NodeScreenshots>;
  /**
   * X11: a region read alone over the X protocol, where node-screenshots grabs whole monitors (a
   * 1280×720 region of a 4K screen in a few ms instead of about 100). Whole monitors stay with
   * xcap, which reads them faster than the JavaScript protocol client.
   */
  area?: AreaGrabber;
  /** X11: the DISPLAY being read, named when the X server cannot be reached. */
  display?: string;
}

const PERMISSION_HELP =
  'macOS has not allowed Shotput to record the screen. Open System Settings → Privacy & Security → Screen Recording, turn on Shotput (or the terminal running `shotput`), then quit and reopen it.';

async function loadNodeScreenshots(): Promise<NodeScreenshots> {
  const module = (await import('node-screenshots')) as NodeScreenshots & { default?: NodeScreenshots };
  return module.default ?? module;
}

/** X11, Windows and macOS through xcap's prebuilt native module. */
export function nodeScreenshotsSource(options: NodeScreenshotsOptions): CaptureSource {
  let loaded: Promise<NodeScreenshots> | undefined;
  const lib = () => {
    loaded ??= (options.load ?? loadNodeScreenshots)().catch((err: unknown) => {
      loaded = undefined;
      throw captureError(
        CaptureErrorCode.unavailable,
        `The screen capture module (node-screenshots) could not be loaded on this system: ${(err as Error).message}. Set capture.command to a screenshot command instead (see \`shotput capture --help\`).`,
        err,
      );
    });
    return loaded;
  };

  const failed = (what: string, err: unknown) => {
    const detail = err instanceof Error ? err.message : String(err);
    if (options.platform === 'darwin' && /permission|denied|not authori[sz]ed|CGDisplay|ScreenCapture/i.test(detail)) {
      return captureError(CaptureErrorCode.permission, PERMISSION_HELP, err);
    }
    // xcap's words when the X server is gone or refuses us ("Connection error, possible I/O error").
    if (options.display !== undefined && /connection|I\/O error|open display|authori[sz]ation/i.test(detail)) {
      return captureError(
        CaptureErrorCode.unavailable,
        `Shotput could not reach the X server of DISPLAY=${options.display} (${detail}). Check that the desktop session is running and DISPLAY names it; from ssh or another user, run \`shotput\` inside that session or allow it with xhost.`,
        err,
      );
    }
    return captureError(CaptureErrorCode.failed, `Capturing ${what} failed: ${detail}`, err);
  };

  const toRaw = (image: NativeImage, x: number, y: number, scaleFactor: number): RawImage => {
    // The synchronous call copies the pixels once (a few ms for 4K); the asynchronous one first
    // clones the whole image on this thread and then copies it again on a worker.
    const data = image.toRawSync(options.copyBuffers);
    return { data, width: image.width, height: image.height, x, y, scaleFactor };
  };

  /** Listing is where xcap first talks to the display server, so its failure says the most. */
  const listed = async <T>(what: string, list: (module: NodeScreenshots) => T[]): Promise<T[]> => {
    const module = await lib();
    try {
      return list(module);
    } catch (err) {
      throw failed(what, err);
    }
  };
  const monitors = () => listed('the list of displays', (m) => m.Monitor.all());
  const windows = () => listed('the list of windows', (m) => m.Window.all());

  return {
    id: 'node-screenshots',
    label: 'node-screenshots (X11, Windows, macOS)',
    async listDisplays(): Promise<DisplayInfo[]> {
      return (await monitors()).map((m) => ({
        id: String(m.id()),
        name: m.name(),
        x: m.x(),
        y: m.y(),
        width: m.width(),
        height: m.height(),
        scaleFactor: m.scaleFactor(),
        primary: m.isPrimary(),
      }));
    },
    async listWindows(): Promise<WindowInfo[]> {
      // Window.all() is sorted by z, bottom-most first.
      return (await windows())
        .filter((w) => !w.isMinimized() && w.width() > 0 && w.height() > 0)
        .sort((a, b) => b.z() - a.z())
        .map((w) => ({
          id: String(w.id()),
          title: w.title(),
          app: w.appName(),
          x: w.x(),
          y: w.y(),
          width: w.width(),
          height: w.height(),
          focused: w.isFocused(),
        }));
    },
    async captureDisplay(id) {
      const monitor = (await monitors()).find((m) => String(m.id()) === id);
      if (!monitor) throw captureError(CaptureErrorCode.notFound, `There is no display ${id}. \`shotput capture --list\` shows the displays.`);
      try {
        return toRaw(await monitor.captureImage(), monitor.x(), monitor.y(), monitor.scaleFactor());
      } catch (err) {
        throw failed(`display ${id}`, err);
      }
    },
    ...(options.area ? { captureArea: (rect) => options.area!.grab(rect), close: () => options.area!.close() } : {}),
    async captureWindow(id) {
      const window = (await windows()).find((w) => String(w.id()) === id);
      if (!window) throw captureError(CaptureErrorCode.notFound, `There is no window ${id}. \`shotput capture --list\` shows the windows.`);
      try {
        return toRaw(await window.captureImage(), window.x(), window.y(), window.currentMonitor().scaleFactor());
      } catch (err) {
        throw failed(`window ${id}`, err);
      }
    },
  };
}
