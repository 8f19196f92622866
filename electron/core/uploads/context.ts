import type { Logger } from '../logger.js';
import type { ContextFactory } from '../queue/queue.js';
import type { SettingsService } from '../settings/service.js';
import type { RateLimitState, UploaderConfig } from '../uploaders/types.js';

/** An uploader's own settings: `field` means `uploaders.<id>.<field>`. */
export function uploaderConfig(settings: SettingsService, uploaderId: string): UploaderConfig {
  const key = (field: string) => `uploaders.${uploaderId}.${field}`;
  return {
    get: (field) => settings.get(key(field)),
    getSecret: (field) => settings.getSecret(key(field)),
    setSecret: async (field, value) => {
      if (value === undefined || value === '') await settings.reset(key(field));
      else await settings.set(key(field), value);
    },
  };
}

/** The context every uploader call gets, built the same way for uploads, deletes and albums. */
export function contextFactory(deps: {
  settings: SettingsService;
  fetch: typeof fetch;
  now(): number;
  logger: Logger;
  reportRateLimit?(state: RateLimitState): void;
}): ContextFactory {
  return (uploader, signal, onProgress) => ({
    fetch: deps.fetch,
    signal,
    onProgress: onProgress ?? (() => {}),
    config: uploaderConfig(deps.settings, uploader.descriptor.id),
    now: deps.now,
    logger: deps.logger,
    reportRateLimit: deps.reportRateLimit,
  });
}
