import type { UploadedImage } from '../../../shared/uploads.js';

/** What a service's answer contributes to a history record, uploaded from here or imported: every field of it, nothing else it may carry. */
export function historyFieldsOf(result: UploadedImage): UploadedImage {
  const fields: { [K in keyof Required<UploadedImage>]: UploadedImage[K] } = {
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
  return fields;
}
