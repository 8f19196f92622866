import type { DatabaseSync } from 'node:sqlite';
import { inWriteTransaction } from './sqlite.js';

/** Bumped with each change below; a store newer than this code is refused rather than damaged. */
export const SCHEMA_VERSION = 1;

/**
 * One row per record. `data` holds the whole record as JSON (the truth); the other columns are
 * derived from it for filtering, sorting and search. `search_text` is the lower-cased text a
 * search looks in: file name, links, the uploader's displayed name, album and title.
 *
 * Every write to `records` also appends to `changes` (by trigger, so no writer can forget):
 * a monotonic log each process follows to tell its window what another process added, updated
 * or removed.
 */
const SCHEMA_V1 = `
CREATE TABLE records (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  job_id TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  uploader_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('done', 'failed', 'deleted')),
  bytes INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  remote_id TEXT,
  search_text TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX records_by_date ON records (created_at, seq);
CREATE INDEX records_by_size ON records (bytes, seq);
CREATE INDEX records_by_name ON records (file_name COLLATE NOCASE, seq);
CREATE INDEX records_by_uploader ON records (uploader_id, created_at, seq);
CREATE INDEX records_by_status ON records (status, created_at, seq);
CREATE INDEX records_by_remote ON records (remote_id) WHERE remote_id IS NOT NULL;

-- Substring search: a trigram index answers a quoted phrase as "contains", with positions
-- (detail full), so even a word in every other record is counted without reading the rows.
CREATE VIRTUAL TABLE records_search USING fts5 (
  search_text, content = 'records', content_rowid = 'seq', tokenize = 'trigram'
);

CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  record_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('added', 'updated', 'removed')),
  at INTEGER NOT NULL DEFAULT (unixepoch())
);

CREATE TRIGGER records_added AFTER INSERT ON records BEGIN
  INSERT INTO records_search (rowid, search_text) VALUES (new.seq, new.search_text);
  INSERT INTO changes (record_id, kind) VALUES (new.id, 'added');
END;
CREATE TRIGGER records_updated AFTER UPDATE ON records BEGIN
  INSERT INTO records_search (records_search, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
  INSERT INTO records_search (rowid, search_text) VALUES (new.seq, new.search_text);
  INSERT INTO changes (record_id, kind) VALUES (new.id, 'updated');
END;
CREATE TRIGGER records_removed AFTER DELETE ON records BEGIN
  INSERT INTO records_search (records_search, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
  INSERT INTO changes (record_id, kind) VALUES (old.id, 'removed');
END;

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export class SchemaTooNewError extends Error {}

/** Creates or upgrades the schema; safe when several processes open a new store at once. */
export function ensureSchema(db: DatabaseSync): void {
  const version = () => (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version() === SCHEMA_VERSION) return;
  inWriteTransaction(db, () => {
    const current = version();
    if (current > SCHEMA_VERSION) throw new SchemaTooNewError(`schema version ${current}, this Shotput knows up to ${SCHEMA_VERSION}`);
    if (current === 0) db.exec(SCHEMA_V1);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  });
}
