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
  /** Opens a local file in the application the desktop chose for it; absent without a desktop. */
  openPath?(path: string): Promise<void>;
  /** Shows a local file selected in the file manager; absent without a desktop. */
  showItemInFolder?(path: string): void;
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

/**
 * The harness's desktop: what the app would open or show is written as one line each
 * (`Desktop: open file PATH`, `Desktop: show in folder PATH`), so a test can assert the path.
 */
export function recordingPlatform(write: (line: string) => void): CorePlatform {
  return {
    ...headlessPlatform(),
    openPath: async (path) => write(`Desktop: open file ${path}`),
    showItemInFolder: (path) => write(`Desktop: show in folder ${path}`),
  };
}
