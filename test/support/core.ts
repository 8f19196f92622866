import { join } from 'node:path';
import { createCore, type Core, type CoreDeps } from '../../electron/core/app.js';
import { FileSecretVault } from '../../electron/core/secrets/file-vault.js';
import { openConfStore } from '../../electron/core/settings/conf-store.js';

/** The real core on a real profile folder, as the CLI and the harness open it. */
export function openTestCore(profileDir: string, extra: Partial<CoreDeps> = {}): Promise<Core> {
  return createCore({
    profileDir,
    store: openConfStore(profileDir),
    vault: new FileSecretVault(join(profileDir, 'secrets.json')),
    info: { name: 'Shotput', version: '0.0.0-test', platform: process.platform, host: 'harness' },
    ...extra,
  });
}
