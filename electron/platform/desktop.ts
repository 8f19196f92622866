import { Notification, nativeImage, shell } from 'electron';
import type { CorePlatform } from '../core/platform.js';
import { writeClipboardPng, writeClipboardText } from './clipboard.js';

/** The desktop services the core uses, from Electron. `onError` hears what could not be done. */
export function electronPlatform(onError: (message: string) => void): CorePlatform {
  return {
    writeClipboard: (text) => void writeClipboardText(text).catch((err: unknown) => onError(`Could not copy to the clipboard: ${String(err)}`)),
    writeClipboardImage: (png) => void writeClipboardPng(png).catch((err: unknown) => onError(`Could not copy the image: ${String(err)}`)),
    // The last gate before the OS opens a link: only web addresses, whoever asks.
    openExternal: (url) => (/^https?:\/\//i.test(url) ? shell.openExternal(url) : Promise.reject(new Error(`Refusing to open ${url}: only http(s) links are opened.`))),
    openPath: async (path) => {
      // Electron resolves to an error message ('' when the file was opened) instead of rejecting.
      const failure = await shell.openPath(path);
      if (failure) throw new Error(failure);
    },
    showItemInFolder: (path) => shell.showItemInFolder(path),
    notify: (title, body, options) => {
      if (!Notification.isSupported()) return;
      const icon = options?.image ? nativeImage.createFromBuffer(options.image).resize({ width: 256 }) : undefined;
      const notification = new Notification({ title, body, silent: true, icon });
      if (options?.onClick) notification.on('click', options.onClick);
      notification.show();
    },
  };
}
