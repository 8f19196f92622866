import type { AppInfo } from '../../shared/ipc/contract.js';
import type { SettingSection } from '../../shared/settings/fields.js';
import { CoreEvents } from './events.js';
import { createDispatcher, type Dispatch } from './ipc/dispatch.js';
import { createHandlers, type HandlerTable } from './ipc/handlers.js';
import { silentLogger, type Logger } from './logger.js';
import type { SecretVault } from './secrets/vault.js';
import { coreSections, generalSection } from './settings/schema.js';
import { SettingsService } from './settings/service.js';
import type { KeyValueStore } from './settings/store.js';
import { builtInUploaders } from './uploaders/built-in.js';
import { followRegistry, uploaderSection } from './uploaders/config.js';
import { createUploadContext } from './uploaders/context.js';
import { RateLimitTracker } from './uploaders/rate-limits.js';
import { UploaderRegistry } from './uploaders/registry.js';
import type { UploadContext } from './uploaders/types.js';

export interface CoreDeps {
  profileDir: string;
  store: KeyValueStore;
  vault: SecretVault;
  info: AppInfo;
  logger?: Logger;
  /** Extra settings sections (tests, platform-specific options). */
  sections?: SettingSection[];
  /** How uploaders reach the network; Node's global fetch unless given. */
  fetch?: typeof fetch;
  /** Epoch milliseconds; Date.now unless given. */
  now?: () => number;
}

export interface AppServices {
  info: AppInfo;
  profileDir: string;
  settings: SettingsService;
  vault: SecretVault;
  events: CoreEvents;
  logger: Logger;
  /** Every uploader by id; `.sxcu` imports register `custom:<name>` here. */
  uploaders: UploaderRegistry;
  /** The last rate-limit budget each service announced ("uploads left"). */
  rateLimits: RateLimitTracker;
  fetch: typeof fetch;
  now(): number;
  /** The context one call of uploader `id` runs in: its settings, fetch, the job's signal and progress. */
  uploadContext(id: string, options?: { signal?: AbortSignal; onProgress?(sent: number, total: number): void }): UploadContext;
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
  const uploaders = new UploaderRegistry(builtInUploaders());
  const settings = new SettingsService({
    store: deps.store,
    vault: deps.vault,
    sections: [...coreSections(uploaders.choices()), ...uploaders.list().map((u) => uploaderSection(u.descriptor)), ...(deps.sections ?? [])],
    logger,
  });
  await settings.moveSecretsOutOfStore();
  settings.onChange((keys) => events.emit('settings.changed', { keys }));
  followRegistry(settings, uploaders, generalSection);

  const rateLimits = new RateLimitTracker();
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const now = deps.now ?? Date.now;
  const services: AppServices = {
    info: deps.info,
    profileDir: deps.profileDir,
    settings,
    vault: deps.vault,
    events,
    logger,
    uploaders,
    rateLimits,
    fetch: fetchImpl,
    now,
    uploadContext: (id, options) => createUploadContext({ settings, fetch: fetchImpl, now, logger, rateLimits }, id, options),
  };
  const handlers = createHandlers(services);
  return {
    ...services,
    handlers,
    dispatch: createDispatcher(handlers, logger),
    async close() {},
  };
}
