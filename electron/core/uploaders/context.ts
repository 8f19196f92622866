import type { Logger } from '../logger.js';
import type { SettingsService } from '../settings/service.js';
import { uploaderConfig } from './config.js';
import type { RateLimitTracker } from './rate-limits.js';
import type { UploadContext } from './types.js';

export interface UploadContextDeps {
  settings: SettingsService;
  fetch: typeof fetch;
  now(): number;
  logger: Logger;
  rateLimits: RateLimitTracker;
}

/**
 * The context one uploader call runs in. The queue passes its job's signal and progress
 * callback; a "Test connection" or an album call passes neither.
 */
export function createUploadContext(
  deps: UploadContextDeps,
  id: string,
  options: { signal?: AbortSignal; onProgress?(sent: number, total: number): void } = {},
): UploadContext {
  return {
    fetch: deps.fetch,
    signal: options.signal ?? new AbortController().signal,
    onProgress: options.onProgress ?? (() => {}),
    config: uploaderConfig(deps.settings, id),
    now: deps.now,
    logger: deps.logger,
    reportRateLimit: (state) => deps.rateLimits.report(state),
  };
}
