import type { CaptureStatus } from '../../../shared/ipc/contract.js';
import { ShotputError } from '../errors.js';
import { cropRaw, describeRect, intersect, splitRegion, stitch, virtualScreen, type DisplayInfo, type RawImage, type Rect, type WindowInfo } from './geometry.js';
import { CaptureErrorCode, captureError, type CaptureChoice, type CaptureSource } from './types.js';

export type { CaptureStatus };

/**
 * Capture over the source chosen for this machine: the whole virtual screen stitched from every
 * display, a region (only the displays it touches are captured), a monitor, or a window.
 */
export class CaptureService {
  private choice: CaptureChoice | undefined;
  private choiceError: ShotputError | undefined;

  constructor(private readonly choose: () => CaptureChoice) {}

  private get source(): CaptureSource {
    this.resolve();
    if (this.choiceError) throw this.choiceError;
    return this.choice!.source;
  }

  private resolve(): void {
    if (this.choice || this.choiceError) return;
    try {
      this.choice = this.choose();
    } catch (err) {
      if (!(err instanceof ShotputError)) throw err;
      this.choiceError = err;
    }
  }

  status(): CaptureStatus {
    this.resolve();
    if (this.choice) return { source: this.choice.source.id, label: this.choice.source.label, reason: this.choice.reason };
    return { source: 'none', label: 'nothing', reason: this.choiceError!.message };
  }

  async listDisplays(): Promise<DisplayInfo[]> {
    const displays = await this.source.listDisplays();
    if (displays.length === 0) throw captureError(CaptureErrorCode.unavailable, `${this.source.label} found no display to capture.`);
    if (displays.some((d) => d.primary)) return displays;
    // X servers without a RandR primary output (Xvfb) name none: the one at the origin is it.
    const atOrigin = displays.find((d) => d.x === 0 && d.y === 0) ?? displays[0]!;
    return displays.map((d) => ({ ...d, primary: d === atOrigin }));
  }

  listWindows(): Promise<WindowInfo[]> {
    return this.source.listWindows();
  }

  /** Every display, stitched into one bitmap of the virtual screen. */
  async captureAll(): Promise<RawImage> {
    const displays = await this.listDisplays();
    const images = await Promise.all(displays.map((d) => this.source.captureDisplay(d.id)));
    return stitch(images, virtualScreen(displays));
  }

  /** A rectangle in physical pixels of the virtual screen; may span displays. */
  async captureRegion(region: Rect): Promise<RawImage> {
    const displays = await this.listDisplays();
    const parts = splitRegion(region, displays);
    if (parts.length === 0) {
      throw captureError(
        CaptureErrorCode.notFound,
        `The region ${describeRect(region)} is not on any display; the screen is ${describeRect(virtualScreen(displays))}. \`shotput capture --list\` shows the displays.`,
      );
    }
    const images = await Promise.all(parts.map((p) => this.captureInside(p.display, p.rect)));
    // Off-screen parts of the region (beyond the edge, or a gap between displays) stay transparent.
    return stitch(images, intersect(region, virtualScreen(displays)) ?? region);
  }

  /** `rect` inside `display`: read alone where the source can, else cut from the whole display. */
  private async captureInside(display: DisplayInfo, rect: Rect): Promise<RawImage> {
    const source = this.source;
    if (source.captureArea) {
      try {
        return { ...(await source.captureArea(rect)), scaleFactor: display.scaleFactor };
      } catch (err) {
        if (!(err instanceof ShotputError)) throw err;
        // An X server this reader does not take (another pixel depth): the whole display still works.
      }
    }
    return cropRaw(await source.captureDisplay(display.id), rect);
  }

  /** Display `index` (0-based) in the order `listDisplays` gives. */
  async captureMonitor(index: number): Promise<RawImage> {
    const displays = await this.listDisplays();
    const display = displays[index];
    if (!display) throw captureError(CaptureErrorCode.notFound, `There is no monitor ${index}; this desktop has ${displays.length} (0 to ${displays.length - 1}).`);
    return this.source.captureDisplay(display.id);
  }

  /** A window by id, or 'active' for the focused one. */
  async captureWindow(which: string): Promise<RawImage> {
    if (which !== 'active') return this.source.captureWindow(which);
    const windows = await this.listWindows();
    const focused = windows.find((w) => w.focused);
    if (!focused) {
      throw captureError(CaptureErrorCode.notFound, `${this.source.label} cannot tell which window is active here. Give a window id from \`shotput capture --list\`, or use --region.`);
    }
    return this.source.captureWindow(focused.id);
  }

  /** Chooses again on next use (after capture.* settings change). */
  reset(): void {
    this.close();
    this.choice = undefined;
    this.choiceError = undefined;
  }

  close(): void {
    this.choice?.source.close?.();
  }
}
