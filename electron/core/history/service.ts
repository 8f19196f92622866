import { randomUUID } from 'node:crypto';
import type { HistoryChange, HistoryPage, HistoryPageQuery, HistoryPageResult, HistoryRecord, NewHistoryRecord } from '../../../shared/uploads.js';
import { ShotputError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { Journal } from './journal.js';
import { pageHistory } from './page.js';

type HistoryOp =
  | { op: 'add'; record: HistoryRecord }
  | { op: 'update'; id: string; patch: Partial<HistoryRecord> }
  | { op: 'remove'; id: string };

export interface HistoryQuery {
  search?: string;
  limit?: number;
  offset?: number;
  uploaderId?: string;
}

/**
 * The upload log: every upload and import, newest first. Persisted as a journal of operations
 * (crash-safe appends), held in memory for queries, compacted when mostly superseded.
 */
export class HistoryService {
  private readonly records = new Map<string, HistoryRecord>();
  /** Newest first; rebuilt lazily after changes. */
  private ordered: HistoryRecord[] | undefined;
  private opsInLog = 0;
  private readonly listeners = new Set<(change: HistoryChange) => void>();

  private constructor(
    private readonly journal: Journal<HistoryOp>,
    private readonly logger: Logger,
  ) {}

  static async open(path: string, logger: Logger = silentLogger): Promise<HistoryService> {
    const service = new HistoryService(new Journal<HistoryOp>(path), logger);
    const { ops, dropped } = await service.journal.replay();
    if (dropped > 0) logger.warn(`History: skipped ${dropped} damaged line(s) in ${path}.`);
    for (const op of ops) service.apply(op);
    service.opsInLog = ops.length;
    return service;
  }

  async add(input: NewHistoryRecord): Promise<HistoryRecord> {
    const record: HistoryRecord = {
      ...input,
      id: input.id ?? randomUUID(),
      createdAt: input.createdAt ?? new Date().toISOString(),
      status: input.status ?? 'done',
      uploaderLabel: input.uploaderLabel ?? input.uploaderId,
    };
    await this.write({ op: 'add', record });
    return record;
  }

  async update(id: string, patch: Partial<Omit<HistoryRecord, 'id'>>): Promise<HistoryRecord> {
    this.require(id);
    await this.write({ op: 'update', id, patch });
    return this.require(id);
  }

  async remove(id: string): Promise<void> {
    this.require(id);
    await this.write({ op: 'remove', id });
  }

  get(id: string): HistoryRecord | undefined {
    return this.records.get(id);
  }

  require(id: string): HistoryRecord {
    const record = this.records.get(id);
    if (!record) throw new ShotputError('history_not_found', `There is no upload with id ${id} in the history. Run \`shotput history\` to list them.`);
    return record;
  }

  /** Whether an imported or uploaded image with this remote id is already recorded. */
  hasRemote(uploaderId: string, remoteId: string): boolean {
    for (const r of this.records.values()) if (r.uploaderId === uploaderId && r.remoteId === remoteId) return true;
    return false;
  }

  list(query: HistoryQuery = {}): HistoryPage {
    const terms = (query.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    let items = this.newestFirst();
    if (query.uploaderId) items = items.filter((r) => r.uploaderId === query.uploaderId);
    if (terms.length > 0) {
      items = items.filter((r) => {
        const haystack = [r.fileName, r.url, r.viewerUrl, r.uploaderId, r.remoteId].filter(Boolean).join(' ').toLowerCase();
        return terms.every((t) => haystack.includes(t));
      });
    }
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 100;
    return { items: items.slice(offset, offset + limit), total: items.length };
  }

  /** Interim (in memory) until the SQLite store lands: same contract as history.page. */
  page(query: HistoryPageQuery): HistoryPageResult {
    return pageHistory(this.newestFirst(), query);
  }

  /** The few most recent uploads (the tray menu). */
  recent(count: number): HistoryRecord[] {
    return this.newestFirst().slice(0, count);
  }

  onChange(listener: (change: HistoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private async write(op: HistoryOp): Promise<void> {
    await this.journal.append(op);
    this.apply(op);
    this.opsInLog++;
    const change: HistoryChange = { added: op.op === 'add' ? [op.record] : [], updated: op.op === 'update' ? [this.require(op.id)] : [], removed: op.op === 'remove' ? [op.id] : [] };
    for (const listener of this.listeners) listener(change);
    if (this.opsInLog > 1000 && this.opsInLog > 2 * this.records.size) await this.compact();
  }

  private async compact(): Promise<void> {
    const ops: HistoryOp[] = [...this.records.values()].map((record) => ({ op: 'add', record }));
    await this.journal.rewrite(ops);
    this.opsInLog = ops.length;
    this.logger.info(`History compacted to ${ops.length} records.`);
  }

  private apply(op: HistoryOp): void {
    this.ordered = undefined;
    switch (op.op) {
      case 'add':
        this.records.set(op.record.id, op.record);
        break;
      case 'update': {
        const current = this.records.get(op.id);
        if (current) this.records.set(op.id, { ...current, ...op.patch, id: op.id });
        break;
      }
      case 'remove':
        this.records.delete(op.id);
        break;
    }
  }

  private newestFirst(): HistoryRecord[] {
    this.ordered ??= [...this.records.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    return this.ordered;
  }
}
