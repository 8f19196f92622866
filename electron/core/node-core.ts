import { join } from 'node:path';
import { createCore, type Core, type CoreDeps } from './app.js';
import type { Logger } from './logger.js';
import { FileSecretVault } from './secrets/file-vault.js';
import { openConfStore } from './settings/conf-store.js';
import { SHOTPUT_VERSION } from './version.js';

/** The core outside Electron (CLI, harness): conf for settings, an owner-only file for secrets. */
export function openNodeCore(options: { profileDir: string; host: 'harness' | 'cli'; logger?: Logger; prepare?: CoreDeps['prepare']; deferThumbnails?: boolean; platform?: CoreDeps['platform'] }): Promise<Core> {
  return createCore({
    profileDir: options.profileDir,
    store: openConfStore(options.profileDir),
    vault: new FileSecretVault(join(options.profileDir, 'secrets.json')),
    info: {
      name: 'Shotput',
      version: SHOTPUT_VERSION,
      platform: process.platform,
      host: options.host,
    },
    logger: options.logger,
    prepare: options.prepare,
    capture: { env: process.env, electron: false },
    deferThumbnails: options.deferThumbnails,
    platform: options.platform,
  });
}
