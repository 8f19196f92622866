import type { ChannelName, ParsedPayloadOf, ResultOf } from '../../../shared/ipc/contract.js';
import type { AppServices } from '../app.js';

export type Handler<C extends ChannelName> = (payload: ParsedPayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C>;
export type HandlerTable = { [C in ChannelName]: Handler<C> };

/**
 * The implementation of every channel in shared/ipc/contract.ts, over the core services. It knows
 * nothing about Electron or WebSockets: main and the harness both call it through dispatch().
 */
export function createHandlers(services: AppServices): HandlerTable {
  const { settings } = services;
  return {
    'app.info': () => ({ ...services.info }),
    'settings.describe': () => settings.describe(),
    'settings.get': () => settings.snapshot(),
    'settings.set': async ({ key, value }) => {
      await settings.set(key, value);
      return settings.snapshot();
    },
    'settings.reset': async ({ key }) => {
      await settings.reset(key);
      return settings.snapshot();
    },
  };
}
