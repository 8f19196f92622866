/**
 * The editor window's own IPC contract: only what the editor needs. The renderer flattens the
 * marked-up image at 1:1 and hands its RGBA pixels over; main (or the harness) encodes them once
 * through the pipeline and runs the after-capture tasks.
 */
import { z } from 'zod';
import type { ShapeStyle } from '../editor/shapes.js';
import type { EditorChannel } from './editor-channels.js';

export interface EditorFrame {
  /** Raw RGBA bytes of the image to edit, width × height × 4, served as application/octet-stream. */
  url: string;
  width: number;
  height: number;
  format: 'rgba';
}

export interface EditorInit {
  frame: EditorFrame;
  /** A serialized document to reopen (from History), or null for a fresh edit. */
  document: string | null;
  /** The style the user last picked, remembered across edits. */
  style: ShapeStyle;
  /** Shown in the title bar: the capture's or file's name. */
  title: string;
}

/** The flattened result: the exported image's own pixels, at its exact size. */
const flattened = z
  .object({
    width: z.number().int().min(1).max(100_000),
    height: z.number().int().min(1).max(100_000),
    data: z.instanceof(Uint8Array),
    /** The document, serialized, so the edit can be reopened. */
    document: z.string().max(20_000_000),
  })
  .refine((image) => image.data.byteLength === image.width * image.height * 4, {
    message: 'data must hold exactly width × height × 4 bytes of RGBA',
  });

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');

export const editorStyleSchema = z.object({
  color: colour,
  strokeWidth: z.number().min(1).max(64),
  fill: colour.nullable(),
  fontSize: z.number().min(6).max(200),
});

export const editorPayloads = {
  'editor.init': z.object({}).strict(),
  'editor.save': flattened,
  'editor.copy': flattened,
  'editor.finish': flattened,
  'editor.discard': z.object({}).strict(),
  'editor.rememberStyle': z.object({ style: editorStyleSchema }).strict(),
} satisfies Record<EditorChannel, z.ZodType>;

export interface EditorResults {
  'editor.init': EditorInit;
  /** Where the result was written. */
  'editor.save': { path: string };
  'editor.copy': null;
  /** What the after-capture tasks did, in words, for the window to show before it closes. */
  'editor.finish': { summary: string };
  'editor.discard': null;
  'editor.rememberStyle': null;
}

export type EditorPayload<C extends EditorChannel> = z.output<(typeof editorPayloads)[C]>;
export type EditorHandlers = { [C in EditorChannel]: (payload: EditorPayload<C>) => Promise<EditorResults[C]> | EditorResults[C] };
