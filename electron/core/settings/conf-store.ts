import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type ConfClass from 'conf';
import type { KeyValueStore } from './store.js';

const load = createRequire(import.meta.url);

function openConf(profileDir: string): KeyValueStore {
  const Conf = (load('conf') as { default: typeof ConfClass }).default;
  const conf = new Conf<Record<string, unknown>>({
    cwd: profileDir,
    configName: 'settings',
    projectName: 'shotput',
    clearInvalidConfig: false,
    configFileMode: 0o600,
  });
  return conf as unknown as KeyValueStore;
}

/** The file's object, or undefined when it is not a JSON object (conf then says what is wrong). */
function readSnapshot(path: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? {} : undefined;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function atPath(object: Record<string, unknown>, key: string): { found: boolean; value?: unknown } {
  let node: unknown = object;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return { found: false };
    node = (node as Record<string, unknown>)[part];
  }
  return { found: true, value: node };
}

/**
 * The settings file outside Electron: `<profile>/settings.json`, written atomically by conf.
 * Reading it needs no conf: a run that only reads settings (an upload, say) parses the JSON, and
 * conf (with the schema validator it always loads) is loaded at the first change.
 */
export function openConfStore(profileDir: string): KeyValueStore {
  const path = join(profileDir, 'settings.json');
  const snapshot = readSnapshot(path);
  if (!snapshot) return openConf(profileDir);
  let conf: KeyValueStore | undefined;
  const writer = () => (conf ??= openConf(profileDir));
  return {
    get: (key) => (conf ? conf.get(key) : atPath(snapshot, key).value),
    has: (key) => (conf ? conf.has(key) : atPath(snapshot, key).found),
    set: (key, value) => writer().set(key, value),
    delete: (key) => writer().delete(key),
    get store() {
      return conf ? conf.store : structuredClone(snapshot);
    },
    path,
  };
}
