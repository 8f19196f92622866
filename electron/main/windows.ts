import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ORIGIN } from '../core/ipc/sender.js';

/** The only webPreferences a Shotput window is ever created with. */
export function secureWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // A middle click must not open a link in a new window (Electronegativity AUXCLICK).
    disableBlinkFeatures: 'Auxclick',
  };
}

/** The main window, created hidden: the app lives in the tray until the user opens it. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1040,
    height: 720,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Shotput',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#f6f7f9',
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.removeMenu();
  // Closing the window hides it; Quit from the tray ends the app.
  window.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      window.hide();
    }
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

let quitting = false;
export function markQuitting(): void {
  quitting = true;
}
