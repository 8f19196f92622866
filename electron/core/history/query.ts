import type { SQLInputValue } from 'node:sqlite';
import type { HistoryPageQuery, HistorySort } from '../../../shared/uploads.js';
import { ShotputError } from '../errors.js';

export type HistoryFilter = Pick<HistoryPageQuery, 'search' | 'uploaders' | 'status' | 'from' | 'to'>;

export const DEFAULT_SORT: HistorySort = { by: 'date', dir: 'desc' };

/** The column each sort orders by; ties are broken by `seq` so the order is total and stable. */
const SORT_COLUMNS: Record<HistorySort['by'], string> = {
  date: 'created_at',
  size: 'bytes',
  name: 'file_name COLLATE NOCASE',
};

export interface SqlPart {
  sql: string;
  params: SQLInputValue[];
}

/** The words of a search, lower-cased as `search_text` is stored. */
export function searchTerms(search: string | undefined): string[] {
  return [...new Set((search ?? '').toLowerCase().split(/\s+/).filter(Boolean))];
}

/**
 * The WHERE clause of a filter. Each search word must occur in `search_text`: words of three or
 * more characters through the trigram index (a quoted FTS5 phrase of trigrams is a substring
 * match); shorter words, which trigrams cannot see, by instr().
 *
 * `scanInOrder`: read the records in sort order and keep those the index found, instead of
 * fetching every match and sorting them. Better when matches are many (a page fills after a
 * few rows); worse when they are few (the whole order would be scanned).
 */
export function whereOf(filter: HistoryFilter, scanInOrder = false): SqlPart {
  const clauses: string[] = [];
  const params: SQLInputValue[] = [];
  const terms = searchTerms(filter.search);
  const indexed = terms.filter((t) => [...t].length >= 3);
  if (indexed.length > 0) {
    clauses.push(`${scanInOrder ? '+seq' : 'seq'} IN (SELECT rowid FROM records_search WHERE records_search MATCH ?)`);
    params.push(matchQuery(indexed));
  }
  for (const term of terms) {
    if (indexed.includes(term)) continue;
    clauses.push('instr(search_text, ?) > 0');
    params.push(term);
  }
  if (filter.uploaders?.length) {
    clauses.push(`uploader_id IN (${filter.uploaders.map(() => '?').join(', ')})`);
    params.push(...filter.uploaders);
  }
  if (filter.status?.length) {
    clauses.push(`status IN (${filter.status.map(() => '?').join(', ')})`);
    params.push(...filter.status);
  }
  if (filter.from !== undefined) {
    clauses.push('created_at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    clauses.push('created_at <= ?');
    params.push(filter.to);
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** How many records match: from the search index alone when the filter is nothing but long words. */
export function countSelect(filter: HistoryFilter): SqlPart {
  const terms = searchTerms(filter.search);
  const searchOnly = terms.length > 0 && terms.every((t) => [...t].length >= 3) && !filter.uploaders?.length && !filter.status?.length && filter.from === undefined && filter.to === undefined;
  if (searchOnly) return { sql: 'SELECT count(*) AS total FROM records_search WHERE records_search MATCH ?', params: [matchQuery(terms)] };
  const where = whereOf(filter);
  return { sql: `SELECT count(*) AS total FROM records ${where.sql}`, params: where.params };
}

/** Each word as a quoted FTS5 phrase: with trigrams, "contains this text". */
function matchQuery(terms: string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
}

interface Cursor {
  by: HistorySort['by'];
  dir: HistorySort['dir'];
  /** The last row's sort value and seq. */
  value: number | string;
  seq: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.by, cursor.dir, cursor.value, cursor.seq])).toString('base64url');
}

function decodeCursor(text: string, sort: HistorySort): Cursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  if (Array.isArray(parts) && parts.length === 4) {
    const [by, dir, value, seq] = parts as unknown[];
    const valueOk = sort.by === 'name' ? typeof value === 'string' : Number.isFinite(value);
    if (by === sort.by && dir === sort.dir && valueOk && Number.isInteger(seq)) return { by: sort.by, dir: sort.dir, value: value as number | string, seq: seq as number };
  }
  throw new ShotputError(
    'invalid_cursor',
    'This history cursor does not belong to this sort order, or is damaged. Ask for the first page again (cursor: null).',
  );
}

/** One page's SELECT: one row more than asked, to know whether another page follows. */
export function pageSelect(filter: HistoryFilter, sort: HistorySort, cursorText: string | null | undefined, limit: number, scanInOrder = false): SqlPart {
  const column = SORT_COLUMNS[sort.by];
  const where = whereOf(filter, scanInOrder);
  const params = [...where.params];
  let sql = where.sql;
  if (cursorText) {
    const cursor = decodeCursor(cursorText, sort);
    sql += `${sql ? ' AND' : 'WHERE'} (${column}, seq) ${sort.dir === 'desc' ? '<' : '>'} (?, ?)`;
    params.push(cursor.value, cursor.seq);
  }
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  return {
    sql: `SELECT seq, ${sort.by === 'name' ? 'file_name' : column} AS sort_value, data FROM records ${sql} ORDER BY ${column} ${dir}, seq ${dir} LIMIT ?`,
    params: [...params, limit + 1],
  };
}
