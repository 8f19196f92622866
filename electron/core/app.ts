import type { AppInfo } from '../../shared/ipc/contract.js';
import type { SettingSection } from '../../shared/settings/fields.js';
import { CoreEvents } from './events.js';
import { createDispatcher, type Dispatch } from './ipc/dispatch.js';
import { createHandlers, type HandlerTable } from './ipc/handlers.js';
import { silentLogger, type Logger } from './logger.js';
import type { SecretVault } from './secrets/vault.js';
import { coreSections } from './settings/schema.js';
import { SettingsService } from './settings/service.js';
import type { KeyValueStore } from './settings/store.js';

export interface CoreDeps {
  profileDir: string;
  store: KeyValueStore;
  vault: SecretVault;
  info: AppInfo;
  logger?: Logger;
  /** Extra settings sections (tests, platform-specific options). */
  sections?: SettingSection[];
}

export interface AppServices {
  info: AppInfo;
  profileDir: string;
  settings: SettingsService;
  vault: SecretVault;
  events: CoreEvents;
  logger: Logger;
}

export interface Core extends AppServices {
  handlers: HandlerTable;
  dispatch: Dispatch;
  close(): Promise<void>;
}

/** Composes the Electron-free services. The app, the CLI and the harness each call this once. */
export async function createCore(deps: CoreDeps): Promise<Core> {
  const logger = deps.logger ?? silentLogger;
  const events = new CoreEvents();
  const settings = new SettingsService({
    store: deps.store,
    vault: deps.vault,
    sections: [...coreSections(), ...(deps.sections ?? [])],
    logger,
  });
  await settings.moveSecretsOutOfStore();
  settings.onChange((keys) => events.emit('settings.changed', { keys }));

  const services: AppServices = { info: deps.info, profileDir: deps.profileDir, settings, vault: deps.vault, events, logger };
  const handlers = createHandlers(services);
  return {
    ...services,
    handlers,
    dispatch: createDispatcher(handlers, logger),
    async close() {},
  };
}
