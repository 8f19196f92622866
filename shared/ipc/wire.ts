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
