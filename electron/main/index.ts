import { app, BrowserWindow, dialog, screen } from 'electron';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ViewName } from '../../shared/ipc/contract.js';
import { createCore, type Core } from '../core/app.js';
import { filesFromArgv } from '../core/argv.js';
import { openFilesWithShotput } from '../core/open-files.js';
import { createOverlaySession } from '../core/ipc/overlay-session.js';
import { APP_ORIGIN } from '../core/ipc/sender.js';
import { consoleLogger } from '../core/logger.js';
import { loadImageCodec } from '../core/pipeline/index.js';
import { countDown } from '../core/shots/countdown.js';
import { EDITOR_FRAME_PATH, FrameStore } from '../core/shots/frames.js';
import { screenGrabSource } from '../core/shots/screen-grab-source.js';
import { ScreenshotService, type CaptureMode } from '../core/shots/service.js';
import { trayMenu, trayToolTip } from '../core/tray-menu.js';
import type { ActionOptions } from '../core/actions.js';
import { startUiRequestServer } from '../core/ui-request.js';
import { uploadClipboard } from '../core/uploads/clipboard.js';
import { readClipboardEntries } from '../platform/clipboard.js';
import { electronPlatform } from '../platform/desktop.js';
import { electronDisplayLayouts, electronScreenGrabber, electronScreenLayout } from '../platform/screen.js';
import { openSafeStorageVault } from '../platform/secrets.js';
import { electronShortcuts } from '../platform/shortcuts.js';
import { openElectronStore } from '../platform/store.js';
import { isWaylandSession, useGlobalShortcutsPortal } from '../platform/wayland.js';
import { createTray } from '../platform/tray.js';
import { registerIpc } from './ipc.js';
import { createEditorWindows } from './editor-windows.js';
import { createOverlayWindows } from './overlay-windows.js';
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
useGlobalShortcutsPortal(app.commandLine, process.env);

