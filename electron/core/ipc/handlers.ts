import type { ChannelName, ParsedPayloadOf, ResultOf } from '../../../shared/ipc/contract.js';
import type { AppServices } from '../app.js';
import { createSxcuHandlers } from './sxcu-handlers.js';
import { uploaderHandlers } from './uploader-handlers.js';

export type Handler<C extends ChannelName> = (payload: ParsedPayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C>;
export type HandlerTable = { [C in ChannelName]: Handler<C> };

/**
 * The implementation of every channel in shared/ipc/contract.ts, over the core services. It knows
 * nothing about Electron or WebSockets: main and the harness both call it through dispatch().
 */
export function createHandlers(services: AppServices): HandlerTable {
  const { settings, uploads, history } = services;
  const queue = uploads.queue;
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

    'queue.list': () => queue.list(),
    'queue.addData': ({ name, data, uploaderId, options }) => uploads.addData(name, data, uploaderId, options),
    'queue.addUrl': ({ url, uploaderId, options }) => uploads.addUrl(url, uploaderId, options),
    'queue.retry': ({ id }) => queue.retry(id),
    'queue.cancel': ({ id }) => queue.cancel(id),
    'queue.discard': async ({ id }) => {
      await queue.discard(id);
      return null;
    },

    'history.list': (query) => history.list(query),
    'history.copyLink': ({ id, format }) => ({ text: uploads.copyLink(id, format) }),
    'history.open': async ({ id, which }) => {
      await uploads.open(id, which);
      return null;
    },
    'history.delete': ({ id, localOnly }) => uploads.delete(id, { localOnly }),
    'history.importImgur': () => services.importImgurAccount(),
    'actions.run': async ({ id }) => {
      await services.actions.run(id);
      return null;
    },
    'hotkeys.status': () => services.hotkeys.status(),
    ...createSxcuHandlers(services),
    ...uploaderHandlers(services),
  };
}
