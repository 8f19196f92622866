import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { HistoryChange, HistoryPage, HistoryPageQuery, HistoryPageResult, HistoryRecord, NewHistoryRecord } from '../../../shared/uploads.js';
import { ShotputError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { ChangeFollower } from './changes.js';
import { countSelect, DEFAULT_SORT, encodeCursor, pageSelect, whereOf, type HistoryFilter } from './query.js';
import { recordOf, ROW_COLUMNS, rowOf, type RecordRow } from './row.js';
import { ensureSchema, SchemaTooNewError } from './schema.js';
import { inWriteTransaction, sqlite } from './sqlite.js';

/** The old offset-based query of `history.list` and `shotput history`. */
export interface HistoryQuery {
  search?: string;
  limit?: number;
  offset?: number;
  uploaderId?: string;
}

export interface HistoryOpenOptions {
  /** The SQLite file; created (owner-only) when missing. */
  path: string;
  /** The uploader's name as shown, for records that arrive without one. */
  labelOf?: (uploaderId: string) => string;
  logger?: Logger;
  /** How often, while something listens, to look for records other processes wrote. */
  pollMs?: number;
  now?: () => number;
}

/** How long a write waits for another process's write to finish before giving up. */
const BUSY_TIMEOUT_MS = 10_000;
/** Change-log entries older than this are dropped: every live process has long read them. */
const CHANGE_LOG_KEEP_S = 3600;
const PRUNE_EVERY_WRITES = 500;
/** Rows per transaction in bulk inserts: big enough to be fast, small enough not to hold the lock for long. */
const BULK_CHUNK = 20_000;
const BULK_CACHE_KIB = 128 * 1024;
/** Past this many matches a page is read in sort order rather than by sorting every match. */
const SCAN_IN_ORDER_ABOVE = 2000;

/**
 * The upload history: every upload and import, in one SQLite file (WAL) that every Shotput
 * process (the app, the CLI, the harness) reads and writes at once. Nothing is held in memory:
 * pages are read by keyset cursor, search goes through an FTS5 trigram index, and each process
 * learns of the others' writes from a change log (see ChangeFollower), so the window shows a CLI
 * upload within a second. A write is committed (in the WAL) before its promise resolves, so a
 * crash or kill at any moment loses no finished upload, and a queue job is recorded at most once.
 */
export class HistoryService {
  private readonly listeners = new Set<(change: HistoryChange) => void>();
  private readonly statements = new Map<string, StatementSync>();
  private connection: { db: DatabaseSync; follower: ChangeFollower } | undefined;
  private totals = { stamp: -1, byFilter: new Map<string, number>() };
  private poller: NodeJS.Timeout | undefined;
  private writesSincePrune = 0;
  private closed = false;
  /** Commits not yet synced to disk by flushed(), and the sync running now. */
  private unsynced = false;
  private syncing: Promise<void> | undefined;

  private constructor(private readonly options: HistoryOpenOptions & { logger: Logger; now: () => number }) {}

  /**
   * The store at `options.path`. The file is opened (and created) on first use, so a process
   * that never touches history (`shotput process`) leaves no trace of it.
   */
  static async open(options: HistoryOpenOptions): Promise<HistoryService> {
    return new HistoryService({ ...options, logger: options.logger ?? silentLogger, now: options.now ?? Date.now });
  }

  /** Opens the file now, so a damaged store is reported at once rather than at the first read. */
  connect(): this {
    this.connected();
    return this;
  }

  /** `followFromStart`: announce everything in the change log (a store created by another process while we listened). */
  private connected(followFromStart = false): { db: DatabaseSync; follower: ChangeFollower } {
    if (this.closed) throw new ShotputError('history_closed', 'The history is closed; Shotput is shutting down.');
    if (!this.connection) {
      const db = openStoreFile(this.options.path);
      const follower = new ChangeFollower(db, (ids) => this.readMany(ids), (change) => this.announce(change), followFromStart ? 0 : undefined);
      this.connection = { db, follower };
      this.pruneChangeLog();
    }
    return this.connection;
  }

  private get db(): DatabaseSync {
    return this.connected().db;
  }

  private get follower(): ChangeFollower {
    return this.connected().follower;
  }

  // ---- writing --------------------------------------------------------------------------------

  /**
   * Records an upload. A record for a queue job that already has one is refused: the existing
   * record is returned, so a job resumed after a crash never appears twice.
   */
  async add(input: NewHistoryRecord): Promise<HistoryRecord> {
    const { record } = this.addOrFind(input);
    await this.flushed();
    return record;
  }

  /**
   * Resolves once every write made so far is on disk. Commits do not wait for the disk (that
   * blocked the event loop for 10–100 ms per upload); the log of them is synced here instead, on
   * libuv's thread pool, so a caller that must not lose a record (the queue, before it deletes
   * the job) awaits this, and a power cut a moment later still keeps it. Calls made while a sync
   * runs share the next one.
   */
  async flushed(): Promise<void> {
    while (this.unsynced || this.syncing) {
      if (!this.syncing) {
        this.unsynced = false;
        this.syncing = syncFile(`${this.options.path}-wal`, this.options.logger).finally(() => (this.syncing = undefined));
      }
      await this.syncing;
    }
  }

  /** As add(), and says whether this call created the record (false: the job was already recorded). */
  addOrFind(input: NewHistoryRecord): { record: HistoryRecord; created: boolean } {
    const record = this.complete(input);
    const existing = this.write(() => {
      const found = record.jobId ? this.findByJob(record.jobId) : undefined;
      if (!found) this.insert(record, false);
      return found;
    });
    return existing ? { record: existing, created: false } : { record, created: true };
  }

  /**
   * Many records at once, in large transactions (journal migration, generated profiles). Records
   * whose id or job is already there are skipped. Not announced as changes: a bulk load is not
   * something a window shows row by row. Resolves to how many were inserted.
   */
  addMany(inputs: Iterable<NewHistoryRecord>): number {
    let inserted = 0;
    let chunk: HistoryRecord[] = [];
    const flush = () => {
      const records = chunk;
      chunk = [];
      inserted += this.write(() => {
        const before = this.follower.latestSeq();
        let count = 0;
        for (const record of records) count += this.insert(record, true);
        this.statement('DELETE FROM changes WHERE seq > ?').run(before);
        return count;
      }, false);
    };
    // A bigger page cache while loading: index pages stay in memory instead of spilling each chunk.
    this.db.exec(`PRAGMA cache_size = -${BULK_CACHE_KIB}`);
    try {
      for (const input of inputs) {
        chunk.push(this.complete(input));
        if (chunk.length >= BULK_CHUNK) flush();
      }
      if (chunk.length > 0) flush();
    } finally {
      this.db.exec('PRAGMA cache_size = -2000');
    }
    this.follower.skipToLatest();
    return inserted;
  }

  async update(id: string, patch: Partial<Omit<HistoryRecord, 'id'>>): Promise<HistoryRecord> {
    return this.write(() => {
      const updated: HistoryRecord = { ...this.require(id), ...patch, id };
      const row = rowOf(updated);
      this.statement(`UPDATE records SET ${ROW_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...rowValues(row), id);
      return updated;
    });
  }

  async remove(id: string): Promise<void> {
    this.write(() => {
      const { changes } = this.statement('DELETE FROM records WHERE id = ?').run(id);
      if (changes === 0) throw notFound(id);
    });
  }

  // ---- reading --------------------------------------------------------------------------------

  get(id: string): HistoryRecord | undefined {
    const row = this.statement('SELECT data FROM records WHERE id = ?').get(id) as { data: string } | undefined;
    return row && recordOf(row);
  }

  require(id: string): HistoryRecord {
    const record = this.get(id);
    if (!record) throw notFound(id);
    return record;
  }

  findByJob(jobId: string): HistoryRecord | undefined {
    const row = this.statement('SELECT data FROM records WHERE job_id = ?').get(jobId) as { data: string } | undefined;
    return row && recordOf(row);
  }

  /** Whether an imported or uploaded image with this remote id is already recorded. */
  hasRemote(uploaderId: string, remoteId: string): boolean {
    return this.statement('SELECT 1 FROM records WHERE remote_id = ? AND uploader_id = ? LIMIT 1').get(remoteId, uploaderId) !== undefined;
  }

  /** One page by keyset cursor: the cost does not grow with how far the user has scrolled. */
  page(query: HistoryPageQuery): HistoryPageResult {
    const sort = query.sort ?? DEFAULT_SORT;
    const total = this.count(query);
    const select = pageSelect(query, sort, query.cursor, query.limit, total > SCAN_IN_ORDER_ABOVE);
    const rows = this.statement(select.sql).all(...select.params) as Array<{ seq: number; sort_value: number | string; data: string }>;
    const more = rows.length > query.limit;
    const shown = more ? rows.slice(0, query.limit) : rows;
    const last = shown[shown.length - 1];
    return {
      records: shown.map(recordOf),
      nextCursor: more && last ? encodeCursor({ by: sort.by, dir: sort.dir, value: last.sort_value, seq: last.seq }) : null,
      total,
    };
  }

  /** The old offset paging, newest first (`history.list` until the window moves to page()). */
  list(query: HistoryQuery = {}): HistoryPage {
    const filter: HistoryFilter = { search: query.search, uploaders: query.uploaderId ? [query.uploaderId] : undefined };
    const where = whereOf(filter);
    const rows = this.statement(`SELECT data FROM records ${where.sql} ORDER BY created_at DESC, seq DESC LIMIT ? OFFSET ?`).all(
      ...where.params,
      query.limit ?? 100,
      query.offset ?? 0,
    ) as Array<{ data: string }>;
    return { items: rows.map(recordOf), total: this.count(filter) };
  }

  /** The few most recent uploads (the tray menu). */
  recent(count: number): HistoryRecord[] {
    return this.page({ limit: count }).records;
  }

  /**
   * Listens for added, updated and removed records, from this process and (within `pollMs`,
   * 250 ms by default) from any other process using the same store.
   */
  onChange(listener: (change: HistoryChange) => void): () => void {
    if (this.listeners.size === 0 && !this.closed) {
      this.connection?.follower.skipToLatest();
      this.poller = setInterval(() => this.pollOthers(), this.options.pollMs ?? 250);
      this.poller.unref();
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopPolling();
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopPolling();
    this.listeners.clear();
    this.connection?.db.close();
  }

  // ---- inside ---------------------------------------------------------------------------------

  private complete(input: NewHistoryRecord): HistoryRecord {
    const createdAt = input.createdAt && !Number.isNaN(Date.parse(input.createdAt)) ? input.createdAt : new Date(this.options.now()).toISOString();
    return {
      ...input,
      id: input.id ?? randomUUID(),
      createdAt,
      status: input.status ?? 'done',
      uploaderLabel: input.uploaderLabel ?? this.options.labelOf?.(input.uploaderId) ?? input.uploaderId,
    };
  }

  /** Inserts one record; with `skipExisting`, an id or job already there is left alone. Resolves to rows inserted. */
  private insert(record: HistoryRecord, skipExisting: boolean): number {
    const verb = skipExisting ? 'INSERT OR IGNORE' : 'INSERT';
    const sql = `${verb} INTO records (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`;
    return Number(this.statement(sql).run(...rowValues(rowOf(record))).changes);
  }

  /** A write transaction, then this process's listeners hear of it (from the change log, as others do). */
  private write<T>(work: () => T, announce = true): T {
    let result: T;
    try {
      result = inWriteTransaction(this.db, work);
      this.unsynced = true;
    } catch (err) {
      throw err instanceof ShotputError ? err : writeFailed(err);
    }
    if (announce && this.listeners.size > 0) this.follower.catchUp();
    else this.follower.skipToLatest();
    if (++this.writesSincePrune >= PRUNE_EVERY_WRITES) this.pruneChangeLog();
    return result;
  }

  private count(filter: HistoryFilter): number {
    // Read the stamp before counting: a write in between makes the next call count again.
    const stamp = this.follower.latestSeq();
    if (stamp !== this.totals.stamp) this.totals = { stamp, byFilter: new Map() };
    const key = JSON.stringify([filter.search ?? '', filter.uploaders ?? [], filter.status ?? [], filter.from ?? null, filter.to ?? null]);
    let total = this.totals.byFilter.get(key);
    if (total === undefined) {
      const select = countSelect(filter);
      total = (this.statement(select.sql).get(...select.params) as { total: number }).total;
      if (this.totals.byFilter.size > 50) this.totals.byFilter.clear();
      this.totals.byFilter.set(key, total);
    }
    return total;
  }

  private readMany(ids: string[]): Map<string, HistoryRecord> {
    const found = new Map<string, HistoryRecord>();
    for (let i = 0; i < ids.length; i += 100) {
      const slice = ids.slice(i, i + 100);
      const rows = this.statement(`SELECT data FROM records WHERE id IN (${slice.map(() => '?').join(', ')})`).all(...slice) as Array<{ data: string }>;
      for (const row of rows) {
        const record = recordOf(row);
        found.set(record.id, record);
      }
    }
    return found;
  }

  private announce(change: HistoryChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        this.options.logger.warn(`A history listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private pollOthers(): void {
    // Until another process creates the store, there is nothing to follow (and nothing to create).
    if (this.closed || (!this.connection && !existsSync(this.options.path))) return;
    try {
      this.connected(true).follower.poll();
    } catch (err) {
      this.options.logger.warn(`Could not read other processes' history changes: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
  }

  private pruneChangeLog(): void {
    this.writesSincePrune = 0;
    try {
      this.statement('DELETE FROM changes WHERE at < unixepoch() - ?').run(CHANGE_LOG_KEEP_S);
    } catch (err) {
      // Only housekeeping: a busy store is pruned next time.
      this.options.logger.warn(`History change log not pruned: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size > 200) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** fsync of a file by path, off the event loop; a file SQLite has already folded back (gone) needs none. */
async function syncFile(path: string, logger: Logger): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn(`History: could not sync ${path} to disk: ${(err as Error).message}`);
  }
}

const SQLITE_BUSY = 5;
const isBusy = (err: unknown) => (err as { errcode?: number }).errcode === SQLITE_BUSY;

/**
 * WAL stays set in the file, so only the first process to open a new store switches to it.
 * Switching needs the file to itself, and SQLite does not wait for that (busy_timeout does not
 * apply): two processes opening a new store at the same moment made one fail with "database is
 * locked". It is tried again, briefly, until another process has switched it or the timeout.
 */
function useWal(db: DatabaseSync): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + BUSY_TIMEOUT_MS; ; ) {
    try {
      if ((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode === 'wal') return;
      db.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (err) {
      if (!isBusy(err) || Date.now() > deadline) throw err;
      Atomics.wait(pause, 0, 0, 10); // openStoreFile is synchronous: a short sleep, not a spin
    }
  }
}

function openStoreFile(path: string): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const isNew = !existsSync(path);
    db = new (sqlite().DatabaseSync)(path);
    // Before WAL: SQLite gives the -wal and -shm files the database file's mode.
    if (isNew) chmodSync(path, 0o600);
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    useWal(db);
    // NORMAL, in WAL mode: a commit is in the WAL file (the OS's cache) when it returns, so a
    // crash or kill of any Shotput process loses nothing and never corrupts the store, and no
    // fsync blocks the event loop (FULL took 2–100 ms per append on a busy disk). A power cut is
    // covered by flushed(), which syncs the WAL on the thread pool before the queue lets a job go.
    db.exec('PRAGMA synchronous = NORMAL');
    ensureSchema(db);
    return db;
  } catch (err) {
    db?.close();
    throw unreadableStore(path, err);
  }
}

function rowValues(row: RecordRow): SQLInputValue[] {
  return ROW_COLUMNS.map((column) => row[column]);
}

function notFound(id: string): ShotputError {
  return new ShotputError('history_not_found', `There is no upload with id ${id} in the history. Run \`shotput history\` to list them.`);
}

function sqliteMessage(err: unknown): string {
  return err instanceof Error ? ((err as { errstr?: string }).errstr ?? err.message).split('\n')[0]! : String(err);
}

function unreadableStore(path: string, err: unknown): ShotputError {
  if (err instanceof ShotputError) return err;
  if (err instanceof SchemaTooNewError) {
    return new ShotputError('history_too_new', `The history at ${path} was written by a newer Shotput (${err.message}). Update Shotput to open it.`, { cause: err });
  }
  return new ShotputError(
    'history_unreadable',
    `The history at ${path} cannot be opened: ${sqliteMessage(err)}. If the file is damaged, move it aside and Shotput starts a new, empty history.`,
    { cause: err },
  );
}

function writeFailed(err: unknown): ShotputError {
  const code = (err as { errcode?: number }).errcode;
  // Another process held the write lock past the timeout.
  if (isBusy(err)) return new ShotputError('history_busy', 'The history is busy: another Shotput process kept it locked for more than 10 s. Try again.', { cause: err });
  // SQLITE_FULL (13)
  if (code === 13) return new ShotputError('history_disk_full', 'The disk is full: the history could not be saved. Free some space and try again.', { cause: err });
  return new ShotputError('history_write_failed', `The history could not be saved: ${sqliteMessage(err)}.`, { cause: err });
}
