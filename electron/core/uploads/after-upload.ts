import type { HistoryRecord } from '../../../shared/uploads.js';
import { runAfterUpload, type AfterUploadDeps } from './tasks/after-upload.js';

/**
 * What happens once an upload is in history. This is the seam for the ordered after-upload task
 * list (electron/core/uploads/tasks/): `CoreDeps.afterUpload` replaces the default below.
 */
export type AfterUpload = (record: HistoryRecord, upload?: UploadNotes) => void | Promise<void>;

/** What the user should hear about how the file was uploaded: `note` says it was changed to fit the host's limit. */
export interface UploadNotes {
  note?: string;
}

/** The after-upload task list as the `afterUpload.*` settings say: copy the link, notify, open in the browser. */
export function defaultAfterUpload(deps: AfterUploadDeps): AfterUpload {
  return (record, upload) => void runAfterUpload(record, deps, upload?.note);
}
