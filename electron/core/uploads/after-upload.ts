import type { HistoryRecord } from '../../../shared/uploads.js';
import type { CorePlatform } from '../platform.js';
import type { SettingsService } from '../settings/service.js';

/**
 * What happens once an upload is in history. This is the seam for the ordered after-upload task
 * list (electron/core/uploads/tasks/): `CoreDeps.afterUpload` replaces the default below.
 */
export type AfterUpload = (record: HistoryRecord) => void | Promise<void>;

/** Today's after-upload work: copy the link and notify, as the `afterUpload.*` settings say. */
export function defaultAfterUpload(deps: {
  settings: Pick<SettingsService, 'getBoolean'>;
  platform: Pick<CorePlatform, 'writeClipboard' | 'notify'>;
  linkFor(record: HistoryRecord): string;
}): AfterUpload {
  const { settings, platform } = deps;
  return (record) => {
    if (record.awaitingModeration) {
      if (settings.getBoolean('afterUpload.notify')) platform.notify('Uploaded, awaiting moderation', `${record.fileName} has no public link until the host approves it.`);
      return;
    }
    if (settings.getBoolean('afterUpload.copyLink')) platform.writeClipboard(deps.linkFor(record));
    if (settings.getBoolean('afterUpload.notify')) {
      platform.notify('Upload complete', settings.getBoolean('afterUpload.copyLink') ? `${record.fileName}: link copied` : `${record.fileName}: ${record.url}`);
    }
  };
}
