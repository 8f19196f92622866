import type { ChannelFunctions, ShotputBridge } from '../../../shared/ipc/api.js';
import type { ChannelName, EventMap, EventName } from '../../../shared/ipc/contract.js';
import type { IpcResult } from '../../../shared/ipc/result.js';
import { decodeWire, encodeWire, HARNESS_IPC_PATH, type InvokeMessage, type ServerMessage } from '../../../shared/ipc/wire.js';

export interface HarnessSocket {
  send(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

/**
 * The harness's stand-in for preload: the same ShotputBridge, carried over a WebSocket to the
 * core running in Node.
 */
export function connectWebSocketBridge(location: Location): ShotputBridge {
  const socket = connectHarnessSocket(location);
  // A function for any channel name: the core validates the name, so the renderer bundle does not
  // need the contract's schemas (or zod) just to list them.
  const invoke = new Proxy({} as ChannelFunctions, {
    get: (_target, channel) => (typeof channel === 'string' ? (payload: unknown) => socket.send(channel as ChannelName, payload) : undefined),
  });
  return { invoke, on: socket.on };
}

/**
 * Invoke messages and events over the harness's WebSocket, for any window's contract (the main
 * window's or the overlay's). Calls made before the socket opens wait for it.
 */
export function connectHarnessSocket(location: Location): HarnessSocket {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${HARNESS_IPC_PATH}`;
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`Cannot reach the Shotput harness at ${url}`)), { once: true });
  });
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    const data = decodeWire(String(message.data)) as ServerMessage;
    if (data.type === 'result') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload as never);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'disconnected', message: 'The connection to Shotput closed. Reload the window.' } });
    }
    pending.clear();
  });

  const send = async (channel: string, payload: unknown): Promise<IpcResult<unknown>> => {
    await opened;
    const id = nextId++;
    const message: InvokeMessage = { type: 'invoke', id, channel, payload };
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(encodeWire(message));
    });
  };

  return {
    send,
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
}
