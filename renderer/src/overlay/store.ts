/** The overlay's state, in the frame's image pixels; the page is drawn from it (render.ts). */
import { createStore } from 'zustand/vanilla';
import type { OverlayWindow } from '../../../shared/ipc/overlay-contract.js';
import type { Handle, Point, Rect, Size } from '../../../shared/overlay/selection.js';

/** What the pointer is doing between pointerdown and pointerup. */
export type Gesture =
  /** Pressed outside the selection: a drag draws a new one, a click takes the window under it. */
  | { kind: 'draw'; start: Point; startPage: Point; dragged: boolean }
  /** Pressed on the selection's edge, corner or inside: resizes or moves it. */
  | { kind: 'adjust'; handle: Handle; from: Rect; start: Point };

export interface OverlayState {
  phase: 'loading' | 'ready' | 'sending' | 'done' | 'failed';
  frame: Size;
  windows: OverlayWindow[];
  lastRegion: Rect | null;
  selection: Rect | null;
  /** Continuous image coordinates of the pointer, null while it is off the page. */
  pointer: Point | null;
  /** The window a click would take (the topmost under the pointer, outside the selection). */
  hovered: OverlayWindow | null;
  gesture: Gesture | null;
  /** Spoken by screen readers (the status region). */
  announcement: string;
  error: string | null;
}

export const overlayStore = createStore<OverlayState>(() => ({
  phase: 'loading',
  frame: { width: 1, height: 1 },
  windows: [],
  lastRegion: null,
  selection: null,
  pointer: null,
  hovered: null,
  gesture: null,
  announcement: '',
  error: null,
}));
