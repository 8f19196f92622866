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
  return replaceMarkers(JSON.parse(text), (v) => {
    const bytes = (v as { $bytes?: unknown }).$bytes;
    return Object.keys(v).length === 1 && typeof bytes === 'string' ? base64ToBytes(bytes) : undefined;
  });
}

/** Deeper than any message of any contract: left as it is, for the payload check to refuse by name. */
const MAX_WIRE_DEPTH = 64;

/**
 * Replaces each object `replace` recognises ({$bytes} or {$blob}) by what it answers, walking the
 * parsed message without recursion: a message nested 100,000 deep is parsed and then refused by
 * the payload check, instead of overflowing the stack in a JSON.parse reviver.
 */
function replaceMarkers(root: unknown, replace: (value: object) => unknown): unknown {
  const holder: Record<string, unknown> = { root };
  const pending: Array<[Record<string, unknown>, string, number]> = [[holder, 'root', 0]];
  while (pending.length > 0) {
    const [parent, key, depth] = pending.pop()!;
    const value = parent[key];
    if (value === null || typeof value !== 'object') continue;
    const replaced = Array.isArray(value) ? undefined : replace(value);
    if (replaced !== undefined) {
      // Defined, not assigned: a marker under a key named __proto__ must not become a prototype.
      Object.defineProperty(parent, key, { value: replaced, enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (depth >= MAX_WIRE_DEPTH) continue;
    for (const child of Object.keys(value)) pending.push([value as Record<string, unknown>, child, depth + 1]);
  }
  return holder.root;
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

/**
 * A binary WebSocket frame for messages that carry large byte arrays (an edited 4K image is 33 MB):
 * the message's JSON with each Uint8Array replaced by {"$blob": i}, then the arrays themselves,
 * with no base64 on the way. Layout: u32 JSON length, the JSON (UTF-8), then per blob a u32 length
 * and its bytes; lengths little-endian.
 */
export function encodeBinaryWire(value: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  const json = new TextEncoder().encode(
    JSON.stringify(value, (_key, v: unknown) => {
      if (!(v instanceof Uint8Array)) return v;
      blobs.push(v);
      return { $blob: blobs.length - 1 };
    }),
  );
  const size = 4 + json.length + blobs.reduce((n, b) => n + 4 + b.length, 0);
  const frame = new Uint8Array(size);
  const view = new DataView(frame.buffer);
  view.setUint32(0, json.length, true);
  frame.set(json, 4);
  let at = 4 + json.length;
  for (const blob of blobs) {
    view.setUint32(at, blob.length, true);
    frame.set(blob, at + 4);
    at += 4 + blob.length;
  }
  return frame;
}

export function decodeBinaryWire(frame: Uint8Array): unknown {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const fail = () => {
    throw new Error('The binary message is cut short or malformed.');
  };
  if (frame.length < 4) fail();
  const jsonLength = view.getUint32(0, true);
  if (4 + jsonLength > frame.length) fail();
  const blobs: Uint8Array[] = [];
  let at = 4 + jsonLength;
  while (at < frame.length) {
    if (at + 4 > frame.length) fail();
    const length = view.getUint32(at, true);
    if (at + 4 + length > frame.length) fail();
    blobs.push(frame.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return replaceMarkers(JSON.parse(new TextDecoder().decode(frame.subarray(4, 4 + jsonLength))), (v) => {
    const index = (v as { $blob?: unknown }).$blob;
    if (Object.keys(v).length !== 1 || typeof index !== 'number') return undefined;
    const blob = blobs[index];
    if (!blob) fail();
    return blob;
  });
}
