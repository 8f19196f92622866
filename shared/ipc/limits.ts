import { fail, type IpcResult } from './result.js';

/**
 * Limits every IPC payload of every window (main, overlay, editor) is held to before its
 * channel's schema looks at it. The schemas in the contracts bound each field; these bound the
 * shape as a whole, so no schema can forget them: checked once, in ./validate.ts.
 */
export const IPC_PAYLOAD_LIMITS = {
  /** Objects and arrays nested deeper than this are refused (the deepest contract payload has 4 levels). */
  maxDepth: 16,
  /** Keys and array items in one payload (the overlay's 2,000 windows of 7 fields are the most). */
  maxEntries: 50_000,
  /** An object key longer than this is refused: no contract has one, and keys are echoed in errors. */
  maxKeyChars: 200,
  /** Keys that could reach an object's prototype if a handler copied them; refused wherever they appear. */
  forbiddenKeys: ['__proto__', 'constructor', 'prototype'] as readonly string[],
} as const;

/**
 * Calls one window's dispatcher works on at once; later calls are answered `busy` at once, so a
 * flood of calls cannot pile up work and memory without end.
 */
export const MAX_CALLS_IN_FLIGHT = 512;

/** How much of a caller's text (a channel name, a field name) an error message repeats. */
export const MAX_ECHOED_CHARS = 80;

/** One window's IPC entry: a channel and its raw payload in, {ok} out. */
export type Dispatch = (channel: string, payload: unknown) => Promise<IpcResult<unknown>>;

/**
 * At most MAX_CALLS_IN_FLIGHT calls of one window at once; the ones over it are answered `busy`
 * straight away instead of queueing work and memory without end. Every window's dispatcher goes
 * through this.
 */
export function limitCallsInFlight(dispatch: Dispatch): Dispatch {
  let inFlight = 0;
  return async (channel, payload) => {
    if (inFlight >= MAX_CALLS_IN_FLIGHT) {
      return fail('busy', `Shotput is still answering ${inFlight} earlier requests from this window; try again in a moment.`);
    }
    inFlight++;
    try {
      return await dispatch(channel, payload);
    } finally {
      inFlight--;
    }
  };
}
