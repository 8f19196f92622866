import { clipboard, Notification, shell } from 'electron';
import type { CorePlatform } from '../core/platform.js';

/** The desktop services the core uses, from Electron. */
export const electronPlatform: CorePlatform = {
  writeClipboard: (text) => clipboard.writeText(text),
  openExternal: (url) => shell.openExternal(url),
  notify: (title, body) => {
    if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
  },
};
