import { join } from 'node:path';
import { createCore, type Core, type CoreDeps } from '../../electron/core/app.js';
import { FileSecretVault } from '../../electron/core/secrets/file-vault.js';
import { openConfStore } from '../../electron/core/settings/conf-store.js';
import { createDispatcher, type Dispatch } from '../../electron/core/ipc/dispatch.js';
import { createHandlers, type HandlerTable } from '../../electron/core/ipc/handlers.js';

/** The core with the main window's IPC over it, as the harness assembles it (no transport in between). */
export interface TestCore extends Core {
  handlers: HandlerTable;
  dispatch: Dispatch;
}

/** The real core on a real profile folder, as the CLI and the harness open it. */
export async function openTestCore(profileDir: string, extra: Partial<CoreDeps> = {}): Promise<TestCore> {
  const core = await createCore({
    profileDir,
    store: openConfStore(profileDir),
    vault: new FileSecretVault(join(profileDir, 'secrets.json')),
    info: { name: 'Shotput', version: '0.0.0-test', platform: process.platform, host: 'harness' },
    ...extra,
  });
  const handlers = createHandlers(core);
  return Object.assign(core, { handlers, dispatch: createDispatcher(handlers, core.logger) });
}
