/**
 * The renderer's only way to the core. Components and stores call `call()` and `subscribe()`;
 * whether the bridge is Electron's preload or the harness's WebSocket is decided here once.
 */
import type { ShotputBridge } from '../../../shared/ipc/api.js';
import type { ChannelName, EventMap, EventName, PayloadOf, ResultOf } from '../../../shared/ipc/contract.js';
import type { UserError } from '../../../shared/errors.js';
import { connectWebSocketBridge } from './websocket-bridge.js';

declare global {
  interface Window {
    shotput?: ShotputBridge;
  }
}

export class ApiError extends Error {
  readonly code: string;
  constructor(error: UserError) {
    super(error.message);
    this.code = error.code;
  }
}

let bridge: ShotputBridge | undefined;

function getBridge(): ShotputBridge {
  bridge ??= window.shotput ?? connectWebSocketBridge(window.location);
  return bridge;
}

export async function call<C extends ChannelName>(channel: C, payload: PayloadOf<C>): Promise<ResultOf<C>> {
  const fn = getBridge().invoke[channel] as (p: PayloadOf<C>) => Promise<{ ok: true; value: ResultOf<C> } | { ok: false; error: UserError }>;
  const result = await fn(payload);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return getBridge().on(event, listener);
}
