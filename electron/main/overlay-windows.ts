import { BrowserWindow, type WebContents } from 'electron';
import { overlayChannelNames } from '../../shared/ipc/overlay-channels.js';
import type { OverlaySession } from '../core/ipc/overlay-session.js';
import { APP_ORIGIN } from '../core/ipc/sender.js';
import type { Logger } from '../core/logger.js';
import type { OverlayPresenter, OverlayView } from '../core/shots/service.js';
import { routeWindowChannels } from './window-channels.js';
import { secureWebPreferences } from './windows.js';

export interface OverlayWindows extends OverlayPresenter<OverlaySession> {
  /** Whether these web contents are an overlay (they may call the overlay channels and nothing else). */
  owns(contents: WebContents): boolean;
}

/**
 * One borderless, always-on-top, opaque window per display, covering exactly that display (DIP
 * bounds), each talking to its own overlay session over the overlay channels.
 */
export function createOverlayWindows(preloadPath: string, logger: Logger): OverlayWindows {
  const open = new Map<number, { window: BrowserWindow; session: OverlaySession }>();

  routeWindowChannels(
    overlayChannelNames,
    (contents) => open.get(contents.id)?.session,
    { log: 'a window that is not an open overlay', message: 'Only an open region overlay may use this channel.' },
    logger,
  );

  const openOne = (view: OverlayView<OverlaySession>) => {
    const { x, y, width, height } = view.bounds;
    const window = new BrowserWindow({
      x,
      y,
      width,
      height,
      frame: false,
      transparent: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      hasShadow: false,
      enableLargerThanScreen: true,
      show: false,
      backgroundColor: '#000000',
      title: 'Shotput region',
      webPreferences: secureWebPreferences(preloadPath),
    });
    window.setAlwaysOnTop(true, 'screen-saver');
    window.setBounds(view.bounds);
    const id = window.webContents.id;
    open.set(id, { window, session: view.session });
    // Closed by the window manager (Alt+F4): the capture is cancelled, not left hanging.
    window.on('closed', () => {
      open.delete(id);
      view.session.close();
    });
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    void window.loadURL(`${APP_ORIGIN}/overlay.html`);
  };

  return {
    owns: (contents) => open.has(contents.id),
    open: (views) => views.forEach(openOne),
    close: () => {
      for (const { window } of [...open.values()]) if (!window.isDestroyed()) window.destroy();
      open.clear();
    },
  };
}
