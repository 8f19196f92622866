import type { HistoryRecord } from '../../../shared/uploads.js';

/** The columns a record is filtered, sorted and searched by, derived from the record itself. */
export interface RecordRow {
  id: string;
  job_id: string | null;
  created_at: number;
  uploader_id: string;
  status: string;
  bytes: number;
  file_name: string;
  remote_id: string | null;
  search_text: string;
  data: string;
}

/** What a search looks in: every name and link the user sees for the upload. */
export function searchTextOf(record: HistoryRecord): string {
  return [record.fileName, record.url, record.viewerUrl, record.uploaderLabel, record.uploaderId, record.albumTitle, record.albumId, record.title]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n')
    .toLowerCase();
}

export function rowOf(record: HistoryRecord): RecordRow {
  return {
    id: record.id,
    job_id: record.jobId ?? null,
    created_at: Date.parse(record.createdAt),
    uploader_id: record.uploaderId,
    status: record.status,
    bytes: record.bytes ?? 0,
    file_name: record.fileName,
    remote_id: record.remoteId ?? null,
    search_text: searchTextOf(record),
    data: JSON.stringify(record),
  };
}

export const ROW_COLUMNS = ['id', 'job_id', 'created_at', 'uploader_id', 'status', 'bytes', 'file_name', 'remote_id', 'search_text', 'data'] as const;

export function recordOf(row: { data: string }): HistoryRecord {
  return JSON.parse(row.data) as HistoryRecord;
}
