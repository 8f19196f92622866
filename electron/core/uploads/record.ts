import type { HistoryRecord } from '../../../shared/uploads.js';
import type { UploadResult } from '../uploaders/types.js';

/** What a service's answer contributes to a history record, uploaded from here or imported. */
export function historyFieldsOf(result: UploadResult): Pick<
  HistoryRecord,
  'url' | 'viewerUrl' | 'thumbnailUrl' | 'deleteUrl' | 'deleteHash' | 'remoteId' | 'width' | 'height' | 'bytes' | 'expiresAt' | 'links' | 'awaitingModeration'
> {
  return {
    url: result.url,
    viewerUrl: result.viewerUrl,
    thumbnailUrl: result.thumbnailUrl,
    deleteUrl: result.deleteUrl,
    deleteHash: result.deleteHash,
    remoteId: result.remoteId,
    width: result.width,
    height: result.height,
    bytes: result.bytes,
    expiresAt: result.expiresAt,
    links: result.links,
    awaitingModeration: result.awaitingModeration,
  };
}
