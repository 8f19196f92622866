/** Messages of the harness's WebSocket bridge: the same contract as preload, as JSON frames. */
import type { EventMap, EventName } from './contract.js';
import type { IpcResult } from './result.js';

export interface InvokeMessage {
  type: 'invoke';
  id: number;
  channel: string;
  payload: unknown;
}

export type ServerMessage =
  | { type: 'result'; id: number; result: IpcResult<unknown> }
  | { [E in EventName]: { type: 'event'; event: E; payload: EventMap[E] } }[EventName];

export const HARNESS_IPC_PATH = '/ipc';

/**
 * JSON that carries binary: a Uint8Array travels as {"$bytes": base64}. Electron's IPC clones
 * typed arrays natively; the harness's WebSocket needs this to deliver the same payloads.
 */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: bytesToBase64(v) } : v));
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const bytes = (v as { $bytes?: unknown }).$bytes;
      if (keys.length === 1 && typeof bytes === 'string') return base64ToBytes(bytes);
    }
    return v;
  });
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
