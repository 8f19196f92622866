import type { HistoryPageQuery, HistoryPageResult, HistoryRecord } from '../../../shared/uploads.js';
import { ShotputError } from '../errors.js';

/**
 * `history.page` over the records in memory, until the SQLite store (histstore) answers it in
 * SQL. The cursor is opaque to callers; here it is the offset of the next record.
 */
export function pageHistory(newestFirst: readonly HistoryRecord[], query: HistoryPageQuery): HistoryPageResult {
  const terms = (query.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const uploaders = query.uploaders && query.uploaders.length > 0 ? new Set(query.uploaders) : undefined;
  const statuses = query.status && query.status.length > 0 ? new Set(query.status) : undefined;
  let matches: HistoryRecord[] = newestFirst.filter((r) => {
    if (uploaders && !uploaders.has(r.uploaderId)) return false;
    if (statuses && !statuses.has(r.status ?? 'done')) return false;
    const at = Date.parse(r.createdAt);
    if (query.from !== undefined && at < query.from) return false;
    if (query.to !== undefined && at > query.to) return false;
    if (terms.length === 0) return true;
    const haystack = [r.fileName, r.url, r.viewerUrl, r.uploaderLabel, r.uploaderId, r.albumTitle, r.title, r.remoteId]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return terms.every((t) => haystack.includes(t));
  });
  const sort = query.sort ?? { by: 'date', dir: 'desc' };
  const key = (r: HistoryRecord): string | number => (sort.by === 'size' ? (r.bytes ?? -1) : sort.by === 'name' ? r.fileName.toLowerCase() : r.createdAt);
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Ties broken by id in the same direction, so the ascending order is exactly the descending one reversed.
  matches = [...matches].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : a.id < b.id ? -sign : a.id > b.id ? sign : 0;
  });
  const offset = offsetOf(query.cursor);
  const records = matches.slice(offset, offset + query.limit);
  const next = offset + records.length;
  return { records, nextCursor: next < matches.length ? String(next) : null, total: matches.length };
}

function offsetOf(cursor: string | null | undefined): number {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  if (!/^\d{1,9}$/.test(cursor)) throw new ShotputError('invalid_cursor', 'That page of history is no longer valid; load the list again from the top.');
  return Number(cursor);
}
