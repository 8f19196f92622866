import { ShotputError } from '../errors.js';
import type { DisplayInfo, RawImage, Rect, WindowInfo } from './geometry.js';

export type { DisplayInfo, RawImage, WindowInfo } from './geometry.js';

/** One way of reading the screen. Each implementation lives in its own module under sources/. */
export interface CaptureSource {
  /** 'node-screenshots', 'portal', 'command', 'desktop-capturer'. */
  id: string;
  label: string;
  listDisplays(): Promise<DisplayInfo[]>;
  /** Top-most first; empty where the platform cannot list windows (Wayland). */
  listWindows(): Promise<WindowInfo[]>;
  captureDisplay(id: string): Promise<RawImage>;
  captureWindow(id: string): Promise<RawImage>;
  /**
   * A rectangle inside one display, in physical pixels of the virtual screen, read without
   * grabbing the whole display (X11); optional. Its scale factor is left to the caller.
   */
  captureArea?(rect: Rect): Promise<RawImage>;
  /** Frees what the source holds open (a D-Bus connection); optional. */
  close?(): void;
}

/** The source chosen for this machine, and why, as Settings and `shotput capture --list` show it. */
export interface CaptureChoice {
  source: CaptureSource;
  reason: string;
}

export const CaptureErrorCode = {
  unavailable: 'capture_unavailable',
  permission: 'capture_permission',
  unsupported: 'capture_unsupported',
  notFound: 'capture_not_found',
  failed: 'capture_failed',
  cancelled: 'capture_cancelled',
} as const;

export function captureError(code: (typeof CaptureErrorCode)[keyof typeof CaptureErrorCode], message: string, cause?: unknown): ShotputError {
  return new ShotputError(code, message, { cause });
}
