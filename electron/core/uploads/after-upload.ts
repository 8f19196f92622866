import type { HistoryRecord } from '../../../shared/uploads.js';
import { runAfterUpload, type AfterUploadDeps } from './tasks/after-upload.js';

/**
 * What happens once an upload is in history. This is the seam for the ordered after-upload task
 * list (electron/core/uploads/tasks/): `CoreDeps.afterUpload` replaces the default below.
 */
export type AfterUpload = (record: HistoryRecord) => void | Promise<void>;

/** The after-upload task list as the `afterUpload.*` settings say: copy the link, notify, open in the browser. */
export function defaultAfterUpload(deps: AfterUploadDeps): AfterUpload {
  return (record) => void runAfterUpload(record, deps);
}
