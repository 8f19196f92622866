import { join } from 'node:path';
import type { HistoryRecord, LinkFormat, LocalFile, QueueJob } from '../../../shared/uploads.js';
import type { HistoryService } from '../history/service.js';
import type { Logger } from '../logger.js';
import type { RawPixels } from '../pipeline/index.js';
import type { CorePlatform } from '../platform.js';
import { UploadQueue, type ContextFactory, type QueueDeps, type UploaderLookup } from '../queue/queue.js';
import type { SettingsService } from '../settings/service.js';
import type { RequestedUploadOptions } from './upload-options.js';
import { AddJobs, type AddOutcome } from './add-jobs.js';
import { defaultAfterUpload, type AfterUpload } from './after-upload.js';
import { PendingThumbnails } from './pending-thumbnails.js';
import { RecordActions } from './record-actions.js';
import { uploadRecorder, type ThumbnailMaker } from './record-upload.js';

export type { AddOutcome } from './add-jobs.js';
export type { AfterUpload } from './after-upload.js';
export { isLinkFormat } from './record-actions.js';
export type { ThumbnailMaker } from './record-upload.js';

export interface UploadsDeps {
  profileDir: string;
  settings: SettingsService;
  uploaders: UploaderLookup;
  history: HistoryService;
  contextFor: ContextFactory;
  platform: CorePlatform;
  logger: Logger;
  makeThumbnails?: ThumbnailMaker;
  /**
   * What runs once an upload is in history; copy the link and notify (the `afterUpload.*`
   * settings) unless given. The ordered task list plugs in here, given the record actions.
   */
  afterUpload?: (actions: RecordActions) => AfterUpload;
  /** Leave history thumbnails for later (see PendingThumbnails): the CLI's uploads. */
  deferThumbnails?: boolean;
  /** The rest of what the queue needs (its folder, the file preparer, clock, concurrency…). */
  queue: Omit<QueueDeps, 'uploaders' | 'contextFor' | 'recordUpload' | 'logger'>;
}

/**
 * Uploads, over the queue and the history, in three parts: adding jobs (add-jobs.ts), recording a
 * finished upload and running the after-upload work (record-upload.ts, after-upload.ts), and what
 * the user does with a record (record-actions.ts). This class wires them and keeps one surface
 * for IPC handlers, the CLI and main.
 */
export class UploadsService {
  readonly queue: UploadQueue;
  readonly jobs: AddJobs;
  readonly records: RecordActions;
  readonly thumbnailsDir: string;
  /** Thumbnails left for later: made by `shotput thumbnails` or at the app's start. */
  readonly pendingThumbnails: PendingThumbnails;

  constructor(deps: UploadsDeps) {
    const thumbnailsDir = join(deps.profileDir, 'thumbnails');
    this.pendingThumbnails = new PendingThumbnails({ ...deps, dir: join(deps.profileDir, 'thumbnails-pending'), thumbnailsDir });
    this.records = new RecordActions({ ...deps, thumbnailsDir });
    const records = this.records;
    const afterUpload = deps.afterUpload?.(records) ?? defaultAfterUpload(deps);
    this.queue = new UploadQueue({
      ...deps.queue,
      uploaders: deps.uploaders,
      contextFor: deps.contextFor,
      logger: deps.logger,
      recordUpload: uploadRecorder({ history: deps.history, thumbnailsDir, makeThumbnails: deps.makeThumbnails, logger: deps.logger, afterUpload, pending: this.pendingThumbnails, deferThumbnails: deps.deferThumbnails }),
    });
    this.jobs = new AddJobs({ settings: deps.settings, uploaders: deps.uploaders, queue: this.queue });
    this.thumbnailsDir = thumbnailsDir;
  }

  uploaderIdOrDefault(id: string | undefined): string {
    return this.jobs.uploaderIdOrDefault(id);
  }

  uploaderForType(mime: string): string {
    return this.jobs.uploaderForType(mime);
  }

  addFiles(paths: string[], uploaderId?: string, options?: RequestedUploadOptions): Promise<AddOutcome[]> {
    return this.jobs.addFiles(paths, uploaderId, options);
  }

  addData(name: string, data: Uint8Array, uploaderId?: string, options?: RequestedUploadOptions, localPath?: string): Promise<QueueJob> {
    return this.jobs.addData(name, data, uploaderId, options, localPath);
  }

  addImage(name: string, pixels: RawPixels, uploaderId?: string, options?: RequestedUploadOptions, localPath?: string): Promise<QueueJob> {
    return this.jobs.addImage(name, pixels, uploaderId, options, localPath);
  }

  addUrl(url: string, uploaderId?: string, options?: RequestedUploadOptions): Promise<QueueJob> {
    return this.jobs.addUrl(url, uploaderId, options);
  }

  linkFor(record: HistoryRecord, format?: LinkFormat): string {
    return this.records.linkFor(record, format);
  }

  copyLink(historyId: string, format?: LinkFormat): string {
    return this.records.copyLink(historyId, format);
  }

  copyLinks(historyIds: string[], options: { format?: LinkFormat; link?: string } = {}): { text: string; count: number } {
    return this.records.copyLinks(historyIds, options);
  }

  open(historyId: string, which: 'viewer' | 'image' | 'deletePage'): Promise<void> {
    return this.records.open(historyId, which);
  }

  localFile(historyId: string): Promise<LocalFile | null> {
    return this.records.localFile(historyId);
  }

  openLocal(historyId: string, how: 'open' | 'showInFolder'): Promise<void> {
    return this.records.openLocal(historyId, how);
  }

  delete(historyId: string, options: { localOnly?: boolean } = {}): Promise<{ remote: 'deleted' | 'skipped' }> {
    return this.records.delete(historyId, options);
  }
}
