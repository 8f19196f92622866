import { randomUUID } from 'node:crypto';
import { toUserError } from '../errors.js';
import type { HistoryService } from '../history/service.js';
import type { Logger } from '../logger.js';
import type { StoredJob } from '../queue/job-store.js';
import type { UploadResult } from '../uploaders/types.js';
import type { AfterUpload } from './after-upload.js';
import type { PendingThumbnails } from './pending-thumbnails.js';
import { historyFieldsOf } from './record.js';

/** Makes the local history thumbnails of an uploaded file; resolves to their file names. */
export type { ThumbnailMaker } from './thumbnail-maker.js';
import type { ThumbnailMaker } from './thumbnail-maker.js';

export interface RecorderDeps {
  history: HistoryService;
  thumbnailsDir: string;
  makeThumbnails?: ThumbnailMaker;
  logger: Logger;
  /** Runs once the record is in history (copy the link, notify…). */
  afterUpload: AfterUpload;
  /**
   * Where the uploaded file waits for its thumbnails, so that a crash before they are made leaves
   * them to the app's next start. Without it they are made from the job's file directly.
   */
  pending?: PendingThumbnails;
  /** Given: thumbnails are left to `shotput thumbnails` or the app's next start, not made in this process. */
  deferThumbnails?: boolean;
}

/**
 * The queue's last step for a finished job: the history record, the after-upload work (the link on
 * the clipboard), then the thumbnails, which the user does not wait for. Resolves to the history id.
 */
export function uploadRecorder(deps: RecorderDeps) {
  return async (job: StoredJob, result: UploadResult, filePath: string | undefined): Promise<string> => {
    // A job resumed after a crash between recording and the job's own update is recorded once.
    const recorded = deps.history.findByJob(job.id);
    if (recorded) return recorded.id;
    const id = randomUUID();
    const hasThumbnails = Boolean(filePath && deps.makeThumbnails && job.source.kind === 'file' && job.source.mime.startsWith('image/'));
    let pending = false;
    if (hasThumbnails && deps.pending) {
      try {
        await deps.pending.keep(filePath!, id);
        pending = true;
      } catch (err) {
        deps.logger.warn(`No thumbnail for ${job.source.name}: ${toUserError(err).message}`);
      }
    }
    const { record, created } = deps.history.addOrFind({
      ...historyFieldsOf(result),
      id,
      jobId: job.id,
      uploaderId: job.uploaderId,
      fileName: job.source.name,
      mime: job.source.kind === 'file' ? job.source.mime : undefined,
      bytes: result.bytes ?? (job.source.kind === 'file' ? job.source.size : undefined),
      albumId: job.options.albumId,
      title: job.options.title,
      description: job.options.description,
      nsfw: job.options.nsfw || undefined,
      localPath: job.source.kind === 'file' ? job.source.originalPath : undefined,
      origin: 'upload',
      editedFrom: job.options.editedFrom,
    });
    // On disk before the queue deletes the job: a power cut now must not lose the upload.
    await deps.history.flushed();
    if (!created) return record.id;
    try {
      await deps.afterUpload(record, { note: job.source.kind === 'file' ? job.source.note : undefined });
    } catch (err) {
      // The upload is done and in history; a failed follow-up (clipboard, notification) does not undo it.
      deps.logger.warn(`After uploading ${record.fileName}: ${toUserError(err).message}`);
    }
    if (hasThumbnails && !deps.deferThumbnails) {
      try {
        if (pending) await deps.pending!.make(id);
        else await deps.history.update(id, { thumbnails: await deps.makeThumbnails!(filePath!, deps.thumbnailsDir, id) });
      } catch (err) {
        deps.logger.warn(`No thumbnail for ${job.source.name}: ${toUserError(err).message}`);
      }
    }
    return record.id;
  };
}
