import type { QueueJob, UserError } from '../../../shared/uploads.js';
import { toUserError } from '../errors.js';
import { detectMime, mimeOfBytes } from '../files/mime.js';
import { safeFileName } from '../files/names.js';
import type { RawPixels } from '../pipeline/index.js';
import type { UploadQueue, UploaderLookup } from '../queue/queue.js';
import type { SettingsService } from '../settings/service.js';
import type { UploadOptions } from '../uploaders/types.js';
import { checkedUploadOptions, type RequestedUploadOptions } from './upload-options.js';

export interface AddOutcome {
  input: string;
  job?: QueueJob;
  error?: UserError;
}

export interface AddJobsDeps {
  settings: Pick<SettingsService, 'getString'>;
  uploaders: UploaderLookup;
  queue: UploadQueue;
}

/**
 * Turns a request (files, bytes dropped on the window, a capture's bitmap, a URL) into queued
 * jobs, choosing the uploader when none was given.
 */
export class AddJobs {
  constructor(private readonly deps: AddJobsDeps) {}

  uploaderIdOrDefault(id: string | undefined): string {
    const chosen = id ?? this.deps.settings.getString('defaultUploader');
    this.deps.uploaders.get(chosen);
    return chosen;
  }

  /**
   * The uploader for a file nobody chose one for: the default one, unless the file is not an
   * image and an uploader for other files is set (a .sxcu file uploader, say).
   */
  uploaderForType(mime: string): string {
    const forFiles = this.deps.settings.getString('defaultFileUploader');
    return forFiles !== '' && !mime.startsWith('image/') ? this.uploaderIdOrDefault(forFiles) : this.uploaderIdOrDefault(undefined);
  }

  /** The options checked against the uploader they go to (its expirations…), before anything is queued. */
  private checked(uploaderId: string, options: RequestedUploadOptions): UploadOptions {
    return checkedUploadOptions(this.deps.uploaders.get(uploaderId).descriptor, options);
  }

  private chosenOr(chosen: string | undefined, mime: () => Promise<string> | string): Promise<string> | string {
    return chosen === undefined ? Promise.resolve(mime()).then((m) => this.uploaderForType(m)) : this.uploaderIdOrDefault(chosen);
  }

  /** Queues each file; one bad file is reported without stopping the others. */
  async addFiles(paths: string[], uploaderId?: string, options: RequestedUploadOptions = {}): Promise<AddOutcome[]> {
    this.uploaderIdOrDefault(uploaderId);
    const outcomes: AddOutcome[] = [];
    for (const path of paths) {
      try {
        const id = await this.chosenOr(uploaderId, () => detectMime(path));
        outcomes.push({ input: path, job: await this.deps.queue.add({ kind: 'file', path }, id, this.checked(id, options)) });
      } catch (err) {
        outcomes.push({ input: path, error: toUserError(err) });
      }
    }
    return outcomes;
  }

  /** Bytes of a file the user dropped on the window or picked in it, queued from memory. */
  /** `localPath`: where the same image is also saved on this computer (a saved capture). */
  async addData(name: string, data: Uint8Array, uploaderId?: string, options: RequestedUploadOptions = {}, localPath?: string): Promise<QueueJob> {
    this.uploaderIdOrDefault(uploaderId);
    const fileName = safeFileName(name);
    const id = await this.chosenOr(uploaderId, () => mimeOfBytes(data, fileName));
    return this.deps.queue.add({ kind: 'bytes', data, name: fileName, localPath }, id, this.checked(id, options));
  }

  /** A captured bitmap (RGBA), encoded once by the pipeline into the job's folder. */
  async addImage(name: string, pixels: RawPixels, uploaderId?: string, options: RequestedUploadOptions = {}, localPath?: string): Promise<QueueJob> {
    const id = this.uploaderIdOrDefault(uploaderId);
    return this.deps.queue.add({ kind: 'pixels', pixels, name: safeFileName(name), localPath }, id, this.checked(id, options));
  }

  async addUrl(url: string, uploaderId?: string, options: RequestedUploadOptions = {}): Promise<QueueJob> {
    const id = this.uploaderIdOrDefault(uploaderId);
    return this.deps.queue.add({ kind: 'url', url }, id, this.checked(id, options));
  }
}
