import type { KeyValueStore } from './store.js';

export interface Migration {
  /** The schema version this migration produces. */
  version: number;
  description: string;
  up(store: KeyValueStore): void;
}

export const VERSION_KEY = 'meta.schemaVersion';

/**
 * Settings migrations, oldest first. Each takes the stored object from version - 1 to version;
 * add one whenever a key is renamed, moved or changes type, and never edit a released one.
 */
export const settingsMigrations: Migration[] = [
  {
    version: 1,
    description: 'Version 1 is the first schema; files written before it carry no version.',
    up() {},
  },
  {
    version: 2,
    description: 'Chevereto category ids are whole numbers (0 for none), no longer text.',
    up(store) {
      for (const id of ['imge', 'chevereto']) {
        const key = `uploaders.${id}.categoryId`;
        const value = store.get(key);
        if (typeof value !== 'string') continue;
        if (/^\s*\d+\s*$/.test(value)) store.set(key, Number(value));
        else store.delete(key);
      }
    },
  },
  {
    version: 3,
    description: 'Hotkeys are keyed by action id (hotkeys.capture.region, not hotkeys.captureRegion).',
    up(store) {
      const renamed: Record<string, string> = {
        'hotkeys.captureRegion': 'hotkeys.capture.region',
        'hotkeys.captureScreen': 'hotkeys.capture.screen',
        'hotkeys.uploadClipboard': 'hotkeys.upload.clipboard',
      };
      // The old defaults were never registered (capture did not exist): only a user's own choice moves.
      const oldDefaults = new Set(['CommandOrControl+Shift+4', 'CommandOrControl+Shift+3']);
      for (const [from, to] of Object.entries(renamed)) {
        const value = store.get(from);
        store.delete(from);
        if (typeof value === 'string' && !oldDefaults.has(value) && !store.has(to)) store.set(to, value);
      }
    },
  },
];

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings a store up to the latest schema. A store from a newer Shotput is left untouched (its
 * keys may mean something this version does not know) and reported, never rewritten.
 */
export function migrateSettings(store: KeyValueStore, migrations: readonly Migration[] = settingsMigrations): MigrationReport {
  const target = latestVersion(migrations);
  const stored = store.get(VERSION_KEY);
  const from = typeof stored === 'number' ? stored : 0;
  if (from >= target) return { from, to: from, applied: [] };
  const applied: string[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= from) continue;
    migration.up(store);
    store.set(VERSION_KEY, migration.version);
    applied.push(`${migration.version}: ${migration.description}`);
  }
  return { from, to: target, applied };
}
