import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { QueueJob } from '../../../../shared/uploads.js';
import { ShotputError, toUserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { CorePlatform } from '../../platform.js';
import type { SettingsService } from '../../settings/service.js';
import { expandFileNamePattern } from './file-name-pattern.js';

/** A new image that is not a file yet: a screenshot, or an image taken from the clipboard. */
export interface CapturedImage {
  png: Buffer;
  width: number;
  height: number;
  /** The captured window's title and application, for the file name pattern. */
  windowTitle?: string;
  app?: string;
}

export interface AfterCaptureDeps {
  settings: Pick<SettingsService, 'getBoolean' | 'getString' | 'getNumber' | 'set'>;
  platform: CorePlatform;
  logger: Logger;
  now(): number;
  /** `savedTo`: where the save task wrote the same image, so history can open it. */
  upload(name: string, png: Buffer, savedTo?: string): Promise<QueueJob>;
  /**
   * PLACEHOLDER until the editor exists: the "open in editor" task calls this and nothing more.
   * When the editor lands, it returns the edited image and the tasks after it use that.
   */
  openEditor?(image: CapturedImage): Promise<CapturedImage>;
}

export type AfterCaptureTask = 'copyImage' | 'save' | 'upload' | 'openEditor' | 'notify';

export interface AfterCaptureReport {
  ran: AfterCaptureTask[];
  savedTo?: string;
  job?: QueueJob;
  /** Tasks that failed, each with a message saying what to do; the others still ran. */
  failed: Array<{ task: AfterCaptureTask; message: string }>;
}

/**
 * The after-capture task list, in the order Settings shows it: copy the image, save it with the
 * file name pattern, upload it, open it in the editor, notify with a thumbnail. A failing task is
 * reported and the rest still run, so a full disk never loses the upload (nor the reverse).
 */
export async function runAfterCapture(image: CapturedImage, deps: AfterCaptureDeps): Promise<AfterCaptureReport> {
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
    await attempt('copyImage', () => {
      if (!platform.writeClipboardImage) throw new ShotputError('no_clipboard', 'There is no clipboard for images here; the image is only saved or uploaded.');
      platform.writeClipboardImage(image.png);
    });
  }
  if (settings.getBoolean('afterCapture.save')) {
    await attempt('save', async () => {
      report.savedTo = await saveUnderFreeName(settings.getString('afterCapture.folder'), baseName);
      await settings.set('afterCapture.counter', counter);
    });
  }
  if (settings.getBoolean('afterCapture.upload')) {
    await attempt('upload', async () => {
      report.job = await deps.upload(`${baseName}.png`, image.png, report.savedTo);
    });
  }
  if (settings.getBoolean('afterCapture.openEditor') && deps.openEditor) {
    await attempt('openEditor', async () => void (await deps.openEditor!(image)));
  }
  if (settings.getBoolean('afterCapture.notify')) {
    await attempt('notify', () => {
      const where = report.savedTo ? `Saved to ${report.savedTo}` : report.job ? 'Uploading…' : 'Captured';
      platform.notify(`Screenshot ${image.width}×${image.height}`, where, { image: image.png });
    });
  }
  for (const failure of report.failed) platform.notify(`Could not ${TASK_VERBS[failure.task]}`, failure.message);
  return report;

  async function saveUnderFreeName(folder: string, name: string): Promise<string> {
    if (!isAbsolute(folder)) throw new ShotputError('bad_folder', `The folder for saved captures must be a full path; got "${folder}". Change it in Settings › After capture.`);
    await mkdir(folder, { recursive: true });
    for (let n = 1; n < 1000; n++) {
      const path = join(folder, n === 1 ? `${name}.png` : `${name} (${n}).png`);
      try {
        await writeFile(path, image.png, { flag: 'wx' });
        return path;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    throw new ShotputError('name_taken', `Every name like ${name}.png is taken in ${folder}; change the file name pattern.`);
  }
}

const TASK_VERBS: Record<AfterCaptureTask, string> = {
  copyImage: 'copy the image',
  save: 'save the capture',
  upload: 'upload the capture',
  openEditor: 'open the editor',
  notify: 'show the notification',
};
