import type { DatabaseSync } from 'node:sqlite';

type SqliteModule = typeof import('node:sqlite');
let loaded: SqliteModule | undefined;

/**
 * node:sqlite, loaded on first use without its "experimental feature" warning: the CLI's output
 * is read by scripts, and the warning says nothing a user can act on. Other warnings pass.
 */
export function sqlite(): SqliteModule {
  if (loaded) return loaded;
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/SQLite is an experimental feature/i.test(text)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    loaded = process.getBuiltinModule('node:sqlite') as SqliteModule | undefined;
  } finally {
    process.emitWarning = emitWarning;
  }
  if (!loaded) throw new Error(`node:sqlite is not available in Node ${process.versions.node}; Shotput needs Node 22.12 or later.`);
  return loaded;
}

/**
 * Runs `work` in one write transaction. IMMEDIATE takes the write lock at once, so two
 * processes writing together wait for each other (busy_timeout) instead of failing halfway.
 */
export function inWriteTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // SQLite already rolled back (an I/O error or a full disk ends the transaction itself).
    }
    throw err;
  }
}
