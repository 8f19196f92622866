/**
 * The capture core API as agreed in /work/brief/contracts.md (owned by `capture`, in core/capture/).
 * Declared here until that branch is merged; then these become re-exports of core/capture's types.
 */
export interface DisplayInfo {
  id: string;
  name: string;
  /** Physical pixels of the virtual screen. */
  x: number;
  y: number;
  width: number;
  height: number;
  scaleFactor: number;
  primary: boolean;
}

export interface WindowInfo {
  id: string;
  title: string;
  app: string;
  /** Physical pixels of the virtual screen. */
  x: number;
  y: number;
  width: number;
  height: number;
  focused?: boolean;
}

export interface RawImage {
  /** RGBA, tightly packed. */
  data: Buffer;
  width: number;
  height: number;
  /** Physical origin on the virtual screen. */
  x: number;
  y: number;
  scaleFactor: number;
}

export interface CaptureSource {
  id: string;
  label: string;
  listDisplays(): Promise<DisplayInfo[]>;
  listWindows(): Promise<WindowInfo[]>;
  captureDisplay(id: string): Promise<RawImage>;
  captureWindow(id: string): Promise<RawImage>;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
