import type { ActionRunner } from '../actions.js';
import type { HotkeyService } from '../hotkeys.js';
import type { CaptureService } from '../capture/service.js';
import type { EditorService } from '../editor/service.js';
import type { AppInfo, ChannelName } from '../../../shared/ipc/contract.js';
import type { HistoryService } from '../history/service.js';
import type { CorePlatform } from '../platform.js';
import type { SettingsService } from '../settings/service.js';
import type { ImportReport } from '../uploads/import.js';
import type { UploadsService } from '../uploads/service.js';
import { createSxcuHandlers, type SxcuHandlerServices } from './sxcu-handlers.js';
import type { HandlerTable } from './table.js';
import { uploaderHandlers, type UploaderHandlerServices } from './uploader-handlers.js';

export type { Handler, HandlerTable } from './table.js';

type ChannelsOf<Prefix extends string> = Extract<ChannelName, `${Prefix}.${string}`>;

/** `app.*` and `settings.*`. */
export function settingsHandlers({
  info,
  settings,
  platform,
}: {
  info: AppInfo;
  settings: SettingsService;
  platform: Pick<CorePlatform, 'writeClipboard'>;
}): Pick<HandlerTable, ChannelsOf<'app' | 'settings'>> {
  return {
    'app.info': () => ({ ...info }),
    'app.copyText': ({ text }) => {
      platform.writeClipboard(text);
      return null;
    },
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

export interface UploadHandlerServices {
  uploads: UploadsService;
  history: HistoryService;
  importImgurAccount(): Promise<ImportReport>;
}

/** `queue.*` and `history.*`: adding uploads, following them, and what is done with a record. */
export function uploadHandlers({ uploads, history, importImgurAccount }: UploadHandlerServices): Pick<HandlerTable, Exclude<ChannelsOf<'queue' | 'history'>, 'history.edit'>> {
  const queue = uploads.queue;
  return {
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
    'history.page': (query) => history.page(query),
    'history.get': ({ id }) => history.get(id) ?? null,
    'history.copyLink': ({ id, format }) => ({ text: uploads.copyLink(id, format) }),
    'history.copy': ({ ids, format, link }) => uploads.copyLinks(ids, { format, link }),
    'history.open': async ({ id, which }) => {
      await uploads.open(id, which);
      return null;
    },
    'history.delete': ({ id, localOnly }) => uploads.delete(id, { localOnly }),
    'history.importImgur': () => importImgurAccount(),
    'history.localFile': ({ id }) => uploads.localFile(id),
    'history.openLocal': async ({ id, how }) => {
      await uploads.openLocal(id, how);
      return null;
    },
  };
}

/** `history.edit`: the editor's way in from History. */
export function editorHandlers({ editor }: { editor: Pick<EditorService, 'openRecord'> }): Pick<HandlerTable, 'history.edit'> {
  return {
    'history.edit': async ({ id }) => {
      await editor.openRecord(id);
      return null;
    },
  };
}

/** Every service some handler group of the main window uses (core/app's Core is one). */
export type HandlerServices = { info: AppInfo; settings: SettingsService; platform: CorePlatform; editor: Pick<EditorService, 'openRecord'> } & UploadHandlerServices & SxcuHandlerServices & UploaderHandlerServices & ActionHandlerServices;

/** The actions table and the hotkeys' state: run an action as its hotkey or tray item would. */
export interface ActionHandlerServices {
  actions: Pick<ActionRunner, 'run'>;
  hotkeys: Pick<HotkeyService, 'status'>;
  capture: Pick<CaptureService, 'status'>;
}

/** `actions.*`, `hotkeys.*` and `capture.*`: what the user can do, and what hotkeys and capture can do here. */
export function actionHandlers({ actions, hotkeys, capture }: ActionHandlerServices): Pick<HandlerTable, 'actions.run' | 'hotkeys.status' | 'capture.status'> {
  return {
    'capture.status': () => capture.status(),
    'actions.run': async ({ id }) => {
      await actions.run(id);
      return null;
    },
    'hotkeys.status': () => hotkeys.status(),
  };
}

/**
 * The implementation of every channel in shared/ipc/contract.ts, over the core services. It knows
 * nothing about Electron or WebSockets: main and the harness each build a dispatcher over it
 * where their transport lives. Each group is handed only the services it uses.
 */
export function createHandlers(s: HandlerServices): HandlerTable {
  return {
    ...settingsHandlers({ info: s.info, settings: s.settings, platform: s.platform }),
    ...uploadHandlers({ uploads: s.uploads, history: s.history, importImgurAccount: () => s.importImgurAccount() }),
    ...createSxcuHandlers({ settings: s.settings, customUploaders: s.customUploaders, openedSxcu: s.openedSxcu, uploads: s.uploads }),
    ...uploaderHandlers({ uploaders: s.uploaders, imgur: s.imgur, uploadContext: s.uploadContext }),
    ...actionHandlers({ actions: s.actions, hotkeys: s.hotkeys, capture: s.capture }),
    ...editorHandlers({ editor: s.editor }),
  };
}
