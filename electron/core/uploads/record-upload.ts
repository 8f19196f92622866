import { randomUUID } from 'node:crypto';
import type { HistoryRecord } from '../../../shared/uploads.js';
import { toUserError } from '../errors.js';
import type { HistoryService } from '../history/service.js';
import type { Logger } from '../logger.js';
import type { StoredJob } from '../queue/job-store.js';
import type { UploadResult } from '../uploaders/types.js';
import type { AfterUpload } from './after-upload.js';
import { historyFieldsOf } from './record.js';

/** Makes the local history thumbnails of an uploaded file; resolves to their file names. */
export type ThumbnailMaker = (filePath: string, outDir: string, baseName: string) => Promise<HistoryRecord['thumbnails']>;

export interface RecorderDeps {
  history: HistoryService;
  thumbnailsDir: string;
  makeThumbnails?: ThumbnailMaker;
  logger: Logger;
  /** Runs once the record is in history (copy the link, notify…). */
  afterUpload: AfterUpload;
}

/**
 * The queue's last step for a finished job: thumbnails, then the history record, then the
 * after-upload work. Resolves to the history id.
 */
export function uploadRecorder(deps: RecorderDeps) {
  return async (job: StoredJob, result: UploadResult, filePath: string | undefined): Promise<string> => {
    const id = randomUUID();
    let thumbnails: HistoryRecord['thumbnails'];
    if (filePath && deps.makeThumbnails && job.source.kind === 'file' && job.source.mime.startsWith('image/')) {
      try {
        thumbnails = await deps.makeThumbnails(filePath, deps.thumbnailsDir, id);
      } catch (err) {
        deps.logger.warn(`No thumbnail for ${job.source.name}: ${toUserError(err).message}`);
      }
    }
    const record = await deps.history.add({
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
    try {
      await deps.afterUpload(record);
    } catch (err) {
      // The upload is done and in history; a failed follow-up (clipboard, notification) does not undo it.
      deps.logger.warn(`After uploading ${record.fileName}: ${toUserError(err).message}`);
    }
    return record.id;
  };
}
