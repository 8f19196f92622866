import type { CliCommand } from '../context.js';

/**
 * Every `shotput` command, in the order `--help` lists them, each loaded only when run: a quick
 * `shotput history` does not pay for the image pipeline, the uploaders or the queue.
 */
const loaders: Record<string, () => Promise<CliCommand>> = {
  upload: () => import('./upload.js').then((m) => m.uploadCommand),
  capture: () => import('./capture.js').then((m) => m.captureCommand),
  process: () => import('./process.js').then((m) => m.processCommand),
  history: () => import('./history.js').then((m) => m.historyCommand),
  delete: () => import('./delete.js').then((m) => m.deleteCommand),
  queue: () => import('./queue.js').then((m) => m.queueCommand),
  config: () => import('./config.js').then((m) => m.configCommand),
  imgur: () => import('./imgur.js').then((m) => m.imgurCommand),
  uploader: () => import('./uploader.js').then((m) => m.uploaderCommand),
  'import-sxcu': () => import('./sxcu.js').then((m) => m.importSxcuCommand),
  'export-sxcu': () => import('./sxcu.js').then((m) => m.exportSxcuCommand),
  'custom-uploaders': () => import('./sxcu.js').then((m) => m.customUploadersCommand),
  thumbnails: () => import('./thumbnails.js').then((m) => m.thumbnailsCommand),
};

export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  return Object.hasOwn(loaders, name) ? loaders[name]!() : undefined;
}

/** Every command (for `--help`). */
export async function loadCommands(): Promise<CliCommand[]> {
  return Promise.all(Object.values(loaders).map((load) => load()));
}
