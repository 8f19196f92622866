import type { OverlayInit, OverlayOutcome } from '../../../shared/ipc/overlay-contract.js';
import type { OverlaySession } from '../ipc/overlay-session.js';
import { ShotputError, toUserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SettingsService } from '../settings/service.js';
import type { AfterCaptureReport, CapturedImage } from '../uploads/tasks/after-capture.js';
import type { CaptureSource, DisplayInfo, RawImage, Rect, WindowInfo } from './capture-api.js';
import type { FrameStore } from './frames.js';
import { displayUnderCursor, pairDisplays, toDisplayPixels, toVirtualPixels, windowsOnDisplay, type ScreenLayout } from './layout.js';
import { cropRaw, encodePng, stitchRaw } from './raw.js';

/** One overlay window to open: on which display (DIP bounds), talking to which session. */
export interface OverlayView {
  displayId: string;
  bounds: Rect;
  session: OverlaySession;
}

/** Opens and closes the overlay windows (Electron main in the app). */
export interface OverlayPresenter {
  open(views: OverlayView[]): void;
  close(): void;
}

export interface ScreenshotDeps {
  /** The capture source chosen for this desktop (see core/capture). */
  source(): CaptureSource;
  layout: ScreenLayout;
  frames: FrameStore;
  overlays: OverlayPresenter;
  createSession(init: OverlayInit): OverlaySession;
  settings: Pick<SettingsService, 'getNumber' | 'getString' | 'set'>;
  /** Shows the seconds left before a delayed capture (tray tooltip, notification); resolves when they have passed. */
  countdown(seconds: number): Promise<void>;
  afterCapture(image: CapturedImage): Promise<AfterCaptureReport>;
  logger: Logger;
}

export type CaptureMode = 'region' | 'screen' | 'monitor' | 'window' | 'lastRegion';

export interface CaptureOutcome {
  mode: CaptureMode;
  cancelled?: boolean;
  image?: CapturedImage;
  report?: AfterCaptureReport;
}

/**
 * The capture modes behind the actions: region (the overlay on every display), full screen
 * (stitched), the monitor under the pointer, the active window, the last region again. Each waits
 * the `capture.delay` first, crops the raw bitmap, encodes once and hands the image to the
 * after-capture task list.
 */
export class ScreenshotService {
  private busy = false;

  constructor(private readonly deps: ScreenshotDeps) {}

  async capture(mode: CaptureMode): Promise<CaptureOutcome> {
    if (this.busy) return { mode, cancelled: true };
    this.busy = true;
    try {
      const delay = this.deps.settings.getNumber('capture.delay');
      if (delay > 0) await this.deps.countdown(delay);
      const taken = await this.take(mode);
      if (!taken) return { mode, cancelled: true };
      const image: CapturedImage = { png: await encodePng(taken.raw), width: taken.raw.width, height: taken.raw.height, windowTitle: taken.window?.title, app: taken.window?.app };
      return { mode, image, report: await this.deps.afterCapture(image) };
    } finally {
      this.busy = false;
    }
  }

  lastRegion(): Rect | null {
    const stored = this.deps.settings.getString('capture.lastRegion');
    if (!stored) return null;
    try {
      const r = JSON.parse(stored) as Rect;
      return [r.x, r.y, r.width, r.height].every(Number.isInteger) && r.width > 0 && r.height > 0 ? r : null;
    } catch {
      return null;
    }
  }

  private async take(mode: CaptureMode): Promise<{ raw: RawImage; window?: WindowInfo } | null> {
    const source = this.deps.source();
    switch (mode) {
      case 'region':
        return this.pickRegion(source);
      case 'screen': {
        const displays = await source.listDisplays();
        return { raw: stitchRaw(await Promise.all(displays.map((d) => source.captureDisplay(d.id)))) };
      }
      case 'monitor': {
        const display = displayUnderCursor(await source.listDisplays(), this.deps.layout);
        return { raw: await source.captureDisplay(display.id) };
      }
      case 'window': {
        const windows = await source.listWindows();
        const active = windows.find((w) => w.focused);
        if (!active) throw new ShotputError('no_active_window', `${source.label} reports no active window; click the window first, or capture a region.`);
        return { raw: await source.captureWindow(active.id), window: active };
      }
      case 'lastRegion': {
        const region = this.lastRegion();
        if (!region) return this.pickRegion(source);
        return { raw: await this.captureRect(source, region) };
      }
    }
  }

  private async captureRect(source: CaptureSource, rect: Rect): Promise<RawImage> {
    const displays = (await source.listDisplays()).filter((d) => toDisplayPixels(rect, d));
    if (displays.length === 0) throw new ShotputError('region_outside', `The last region (${rect.width}×${rect.height} at ${rect.x},${rect.y}) is on no display now; select a new region.`);
    return cropRaw(stitchRaw(await Promise.all(displays.map((d) => source.captureDisplay(d.id)))), rect);
  }

  /** Opens one overlay per display on its frozen frame; the first confirm or cancel on any of them decides. */
  private async pickRegion(source: CaptureSource): Promise<{ raw: RawImage } | null> {
    const { frames, overlays, layout } = this.deps;
    const displays = await source.listDisplays();
    const [images, windows] = await Promise.all([
      Promise.all(displays.map((d) => source.captureDisplay(d.id))),
      source.listWindows().catch((err: unknown) => {
        this.deps.logger.warn(`No window list for the overlay: ${toUserError(err).message}`);
        return [] as WindowInfo[];
      }),
    ]);
    const pairs = pairDisplays(displays, layout.displays());
    const last = this.lastRegion();
    const views = displays.map((display, index): OverlayView & { display: DisplayInfo; image: RawImage } => {
      const image = images[index]!;
      const session = this.deps.createSession({
        frame: { url: frames.put(image), width: image.width, height: image.height, format: 'rgba' },
        scaleFactor: display.scaleFactor,
        windows: windowsOnDisplay(windows, display),
        lastRegion: last && toDisplayPixels(last, display),
      });
      return { displayId: display.id, bounds: pairs.get(display.id)!.bounds, session, display, image };
    });
    let outcome: { result: OverlayOutcome; view: (typeof views)[number] };
    try {
      overlays.open(views);
      outcome = await Promise.race(views.map((view) => view.session.outcome.then((result) => ({ result, view }))));
    } finally {
      for (const view of views) view.session.close();
      overlays.close();
      frames.clear();
    }
    if (!('region' in outcome.result)) return null;
    const region = toVirtualPixels(outcome.result.region, outcome.view.display);
    await this.deps.settings.set('capture.lastRegion', JSON.stringify(region));
    return { raw: cropRaw(outcome.view.image, region) };
  }
}
