import { BrowserWindow, nativeTheme, type WebContents } from 'electron';
import { EDITOR_CHANNELS } from '../../shared/ipc/editor-channels.js';
import type { EditorPresenter } from '../core/editor/service.js';
import type { EditorSession } from '../core/editor/session.js';
import { APP_ORIGIN } from '../core/ipc/sender.js';
import type { Logger } from '../core/logger.js';
import { routeWindowChannels } from './window-channels.js';
import { secureWebPreferences } from './windows.js';

export interface EditorWindows extends EditorPresenter {
  /** Whether these web contents are an editor (they may call the editor channels and nothing else). */
  owns(contents: WebContents): boolean;
}

/** One ordinary, resizable window per open edit, talking to its own editor session over the editor channels. */
export function createEditorWindows(preloadPath: string, logger: Logger): EditorWindows {
  const open = new Map<number, EditorSession>();

  routeWindowChannels(
    EDITOR_CHANNELS,
    (contents) => open.get(contents.id),
    { log: 'a window that is not an open editor', message: 'Only an open editor window may use this channel.' },
    logger,
  );

  return {
    owns: (contents) => open.has(contents.id),
    open(session, title) {
      const window = new BrowserWindow({
        width: 1200,
        height: 800,
        minWidth: 640,
        minHeight: 480,
        show: false,
        title: `${title} — Shotput editor`,
        backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#f6f7f9',
        webPreferences: secureWebPreferences(preloadPath),
      });
      window.removeMenu();
      const id = window.webContents.id;
      open.set(id, session);
      // Closed by the window manager: the edit is discarded, and whatever waited on it goes on.
      window.on('closed', () => {
        open.delete(id);
        session.close();
      });
      window.once('ready-to-show', () => {
        window.show();
        window.focus();
      });
      void window.loadURL(`${APP_ORIGIN}/editor.html`);
      return {
        close: () => {
          if (!window.isDestroyed()) window.destroy();
        },
      };
    },
  };
}
