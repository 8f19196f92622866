import { readFile, rename, stat } from 'node:fs/promises';
import type { HistoryRecord } from '../../../shared/uploads.js';
import type { Logger } from '../logger.js';
import type { HistoryService } from './service.js';

/** The operations of the JSON-lines journal that held history before the SQLite store. */
type JournalOp =
  | { op: 'add'; record: HistoryRecord }
  | { op: 'update'; id: string; patch: Partial<HistoryRecord> }
  | { op: 'remove'; id: string };

/**
 * Brings the old journal (history.jsonl) into the store: replays it, inserts every record not
 * already there in one go, and only once that has committed renames the journal to
 * `history.jsonl.migrated` (kept, never deleted). A crash before the rename just means the next
 * start does it again: records already there are skipped. A torn last line (a crash mid-append
 * in the old version) is skipped and reported; the file itself is left as it was.
 * Resolves to how many records were brought in.
 */
export async function migrateJournal(history: HistoryService, journalPath: string, logger: Logger): Promise<number> {
  let text: string;
  try {
    text = await readFile(journalPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const { records, damaged } = replay(text);
  if (damaged > 0) logger.warn(`History: skipped ${damaged} damaged line(s) of ${journalPath} while moving it to the new store.`);
  const inserted = history.addMany(records);
  try {
    await rename(journalPath, await freeName(`${journalPath}.migrated`));
  } catch (err) {
    // Harmless: the records are in the store, and the next start skips them.
    logger.warn(`History: ${journalPath} is in the new store but could not be renamed: ${(err as Error).message}`);
  }
  logger.info(`History: moved ${inserted} record(s) from ${journalPath} to the new store.`);
  return inserted;
}

function replay(text: string): { records: HistoryRecord[]; damaged: number } {
  const records = new Map<string, HistoryRecord>();
  let damaged = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let op: JournalOp;
    try {
      op = JSON.parse(line) as JournalOp;
    } catch {
      damaged++;
      continue;
    }
    if (op.op === 'add' && op.record && typeof op.record.id === 'string') records.set(op.record.id, op.record);
    else if (op.op === 'update') {
      const current = records.get(op.id);
      if (current) records.set(op.id, { ...current, ...op.patch, id: op.id });
    } else if (op.op === 'remove') records.delete(op.id);
    else damaged++;
  }
  return { records: [...records.values()], damaged };
}

/** `path`, or `path.2`, `path.3`… if an earlier migration's file is still there. */
async function freeName(path: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : `${path}.${n}`;
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}
