import { clipboard, Notification, shell } from 'electron';
import type { CorePlatform } from '../core/platform.js';

/** The desktop services the core uses, from Electron. */
export const electronPlatform: CorePlatform = {
  writeClipboard: (text) => clipboard.writeText(text),
  // The last gate before the OS opens a link: only web addresses, whoever asks.
  openExternal: (url) => (/^https?:\/\//i.test(url) ? shell.openExternal(url) : Promise.reject(new Error(`Refusing to open ${url}: only http(s) links are opened.`))),
  notify: (title, body) => {
    if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
  },
};
