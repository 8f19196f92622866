import type { OverlayInit, OverlayOutcome } from '../../../shared/ipc/overlay-contract.js';
import { ShotputError, toUserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SettingsService } from '../settings/service.js';
import type { AfterCaptureReport, CapturedImage } from '../uploads/tasks/after-capture.js';
import type { CaptureService } from '../capture/service.js';
import { cropRaw, intersect, type DisplayInfo, type RawImage, type Rect, type WindowInfo } from '../capture/geometry.js';
import type { FrameStore } from './frames.js';
import { displayUnderCursor, pairDisplays, toDisplayPixels, toVirtualPixels, windowsOnDisplay, type ScreenLayout } from './layout.js';

/** What the capture flow needs of an overlay session (core/ipc/overlay-session.ts, which also answers the page). */
export interface RegionSession {
  readonly outcome: Promise<OverlayOutcome>;
  close(): void;
}

/** One overlay window to open: on which display (DIP bounds), talking to which session. */
export interface OverlayView<S extends RegionSession = RegionSession> {
  displayId: string;
  bounds: Rect;
  session: S;
}

/** Opens and closes the overlay windows (Electron main in the app). */
export interface OverlayPresenter<S extends RegionSession = RegionSession> {
  open(views: OverlayView<S>[]): void;
  close(): void;
}

export interface ScreenshotDeps<S extends RegionSession = RegionSession> {
  /** Capture over the source chosen for this desktop (core/capture). */
  capture: Pick<CaptureService, 'listDisplays' | 'listWindows' | 'captureAll' | 'captureRegion' | 'captureMonitor' | 'captureWindow'>;
  layout: ScreenLayout;
  frames: FrameStore;
  overlays: OverlayPresenter<S>;
  createSession(init: OverlayInit): S;
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
 * the `capture.delay` first, crops the raw bitmap and hands its pixels to the after-capture task
 * list, which encodes them once.
 */
export class ScreenshotService<S extends RegionSession = RegionSession> {
  private busy = false;

  constructor(private readonly deps: ScreenshotDeps<S>) {}

  /** `delaySeconds` overrides the `capture.delay` setting for this capture. */
  async capture(mode: CaptureMode, options: { delaySeconds?: number } = {}): Promise<CaptureOutcome> {
    if (this.busy) return { mode, cancelled: true };
    this.busy = true;
    try {
      const delay = Math.min(10, Math.max(0, Math.round(options.delaySeconds ?? this.deps.settings.getNumber('capture.delay'))));
      if (delay > 0) await this.deps.countdown(delay);
      const taken = await this.take(mode);
      if (!taken) return { mode, cancelled: true };
      const { data, width, height, scaleFactor } = taken.raw;
      const image: CapturedImage = { pixels: { data, width, height, order: 'rgba', scaleFactor }, width, height, windowTitle: taken.window?.title, app: taken.window?.app };
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
    const { capture } = this.deps;
    switch (mode) {
      case 'region':
        return this.pickRegion();
      case 'screen':
        return { raw: await capture.captureAll() };
      case 'monitor': {
        const displays = await capture.listDisplays();
        const display = displayUnderCursor(displays, this.deps.layout);
        return { raw: await capture.captureMonitor(displays.indexOf(display)) };
      }
      case 'window': {
        const active = (await capture.listWindows()).find((w) => w.focused);
        if (!active) throw new ShotputError('no_active_window', 'No active window was found; click the window first, or capture a region.');
        return { raw: await capture.captureWindow(active.id), window: active };
      }
      case 'lastRegion': {
        const region = this.lastRegion();
        return region ? { raw: await capture.captureRegion(region) } : this.pickRegion();
      }
    }
  }

  /** Opens one overlay per display on its frozen frame; the first confirm or cancel on any of them decides. */
  private async pickRegion(): Promise<{ raw: RawImage } | null> {
    const { frames, overlays, layout, capture } = this.deps;
    const displays = await capture.listDisplays();
    const [images, windows] = await Promise.all([
      Promise.all(displays.map((_d, index) => capture.captureMonitor(index))),
      capture.listWindows().catch((err: unknown) => {
        this.deps.logger.warn(`No window list for the overlay: ${toUserError(err).message}`);
        return [] as WindowInfo[];
      }),
    ]);
    const pairs = pairDisplays(displays, layout.displays());
    const last = this.lastRegion();
    const views = displays.map((display, index): OverlayView<S> & { display: DisplayInfo; image: RawImage } => {
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
    // The crop is cut from the frozen frame the user saw, not a new capture.
    return { raw: cropRaw(outcome.view.image, intersect(region, outcome.view.image) ?? region) };
  }
}
