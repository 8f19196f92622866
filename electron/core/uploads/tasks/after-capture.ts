import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { QueueJob } from '../../../../shared/uploads.js';
import { ShotputError, toUserError } from '../../errors.js';
import { encodeImage, type RawPixels } from '../../pipeline/index.js';
import type { Logger } from '../../logger.js';
import type { CorePlatform } from '../../platform.js';
import type { SettingsService } from '../../settings/service.js';
import type { UploadsService } from '../service.js';
import { expandFileNamePattern } from './file-name-pattern.js';

/**
 * A new image that is not a file yet: a screenshot as raw pixels (encoded at most once, here or
 * by the queue for the host), or an image taken from the clipboard, already PNG.
 */
export type CapturedImage = {
  width: number;
  height: number;
  /** The captured window's title and application, for the file name pattern. */
  windowTitle?: string;
  app?: string;
} & ({ pixels: RawPixels; png?: undefined } | { png: Buffer; pixels?: undefined });

/** How a capture reaches the upload queue: its pixels (the queue encodes them for the host), the file just saved, or PNG bytes. */
export type CaptureUpload = { pixels: RawPixels } | { path: string } | { png: Buffer };

export interface AfterCaptureDeps {
  settings: Pick<SettingsService, 'getBoolean' | 'getString' | 'getNumber' | 'set'>;
  platform: CorePlatform;
  logger: Logger;
  now(): number;
  upload(name: string, source: CaptureUpload): Promise<QueueJob>;
  /** Encodes a capture's pixels as PNG (the pipeline's encoder unless a test counts the calls); `maxSide` for a thumbnail. */
  encodePng?(pixels: RawPixels, maxSide?: number): Promise<Buffer>;
  /**
   * The "open in editor" task: answers the edited image (Enter), which the tasks after it use,
   * or null when the user discarded the edit (Esc), which cancels them.
   */
  openEditor?(image: CapturedImage): Promise<CapturedImage | null>;
}

export type AfterCaptureTask = 'copyImage' | 'save' | 'upload' | 'openEditor' | 'notify';

export interface AfterCaptureReport {
  ran: AfterCaptureTask[];
  savedTo?: string;
  job?: QueueJob;
  /** The user discarded the edit: the tasks after the editor did not run. */
  cancelled?: boolean;
  /** Tasks that failed, each with a message saying what to do; the others still ran. */
  failed: Array<{ task: AfterCaptureTask; message: string }>;
}

/**
 * The after-capture task list, in the order Settings shows it: open it in the editor, copy the
 * image, save it with the file name pattern, upload it, notify with a thumbnail. A failing task is
 * reported and the rest still run, so a full disk never loses the upload (nor the reverse).
 */
