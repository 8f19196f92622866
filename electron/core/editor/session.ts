/**
 * The editor contract's handlers for one editor window, independent of the transport: Electron main
 * routes the window's ipcMain calls here, the harness its WebSocket messages. What happens to the
 * result (save where, copy how, which after-capture tasks) is given by the caller.
 */
import type { ShapeStyle } from '../../../shared/editor/shapes.js';
import { isEditorChannel } from '../../../shared/ipc/editor-channels.js';
import { editorPayloads, type EditorHandlers, type EditorInit, type EditorPayload } from '../../../shared/ipc/editor-contract.js';
import { fail, ok, type IpcResult } from '../../../shared/ipc/result.js';
import { limitCallsInFlight } from '../../../shared/ipc/limits.js';
import { checkPayload, unknownChannel } from '../../../shared/ipc/validate.js';
import { toUserError } from '../errors.js';

/** The flattened image the editor hands over, and its document. */
export type EditedImage = EditorPayload<'editor.finish'>;

export interface EditorSessionDeps {
  init: EditorInit;
  rememberStyle(style: ShapeStyle): Promise<void> | void;
  /** Writes the result; answers where. */
  save(image: EditedImage): Promise<string>;
  copy(image: EditedImage): Promise<void>;
  /** Runs the after-capture tasks on the result; answers what they did, in words. */
  finish(image: EditedImage): Promise<string>;
}

export type EditorOutcome = { finished: true; summary: string } | { discarded: true };

export interface EditorSession {
  dispatch(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
  /** Settles when the user finishes (Enter) or discards (Esc, confirmed). */
  readonly outcome: Promise<EditorOutcome>;
  /** Ends the session as discarded unless it already ended (the window was closed). */
  close(): void;
}

export function createEditorSession(deps: EditorSessionDeps): EditorSession {
  let settle!: (outcome: EditorOutcome) => void;
  let settled = false;
  const outcome = new Promise<EditorOutcome>((resolve) => (settle = resolve));
  const end = (result: EditorOutcome) => {
    if (settled) return;
    settled = true;
    settle(result);
  };

  const handlers: EditorHandlers = {
    'editor.init': () => deps.init,
    'editor.save': async (image) => ({ path: await deps.save(image) }),
    'editor.copy': async (image) => {
      await deps.copy(image);
      return null;
    },
    'editor.finish': async (image) => {
      const summary = await deps.finish(image);
      end({ finished: true, summary });
      return { summary };
    },
    'editor.discard': () => {
      end({ discarded: true });
      return null;
    },
    'editor.rememberStyle': async ({ style }) => {
      await deps.rememberStyle(style);
      return null;
    },
  };

  return {
    outcome,
    close: () => end({ discarded: true }),
    dispatch: limitCallsInFlight(async (channel, payload) => {
      if (!isEditorChannel(channel)) {
        return { ok: false, error: unknownChannel('editor', channel) };
      }
      const parsed = checkPayload(channel, editorPayloads[channel], payload);
      if (!parsed.ok) return parsed;
      try {
        return ok(await (handlers[channel] as (p: unknown) => unknown)(parsed.payload));
      } catch (err) {
        const error = toUserError(err);
        return fail(error.code, error.message);
      }
    }),
  };
}
