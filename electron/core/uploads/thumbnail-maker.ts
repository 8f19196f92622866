import type { HistoryRecord } from '../../../shared/uploads.js';

/** Makes a finished upload's history thumbnails from its file; resolves to their names. */
export type ThumbnailMaker = (filePath: string, outDir: string, baseName: string) => Promise<HistoryRecord['thumbnails']>;