export async function runAfterCapture(captured: CapturedImage, deps: AfterCaptureDeps): Promise<AfterCaptureReport> {
  const { settings, platform } = deps;
  const report: AfterCaptureReport = { ran: [], failed: [] };
  const attempt = async (task: AfterCaptureTask, run: () => Promise<void> | void) => {
    try {
      await run();
      report.ran.push(task);
    } catch (err) {
      const message = toUserError(err).message;
      report.failed.push({ task, message });
      deps.logger.warn(`After capture, ${task} failed: ${message}`);
    }
  };
  let image = captured;
  if (settings.getBoolean('afterCapture.openEditor') && deps.openEditor) {
    let edited: CapturedImage | null = image;
    // An editor that cannot open is reported; the capture still goes on unedited.
    await attempt('openEditor', async () => void (edited = await deps.openEditor!(image)));
    if (edited === null) return { ...report, cancelled: true };
    image = edited;
  }
  const encodePng = deps.encodePng ?? encodeCapturePng;
  // The full-size PNG, made the first time a task needs it and shared by the tasks after.
  let png: Promise<Buffer> | undefined = image.png && Promise.resolve(image.png);
  const fullPng = () => (png ??= encodePng(image.pixels!));
  const date = new Date(deps.now());
  const counter = settings.getNumber('afterCapture.counter') + 1;
  const baseName = expandFileNamePattern(settings.getString('afterCapture.fileNamePattern'), {
    date,
    counter,
    windowTitle: image.windowTitle,
    processName: image.app,
    width: image.width,
    height: image.height,
  });

  if (settings.getBoolean('afterCapture.copyImage')) {
    await attempt('copyImage', async () => {
      if (!platform.writeClipboardImage) throw new ShotputError('no_clipboard', 'There is no clipboard for images here; the image is only saved or uploaded.');
      platform.writeClipboardImage(await fullPng());
    });
  }
  if (settings.getBoolean('afterCapture.save')) {
    await attempt('save', async () => {
      report.savedTo = await saveUnderFreeName(settings.getString('afterCapture.folder'), baseName, await fullPng());
      await settings.set('afterCapture.counter', counter);
    });
  }
  if (settings.getBoolean('afterCapture.upload')) {
    await attempt('upload', async () => {
      // The saved file goes as it is (one encode for both); otherwise the queue encodes the pixels once, for the host.
      const source: CaptureUpload = report.savedTo ? { path: report.savedTo } : image.pixels ? { pixels: image.pixels } : { png: await fullPng() };
      report.job = await deps.upload(`${baseName}.png`, source);
    });
  }
  if (settings.getBoolean('afterCapture.notify')) {
    await attempt('notify', async () => {
      const where = report.savedTo ? `Saved to ${report.savedTo}` : report.job ? 'Uploading…' : 'Captured';
      // A thumbnail is enough for a notification: no full encode just for it.
      const thumbnail = png ? await png : await encodePng(image.pixels!, NOTIFICATION_THUMBNAIL_SIDE);
      platform.notify(`Screenshot ${image.width}×${image.height}`, where, { image: thumbnail });
    });
  }
  for (const failure of report.failed) platform.notify(`Could not ${TASK_VERBS[failure.task]}`, failure.message);
  return report;
}

/** Writes `png` as `<name>.png` in `folder`, or `<name> (2).png`… when taken; never overwrites. Answers the path. */
export async function saveUnderFreeName(folder: string, name: string, png: Buffer): Promise<string> {
  if (!isAbsolute(folder)) throw new ShotputError('bad_folder', `The folder for saved captures must be a full path; got "${folder}". Change it in Settings › After capture.`);
  await mkdir(folder, { recursive: true });
  for (let n = 1; n < 1000; n++) {
    const path = join(folder, n === 1 ? `${name}.png` : `${name} (${n}).png`);
    try {
      await writeFile(path, png, { flag: 'wx' });
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new ShotputError('name_taken', `Every name like ${name}.png is taken in ${folder}; change the file name pattern.`);
}

/** The upload task's way into the queue. */
export async function uploadCapture(uploads: Pick<UploadsService, 'addImage' | 'addFiles' | 'addData'>, name: string, source: CaptureUpload): Promise<QueueJob> {
  if ('pixels' in source) return uploads.addImage(name, source.pixels);
  if ('png' in source) return uploads.addData(name, source.png);
  const [outcome] = await uploads.addFiles([source.path]);
  if (!outcome?.job) throw new ShotputError(outcome?.error?.code ?? 'not_queued', outcome?.error?.message ?? `${source.path} was not queued.`);
  return outcome.job;
}

const NOTIFICATION_THUMBNAIL_SIDE = 256;

/** A capture as PNG, exactly as captured (no pipeline size limits): what is copied, saved, and uploaded when saved. */
export async function encodeCapturePng(pixels: RawPixels, maxSide = 0): Promise<Buffer> {
  const encoded = await encodeImage({ kind: 'raw', ...pixels, name: 'the screenshot' }, { format: 'png', maxWidth: maxSide, maxHeight: maxSide });
  return encoded.data;
}

const TASK_VERBS: Record<AfterCaptureTask, string> = {
  copyImage: 'copy the image',
  save: 'save the capture',
  upload: 'upload the capture',
  openEditor: 'open the editor',
  notify: 'show the notification',
};
