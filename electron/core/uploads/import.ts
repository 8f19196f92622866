import type { HistoryService } from '../history/service.js';
import type { UploadResult } from '../uploaders/types.js';
import { historyFieldsOf } from './record.js';

/** An image already on an account, as a service lists it. */
export interface RemoteImage {
  result: UploadResult;
  name?: string;
  title?: string;
  uploadedAt?: string;
  mime?: string;
}

export type RemotePageLister = (page: number) => Promise<{ images: RemoteImage[]; hasMore: boolean }>;

export interface ImportReport {
  imported: number;
  alreadyThere: number;
}

/**
 * Brings an account's existing images into history, page by page, skipping those already
 * recorded (uploaded from here or imported before), so running it again adds only what is new.
 */
export async function importRemoteImages(history: HistoryService, uploaderId: string, listPage: RemotePageLister, maxPages = 1000): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, alreadyThere: 0 };
  for (let page = 0; page < maxPages; page++) {
    const { images, hasMore } = await listPage(page);
    for (const image of images) {
      const { result } = image;
      if (result.remoteId && history.hasRemote(uploaderId, result.remoteId)) {
        report.alreadyThere++;
        continue;
      }
      await history.add({
        ...historyFieldsOf(result),
        uploaderId,
        createdAt: image.uploadedAt,
        fileName: image.name || image.title || fileNameOf(result.url),
        mime: image.mime,
        origin: 'import',
      });
      report.imported++;
    }
    if (!hasMore) break;
  }
  return report;
}

function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
}
