import { join } from 'node:path';
import type { AppInfo } from '../../shared/ipc/contract.js';
import type { SettingSection } from '../../shared/settings/fields.js';
import { ShotputError } from './errors.js';
import { CoreEvents } from './events.js';
import { HistoryService } from './history/service.js';
import { createDispatcher, type Dispatch } from './ipc/dispatch.js';
import { createHandlers, type HandlerTable } from './ipc/handlers.js';
import { silentLogger, type Logger } from './logger.js';
import { headlessPlatform, type CorePlatform } from './platform.js';
import { JobStore } from './queue/job-store.js';
import { copyAsIs, type FilePreparer } from './queue/prepare.js';
import type { UploaderLookup } from './queue/queue.js';
import type { SecretVault } from './secrets/vault.js';
import { coreSections } from './settings/schema.js';
import { SettingsService } from './settings/service.js';
import type { KeyValueStore } from './settings/store.js';
import { contextFactory } from './uploads/context.js';
import { UploadsService, type ThumbnailMaker } from './uploads/service.js';

export interface CoreDeps {
  profileDir: string;
  store: KeyValueStore;
  vault: SecretVault;
  info: AppInfo;
  logger?: Logger;
  /** Extra settings sections (tests, platform-specific options). */
  sections?: SettingSection[];
  uploaders?: UploaderLookup;
  platform?: CorePlatform;
  fetch?: typeof fetch;
  now?: () => number;
  prepare?: FilePreparer;
  makeThumbnails?: ThumbnailMaker;
}

export interface AppServices {
  info: AppInfo;
  profileDir: string;
  settings: SettingsService;
  vault: SecretVault;
  history: HistoryService;
  uploads: UploadsService;
  events: CoreEvents;
  logger: Logger;
}

export interface Core extends AppServices {
  handlers: HandlerTable;
  dispatch: Dispatch;
  /** Resumes what earlier runs left in the queue and starts uploading (the app and the harness). */
  startUploads(): Promise<void>;
  close(): Promise<void>;
}

const noUploaders: UploaderLookup = {
  get(id) {
    throw new ShotputError('unknown_uploader', `There is no uploader "${id}".`);
  },
};

/** Composes the Electron-free services. The app, the CLI and the harness each call this once. */
export async function createCore(deps: CoreDeps): Promise<Core> {
  const logger = deps.logger ?? silentLogger;
  const events = new CoreEvents();
  const now = deps.now ?? Date.now;
  const fetchFn = deps.fetch ?? fetch;
  const settings = new SettingsService({
    store: deps.store,
    vault: deps.vault,
    sections: [...coreSections(), ...(deps.sections ?? [])],
    logger,
  });
  await settings.moveSecretsOutOfStore();
  settings.onChange((keys) => events.emit('settings.changed', { keys }));

  const history = await HistoryService.open(join(deps.profileDir, 'history', 'history.jsonl'), logger);
  history.onChange(() => events.emit('history.changed', {}));
  const uploads = new UploadsService({
    profileDir: deps.profileDir,
    settings,
    uploaders: deps.uploaders ?? noUploaders,
    history,
    contextFor: contextFactory({ settings, fetch: fetchFn, now, logger }),
    platform: deps.platform ?? headlessPlatform(),
    logger,
    makeThumbnails: deps.makeThumbnails,
    queue: {
      store: new JobStore(join(deps.profileDir, 'queue')),
      prepare: deps.prepare ?? copyAsIs,
      fetch: fetchFn,
      now,
      concurrency: () => settings.getNumber('queue.concurrency'),
    },
  });
  uploads.queue.onChange((jobs) => events.emit('queue.changed', { jobs }));
  uploads.queue.onProgress((id, sent, total) => events.emit('queue.progress', { id, sent, total }));

  const services: AppServices = { info: deps.info, profileDir: deps.profileDir, settings, vault: deps.vault, history, uploads, events, logger };
  const handlers = createHandlers(services);
  let rescan: NodeJS.Timeout | undefined;
  return {
    ...services,
    handlers,
    dispatch: createDispatcher(handlers, logger),
    async startUploads() {
      await uploads.queue.resumeInterrupted();
      uploads.queue.start();
      // Picks up uploads a CLI run left behind when it was killed, while the app keeps running.
      rescan = setInterval(() => void uploads.queue.resumeInterrupted().catch((err) => logger.warn(String(err))), 30_000);
      rescan.unref();
    },
    async close() {
      if (rescan) clearInterval(rescan);
      await uploads.queue.stop();
      await history.close();
    },
  };
}
