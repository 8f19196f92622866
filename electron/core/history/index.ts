import { join } from 'node:path';
import { silentLogger, type Logger } from '../logger.js';
import { migrateJournal } from './journal-migration.js';
import { HistoryService, type HistoryOpenOptions } from './service.js';

/** Where a profile keeps its history. */
export function historyPaths(profileDir: string): { store: string; journal: string } {
  const dir = join(profileDir, 'history');
  return { store: join(dir, 'history.sqlite'), journal: join(dir, 'history.jsonl') };
}

/**
 * A profile's history store, with the old journal brought in on first start. Every process
 * (app, CLI, harness, bench) opens it this way.
 */
export async function openProfileHistory(profileDir: string, options: Omit<HistoryOpenOptions, 'path'> & { logger?: Logger } = {}): Promise<HistoryService> {
  const paths = historyPaths(profileDir);
  const history = await HistoryService.open({ ...options, path: paths.store });
  try {
    await migrateJournal(history, paths.journal, options.logger ?? silentLogger);
  } catch (err) {
    await history.close();
    throw err;
  }
  return history;
}
