import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { formatLink, LINK_FORMATS, type HistoryRecord, type LinkFormat, type QueueJob, type UserError } from '../../../shared/uploads.js';
import { ShotputError, toUserError } from '../errors.js';
import { detectMime } from '../files/mime.js';
import { safeFileName } from '../files/names.js';
import type { HistoryService } from '../history/service.js';
import type { Logger } from '../logger.js';
import type { CorePlatform } from '../platform.js';
import type { StoredJob } from '../queue/job-store.js';
import { UploadQueue, type ContextFactory, type QueueDeps, type UploaderLookup } from '../queue/queue.js';
import type { SettingsService } from '../settings/service.js';
import type { UploadOptions, UploadResult } from '../uploaders/types.js';
import { historyFieldsOf } from './record.js';
import { chosenLinkText, runAfterUpload } from './tasks/after-upload.js';

/** Makes the local history thumbnails of an uploaded file; resolves to their file names. */
export type ThumbnailMaker = (filePath: string, outDir: string, baseName: string) => Promise<HistoryRecord['thumbnails']>;

export interface UploadsDeps {
  profileDir: string;
  settings: SettingsService;
  uploaders: UploaderLookup;
  history: HistoryService;
  contextFor: ContextFactory;
  platform: CorePlatform;
  logger: Logger;
  makeThumbnails?: ThumbnailMaker;
  /** The rest of what the queue needs (its folder, the file preparer, clock, concurrency…). */
  queue: Omit<QueueDeps, 'uploaders' | 'contextFor' | 'recordUpload' | 'logger'>;
}

export interface AddOutcome {
  input: string;
  job?: QueueJob;
  error?: UserError;
}

/**
 * What the user does with uploads, over the queue and the history: add files, bytes dropped on
 * the window or URLs; after an upload, record it (with thumbnails) and run the after-upload
 * tasks; delete an upload from its host and from history; copy its link.
 */
export class UploadsService {
  readonly queue: UploadQueue;

  constructor(private readonly deps: UploadsDeps) {
    this.queue = new UploadQueue({
      ...deps.queue,
      uploaders: deps.uploaders,
      contextFor: deps.contextFor,
      logger: deps.logger,
      recordUpload: (job, result, filePath) => this.recordUpload(job, result, filePath),
    });
  }

  get thumbnailsDir(): string {
    return join(this.deps.profileDir, 'thumbnails');
  }

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

  private async uploaderForFile(path: string, chosen: string | undefined): Promise<string> {
    return chosen === undefined ? this.uploaderForType(await detectMime(path)) : this.uploaderIdOrDefault(chosen);
  }

  /** Queues each file; one bad file is reported without stopping the others. */
  async addFiles(paths: string[], uploaderId?: string, options: UploadOptions = {}): Promise<AddOutcome[]> {
    this.uploaderIdOrDefault(uploaderId);
    const outcomes: AddOutcome[] = [];
    for (const path of paths) {
      try {
        const id = await this.uploaderForFile(path, uploaderId);
        outcomes.push({ input: path, job: await this.queue.add({ kind: 'file', path }, id, options) });
      } catch (err) {
        outcomes.push({ input: path, error: toUserError(err) });
      }
    }
    return outcomes;
  }

