import type { ChannelName } from '../../../shared/ipc/contract.js';
import { limitCallsInFlight, type Dispatch } from '../../../shared/ipc/limits.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import { validatePayload } from '../../../shared/ipc/validate.js';
import { toUserError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import type { HandlerTable, Handler } from './table.js';

export type { Dispatch };

/**
 * Validates a payload against the contract, runs its handler and turns any failure into
 * {ok:false, error}. Nothing thrown by a handler crosses the boundary or stops the process.
 */
export function createDispatcher(handlers: HandlerTable, logger: Logger = silentLogger): Dispatch {
  return limitCallsInFlight(async (channel, payload) => {
    const checked = validatePayload(channel, payload);
    if (!checked.ok) {
      logger.warn(`Refused ${String(channel).slice(0, 80)}: ${checked.error.message}`);
      return { ok: false, error: checked.error };
    }
    const handler = handlers[checked.channel] as Handler<ChannelName>;
    try {
      return ok(await handler(checked.payload as never));
    } catch (err) {
      const error = toUserError(err);
      if (error.code === 'internal') logger.error(`${checked.channel} failed: ${err instanceof Error ? err.stack : String(err)}`);
      return error.setting ? { ok: false, error } : fail(error.code, error.message);
    }
  });
}
