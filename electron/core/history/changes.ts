import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { HistoryChange, HistoryRecord } from '../../../shared/uploads.js';

/** Change-log rows read and announced at once; a bulk write elsewhere arrives in slices this size. */
const BATCH = 500;

/**
 * Follows the `changes` log (written by triggers in every process) and turns what is new since
 * the last look into incremental events. Other processes' commits are noticed through
 * `PRAGMA data_version`, which changes only when another connection has written: a cheap check
 * to run a few times a second.
 */
export class ChangeFollower {
  private lastSeq: number;
  private dataVersion: number;
  private readonly newSince: StatementSync;
  private readonly version: StatementSync;
  private readonly latest: StatementSync;

  constructor(
    db: DatabaseSync,
    private readonly read: (ids: string[]) => Map<string, HistoryRecord>,
    private readonly emit: (change: HistoryChange) => void,
    /** Where to start following; the latest change unless given. */
    fromSeq?: number,
  ) {
    this.newSince = db.prepare('SELECT seq, record_id, kind FROM changes WHERE seq > ? ORDER BY seq LIMIT ?');
    this.version = db.prepare('PRAGMA data_version');
    this.latest = db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0) AS seq");
    this.lastSeq = fromSeq ?? this.latestSeq();
    // A follower starting behind the latest change reads on its first poll.
    this.dataVersion = fromSeq === undefined ? this.currentDataVersion() : -1;
  }

  /** The newest change anyone has made: a stamp that moves with every write, in any process. */
  latestSeq(): number {
    return (this.latest.get() as { seq: number }).seq;
  }

  /** Announces other processes' writes, if there were any since the last poll. */
  poll(): void {
    const version = this.currentDataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    this.catchUp();
  }

  /** Announces everything logged since the last call (this process's writes and others'). */
  catchUp(): void {
    for (;;) {
      const rows = this.newSince.all(this.lastSeq, BATCH) as Array<{ seq: number; record_id: string; kind: 'added' | 'updated' | 'removed' }>;
      if (rows.length === 0) return;
      this.lastSeq = rows[rows.length - 1]!.seq;
      const change = this.coalesce(rows);
      if (change.added.length + change.updated.length + change.removed.length > 0) this.emit(change);
      if (rows.length < BATCH) return;
    }
  }

  /** Skips what is logged so far without reading it (nobody is listening). */
  skipToLatest(): void {
    this.lastSeq = this.latestSeq();
    this.dataVersion = this.currentDataVersion();
  }

  /** One entry per record: its last state counts (added then updated is still "added"). */
  private coalesce(rows: Array<{ record_id: string; kind: 'added' | 'updated' | 'removed' }>): HistoryChange {
    const kinds = new Map<string, 'added' | 'updated' | 'removed'>();
    for (const { record_id: id, kind } of rows) {
      const before = kinds.get(id);
      kinds.set(id, kind === 'updated' && before === 'added' ? 'added' : kind);
    }
    const present = this.read([...kinds].filter(([, kind]) => kind !== 'removed').map(([id]) => id));
    const change: HistoryChange = { added: [], updated: [], removed: [] };
    for (const [id, kind] of kinds) {
      const record = present.get(id);
      if (kind === 'removed' || !record) change.removed.push(id);
      else change[kind].push(record);
    }
    return change;
  }

  private currentDataVersion(): number {
    return (this.version.get() as { data_version: number }).data_version;
  }
}
