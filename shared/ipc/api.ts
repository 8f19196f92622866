/**
 * The shape of the API the renderer sees (window.shotput from preload, or the harness's
 * WebSocket transport): one function per channel, and a subscription per event.
 */
import type { ChannelName, EventMap, EventName, PayloadOf, ResultOf } from './contract.js';
import type { IpcResult } from './result.js';

export type ChannelFunctions = {
  [C in ChannelName]: (payload: PayloadOf<C>) => Promise<IpcResult<ResultOf<C>>>;
};

export interface ShotputBridge {
  invoke: ChannelFunctions;
  /** Returns a function that removes the listener. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}
