/**
 * The region overlay's IPC contract: one overlay window per display, showing that display's
 * frozen frame. Everything here is in the frame's image pixels (physical pixels of that display).
 * Payload schemas are checked by the receiving end (electron/core/ipc/overlay-session.ts, used by
 * main and the harness); the renderer and the preload import only the types.
 */
import { z } from 'zod';
import type { IpcResult } from './result.js';

/** Large enough for any display, small enough that arithmetic on it stays exact. */
const MAX_PIXELS = 100_000;
const coordinate = z.number().int().min(-MAX_PIXELS).max(MAX_PIXELS);
const length = z.number().int().min(1).max(MAX_PIXELS);

export const overlayRegionSchema = z
  .object({ x: z.number().int().min(0).max(MAX_PIXELS), y: z.number().int().min(0).max(MAX_PIXELS), width: length, height: length })
  .strict();

/** A window on this display, topmost first: the overlay highlights the first one under the pointer. */
export const overlayWindowSchema = z
  .object({
    id: z.string().min(1).max(200),
    title: z.string().max(1000),
    app: z.string().max(200),
    x: coordinate,
    y: coordinate,
    width: z.number().int().min(0).max(MAX_PIXELS),
    height: z.number().int().min(0).max(MAX_PIXELS),
  })
  .strict();

export const overlayInitSchema = z
  .object({
    /** `url` answers with width*height*4 bytes of tightly packed RGBA, as application/octet-stream. */
    frame: z.object({ url: z.string().min(1).max(2000), width: length, height: length, format: z.literal('rgba') }).strict(),
    scaleFactor: z.number().positive().max(16),
    windows: z.array(overlayWindowSchema).max(2000),
    lastRegion: z.object({ x: coordinate, y: coordinate, width: length, height: length }).strict().nullable(),
  })
  .strict();

export type OverlayRegion = z.infer<typeof overlayRegionSchema>;
export type OverlayWindow = z.infer<typeof overlayWindowSchema>;
export type OverlayInit = z.infer<typeof overlayInitSchema>;

const empty = z.object({}).strict();

/** Payload schema of each channel; the results are the types in OverlayBridge below. */
export const overlayPayloads = {
  'overlay.init': empty,
  /** Integers, inside the frame, width and height at least 1. */
  'overlay.confirm': overlayRegionSchema,
  'overlay.cancel': empty,
  /** The frame is drawn: main shows the window now (a window kept ready stays hidden until then). */
  'overlay.painted': empty,
} as const;

/** What the overlay page sees as `window.shotputOverlay` (Electron's preload) or over the harness's WebSocket. */
export interface OverlayBridge {
  init(): Promise<IpcResult<OverlayInit>>;
  confirm(region: OverlayRegion): Promise<IpcResult<null>>;
  cancel(): Promise<IpcResult<null>>;
  painted(): Promise<IpcResult<null>>;
}

/** How an overlay ended: the region the user confirmed, or a cancel. */
export type OverlayOutcome = { region: OverlayRegion } | { cancelled: true };