  /** Bytes of a file the user dropped on the window or picked in it. */
  async addData(name: string, data: Uint8Array, uploaderId?: string, options: UploadOptions = {}): Promise<QueueJob> {
    this.uploaderIdOrDefault(uploaderId);
    const dir = join(this.deps.profileDir, 'incoming', randomUUID());
    const fileName = safeFileName(name);
    await mkdir(dir, { recursive: true });
    try {
      const path = join(dir, fileName);
      await writeFile(path, data);
      return await this.queue.add({ kind: 'file', path, name: fileName }, await this.uploaderForFile(path, uploaderId), options);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  addUrl(url: string, uploaderId?: string, options: UploadOptions = {}): Promise<QueueJob> {
    return this.queue.add({ kind: 'url', url }, this.uploaderIdOrDefault(uploaderId), options);
  }

  /** The queue's last step: the upload goes into history, then the after-upload tasks run. */
  private async recordUpload(job: StoredJob, result: UploadResult, filePath: string | undefined): Promise<string> {
    const id = randomUUID();
    let thumbnails: HistoryRecord['thumbnails'];
    if (filePath && this.deps.makeThumbnails && job.source.kind === 'file' && job.source.mime.startsWith('image/')) {
      try {
        thumbnails = await this.deps.makeThumbnails(filePath, this.thumbnailsDir, id);
      } catch (err) {
        this.deps.logger.warn(`No thumbnail for ${job.source.name}: ${toUserError(err).message}`);
      }
    }
    const record = await this.deps.history.add({
      ...historyFieldsOf(result),
      id,
      uploaderId: job.uploaderId,
      fileName: job.source.name,
      mime: job.source.kind === 'file' ? job.source.mime : undefined,
      bytes: result.bytes ?? (job.source.kind === 'file' ? job.source.size : undefined),
      albumId: job.options.albumId,
      thumbnails,
      origin: 'upload',
    });
    this.afterUpload(record);
    return record.id;
  }

  /** The link in `format`, or as the user chose in Settings (a format or their template). */
  linkFor(record: HistoryRecord, format?: LinkFormat): string {
    return format ? formatLink(record, format) : chosenLinkText(record, this.deps.settings);
  }

  copyLink(historyId: string, format?: LinkFormat): string {
    const text = this.linkFor(this.deps.history.require(historyId), format);
    this.deps.platform.writeClipboard(text);
    return text;
  }

  async open(historyId: string, which: 'viewer' | 'image' | 'deletePage'): Promise<void> {
    const record = this.deps.history.require(historyId);
    const url = which === 'viewer' ? (record.viewerUrl ?? record.url) : which === 'image' ? record.url : record.deleteUrl;
    if (!url) throw new ShotputError('no_link', `${record.fileName} has no ${which === 'deletePage' ? 'delete page' : 'link'} to open.`);
    if (!/^https?:\/\//.test(url)) throw new ShotputError('unsafe_link', `Refusing to open ${url}: only web links are opened.`);
    await this.deps.platform.openExternal(url);
  }

  /**
   * Deletes an upload from its host (through the API where the host has one), then from
   * history. Where the host only offers a delete page, nothing is removed and the error says
   * where that page is, unless `localOnly` asks to forget the record anyway.
   */
  async delete(historyId: string, options: { localOnly?: boolean } = {}): Promise<{ remote: 'deleted' | 'skipped' }> {
    const record = this.deps.history.require(historyId);
    let remote: 'deleted' | 'skipped' = 'skipped';
    if (!options.localOnly) {
      const uploader = this.deps.uploaders.get(record.uploaderId);
      if (!uploader.delete || !uploader.descriptor.capabilities.delete) {
        const where = record.deleteUrl ? ` Open ${record.deleteUrl} to delete it there` : ' Delete it on the website';
        throw new ShotputError(
          'delete_unsupported',
          `${uploader.descriptor.label} has no API to delete uploads.${where}, then remove it from history only (\`shotput delete ${record.id} --local\`).`,
        );
      }
      const controller = new AbortController();
      await uploader.delete(
        { remoteId: record.remoteId, deleteHash: record.deleteHash, deleteUrl: record.deleteUrl },
        this.deps.contextFor(uploader, controller.signal),
      );
      remote = 'deleted';
    }
    await this.deps.history.remove(record.id);
    for (const name of Object.values(record.thumbnails ?? {})) await rm(join(this.thumbnailsDir, name), { force: true });
    return { remote };
  }

  private afterUpload(record: HistoryRecord): void {
    runAfterUpload(record, { settings: this.deps.settings, platform: this.deps.platform, logger: this.deps.logger });
  }
}

export function isLinkFormat(value: unknown): value is LinkFormat {
  return typeof value === 'string' && (LINK_FORMATS as readonly string[]).includes(value);
}
