import { app, BrowserWindow, dialog } from 'electron';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { ViewName } from '../../shared/ipc/contract.js';
import { createCore, type Core } from '../core/app.js';
import { filesFromArgv } from '../core/argv.js';
import { openFilesWithShotput } from '../core/open-files.js';
import { APP_ORIGIN } from '../core/ipc/sender.js';
import { consoleLogger } from '../core/logger.js';
import { electronPlatform } from '../platform/desktop.js';
import { openSafeStorageVault } from '../platform/secrets.js';
import { openElectronStore } from '../platform/store.js';
import { createTray } from '../platform/tray.js';
import { registerIpc } from './ipc.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { enforceWebContentsRules } from './security.js';
import { createMainWindow, markQuitting } from './windows.js';

const here = dirname(fileURLToPath(import.meta.url));
const distDir = join(here, '..');
const logger = consoleLogger();

// `electron .` in development passes the app folder as the first argument; a packaged app does not.
const argvSkip = app.isPackaged ? 1 : 2;
const launchFiles = filesFromArgv(process.argv, process.cwd(), argvSkip);

if (process.env.SHOTPUT_HOME) app.setPath('userData', process.env.SHOTPUT_HOME);
registerAppScheme();

if (!app.requestSingleInstanceLock({ files: launchFiles })) {
  // Another Shotput is running; it received our files through 'second-instance'.
  app.quit();
} else {
  let core: Core | undefined;
  let mainWindow: BrowserWindow | undefined;

  const showView = (view?: ViewName) => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (view) core?.events.emit('app.navigate', { view });
    mainWindow.show();
    mainWindow.focus();
  };

  const openFiles = async (files: string[]) => {
    if (files.length === 0 || !core) return;
    const opened = await openFilesWithShotput(core, files);
    const refused = opened.uploads.filter((o) => o.error);
    for (const o of refused) electronPlatform.notify('Not uploaded', `${o.input}: ${o.error!.message}`);
    // A .sxcu file is imported only once the user confirms it in the window.
    if (opened.sxcu > 0) showView('settings');
    else if (refused.length > 0) showView('queue');
  };

  // macOS hands files opened with the app (a double-clicked .sxcu) to this event, not to argv.
  const earlyOpened: string[] = [];
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (core) void openFiles([path]);
    else earlyOpened.push(path);
  });

  app.on('second-instance', (_event, argv, cwd, data) => {
    const forwarded = (data as { files?: unknown } | undefined)?.files;
    const files = Array.isArray(forwarded) ? forwarded.filter((f): f is string => typeof f === 'string') : filesFromArgv(argv, cwd, argvSkip);
    if (files.length > 0) void openFiles(files);
    else showView();
  });

  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => {});
  app.on('before-quit', (event) => {
    markQuitting();
    if (!core) return;
    // Running uploads stop and stay queued on disk; the next start resumes them.
    event.preventDefault();
    const closing = core;
    core = undefined;
    void closing.close().finally(() => app.quit());
  });

  void app.whenReady().then(async () => {
    // Settings, history, queue and thumbnails are the user's alone.
    process.umask(0o077);
    const profileDir = app.getPath('userData');
    const { vault, weak } = openSafeStorageVault(profileDir);
    if (weak) logger.warn('No system keychain is available: secrets are encrypted with a fixed key.');
    core = await createCore({
      profileDir,
      store: openElectronStore(profileDir),
      vault,
      info: { name: 'Shotput', version: app.getVersion(), platform: process.platform, host: 'electron' },
      logger,
      platform: electronPlatform,
    });

    enforceWebContentsRules((url) => url.startsWith(`${APP_ORIGIN}/`));
    serveRenderer(join(distDir, 'renderer'), core.uploads.thumbnailsDir);
    registerIpc(core);

    mainWindow = createMainWindow(join(distDir, 'electron/preload.cjs'));
    const started = core;
    const tray = createTray(join(distDir, 'renderer/icon.png'), {
      openMain: () => showView(),
      openSettings: () => showView('settings'),
      uploadFiles: () => {
        void dialog.showOpenDialog({ title: 'Upload files', properties: ['openFile', 'multiSelections'] }).then((r) => openFiles(r.filePaths));
      },
      dropFiles: (files) => void openFiles(files),
      quit: () => app.quit(),
    });
    const showRecent = () =>
      tray.setRecent(
        started.history.recent(5).map((record) => ({ label: record.fileName, copy: () => void started.uploads.copyLink(record.id) })),
      );
    started.history.onChange(showRecent);
    showRecent();
    await started.startUploads();
    await openFiles([...launchFiles, ...earlyOpened]);
  });
}