if (!app.requestSingleInstanceLock({ files: launchFiles })) {
  // Another Shotput is running; it received our files through 'second-instance'.
  app.quit();
} else {
  let core: Core | undefined;
  let mainWindow: BrowserWindow | undefined;
  const platform = electronPlatform((message) => logger.warn(message));

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
    for (const o of refused) platform.notify('Not uploaded', `${o.input}: ${o.error!.message}`);
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
    electronShortcuts.unregisterAll();
    void closing.close().finally(() => app.quit());
  });

  void app.whenReady().then(async () => {
    // Settings, history, queue and thumbnails are the user's alone.
    process.umask(0o077);
    const profileDir = app.getPath('userData');
    const { vault, weak } = openSafeStorageVault(profileDir);
    if (weak) logger.warn('No system keychain is available: secrets are encrypted with a fixed key.');
    const started = await createCore({
      profileDir,
      store: openElectronStore(profileDir),
      vault,
      info: { name: 'Shotput', version: app.getVersion(), platform: process.platform, host: 'electron' },
      logger,
      platform,
      shortcuts: electronShortcuts,
      desktop: { environment: process.env.XDG_CURRENT_DESKTOP, wayland: isWaylandSession(process.env) },
      captureFolder: join(app.getPath('pictures'), 'Shotput'),
      capture: { env: process.env, electron: true, desktopCapturer: screenGrabSource(electronScreenGrabber), layouts: electronDisplayLayouts },
    });
    core = started;

    const frames = new FrameStore(APP_ORIGIN);
    // Relative: the editor page fetches its image from its own origin.
    const editorFrames = new FrameStore('', EDITOR_FRAME_PATH);
    enforceWebContentsRules((url) => url.startsWith(`${APP_ORIGIN}/`));
    serveRenderer(join(distDir, 'renderer'), started.uploads.thumbnailsDir, [frames, editorFrames]);
    const overlays = createOverlayWindows(join(distDir, 'electron/preload-overlay.cjs'), logger);
    const editors = createEditorWindows(join(distDir, 'electron/preload-editor.cjs'), logger);
    started.editor.bind(editors, editorFrames);
    registerIpc(started, (contents) => overlays.owns(contents) || editors.owns(contents));
    mainWindow = createMainWindow(join(distDir, 'electron/preload.cjs'));

    let countdownLeft: number | undefined;
    const tray = createTray(join(distDir, 'renderer/icon.png'), {
      openMain: () => showView(),
      dropFiles: (files) => void openFiles(files),
      click: (run) => {
        if ('action' in run) started.actions.trigger(run.action);
        else if ('copyLink' in run) started.uploads.copyLink(run.copyLink);
        else if ('openMain' in run) showView();
        else app.quit();
      },
    });
    const refreshTray = () =>
      tray.setMenu(
        trayMenu({
          recent: started.history.recent(10),
          thumbnailsDir: started.uploads.thumbnailsDir,
          hotkeysPaused: started.hotkeys.isPaused,
          accelerator: (key) => started.settings.getString(key),
        }),
      );
    const refreshToolTip = () => tray.setToolTip(trayToolTip(started.uploads.queue.list(), countdownLeft));
    started.history.onChange(refreshTray);
    started.settings.onChange((keys) => keys.some((k) => k.startsWith('hotkeys.')) && refreshTray());
    started.hotkeys.onStatus(refreshTray);
    started.uploads.queue.onChange(refreshToolTip);
    started.uploads.queue.onProgress(refreshToolTip);

    const shots = new ScreenshotService({
      capture: started.capture,
      layout: electronScreenLayout,
      frames,
      overlays,
      createSession: createOverlaySession,
      settings: started.settings,
      countdown: async (seconds) => {
        platform.notify('Screenshot', `Capturing in ${seconds} s`);
        await countDown(seconds, (left) => {
          countdownLeft = left > 0 ? left : undefined;
          refreshToolTip();
        }, (ms) => sleep(ms));
      },
      afterCapture: started.afterCapture,
      logger,
    });
    const capture = (mode: CaptureMode) => async (options?: ActionOptions) => void (await shots.capture(mode, options));
    started.actions.bind({
      'capture.region': capture('region'),
      'capture.screen': capture('screen'),
      'capture.monitor': capture('monitor'),
      'capture.window': capture('window'),
      'capture.lastRegion': capture('lastRegion'),
      'upload.clipboard': async () => {
        await uploadClipboard(await readClipboardEntries(), {
          afterCapture: started.afterCapture,
          addData: (name, data) => started.uploads.addData(name, data),
          addFiles: (paths) => started.uploads.addFiles(paths),
          addUrl: (url) => started.uploads.addUrl(url),
        });
      },
      'upload.file': async () => {
        const picked = await dialog.showOpenDialog({ title: 'Upload files', properties: ['openFile', 'multiSelections'] });
        await openFiles(picked.filePaths);
      },
      'editor.open': async () => {
        const picked = await dialog.showOpenDialog({
          title: 'Open image in editor',
          properties: ['openFile'],
          filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'tif', 'tiff'] }],
        });
        const [file] = picked.filePaths;
        if (file) await started.editor.editFile(file);
      },
      'history.open': () => showView('history'),
      'settings.open': () => showView('settings'),
      'hotkeys.pause': () => started.hotkeys.setPaused(!started.hotkeys.isPaused),
    });
    started.hotkeys.apply();
    refreshTray();
    const keepOverlaysReady = () =>
      overlays.keepReady(started.settings.getBoolean('capture.keepOverlayReady') ? electronScreenLayout.displays().map((d) => d.bounds) : []);
    screen.on('display-added', keepOverlaysReady);
    screen.on('display-removed', keepOverlaysReady);
    screen.on('display-metrics-changed', keepOverlaysReady);
    started.settings.onChange((keys) => keys.includes('capture.keepOverlayReady') && keepOverlaysReady());
    // `shotput capture` with no area flag (a desktop shortcut on Wayland) asks this app to open the overlay.
    const uiRequests = await startUiRequestServer({
      profileDir,
      handle: async (request) => {
        if (!started.actions.available(request.action)) throw new Error(`${request.action} is not available`);
        // Answer once the capture has started; its outcome (link, or error) shows as it does for a hotkey.
        started.actions.trigger(request.action, { delaySeconds: request.delaySeconds });
      },
    }).catch((err: unknown) => {
      logger.warn(`\`shotput capture\` cannot reach this app: ${String(err)}`);
      return undefined;
    });
    app.on('will-quit', () => void uiRequests?.close());
    await started.startUploads();
    await openFiles([...launchFiles, ...earlyOpened]);
    keepOverlaysReady();
    // Off the start-up path, before the first hotkey: the first capture then pays no encoder load.
    setTimeout(() => {
      try {
        loadImageCodec();
      } catch (err) {
        logger.warn(`The image encoder (sharp) could not be loaded: ${String(err)}. Captures and uploads that need it will say so.`);
      }
    }, 1000).unref();
  });
}
