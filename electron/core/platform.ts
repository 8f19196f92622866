/**
 * What the core asks of the desktop. The app passes Electron adapters (electron/platform); the
 * CLI and the harness pass the Node versions below.
 */
export interface CorePlatform {
  writeClipboard(text: string): void;
  /** Opens an https link in the user's browser. */
  openExternal(url: string): Promise<void>;
  notify(title: string, body: string, options?: NotifyOptions): void;
  /** Puts a PNG image on the clipboard; absent where there is no desktop clipboard. */
  writeClipboardImage?(png: Buffer): void;
}

export interface NotifyOptions {
  /** A PNG shown as the notification's thumbnail where the desktop shows one. */
  image?: Buffer;
  /** Runs when the user clicks the notification. */
  onClick?(): void;
}

/** No desktop: the CLI prints links itself; the harness records what would have happened. */
export function headlessPlatform(record?: { clipboard: string[]; opened: string[]; notes: string[] }): CorePlatform {
  return {
    writeClipboard: (text) => void record?.clipboard.push(text),
    openExternal: async (url) => void record?.opened.push(url),
    notify: (title, body) => void record?.notes.push(`${title}: ${body}`),
  };
}
