/**
 * The editor page's only way to main: `window.shotputEditor` from its preload in the app, or the
 * harness's WebSocket carrying the same editor contract.
 */
import type { EditorChannel } from '../../../shared/ipc/editor-channels.js';
import type { EditorResults } from '../../../shared/ipc/editor-contract.js';
import type { IpcResult } from '../../../shared/ipc/result.js';
import { decodeWire, encodeBinaryWire, HARNESS_IPC_PATH } from '../../../shared/ipc/wire.js';

export interface EditorBridge {
  invoke(channel: EditorChannel, payload: unknown): Promise<IpcResult<unknown>>;
}

declare global {
  interface Window {
    shotputEditor?: EditorBridge;
  }
}

export class EditorApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let bridge: EditorBridge | undefined;

export async function callEditor<C extends EditorChannel>(channel: C, payload: unknown): Promise<EditorResults[C]> {
  bridge ??= window.shotputEditor ?? connectHarness(window.location);
  const result = await bridge.invoke(channel, payload);
  if (!result.ok) throw new EditorApiError(result.error.code, result.error.message);
  return result.value as EditorResults[C];
}

function connectHarness(location: Location): EditorBridge {
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${HARNESS_IPC_PATH}`);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('Cannot reach the Shotput harness.')), { once: true });
  });
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  let nextId = 1;
  socket.addEventListener('message', (message) => {
    const data = decodeWire(String(message.data)) as { type: string; id: number; result: IpcResult<unknown> };
    if (data.type !== 'result') return;
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  });
  return {
    async invoke(channel, payload) {
      await opened;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        // Binary frames: the edited image's pixels travel as bytes, not base64.
        socket.send(encodeBinaryWire({ type: 'invoke', id, channel, payload }));
      });
    },
  };
}
