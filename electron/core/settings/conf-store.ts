import Conf from 'conf';
import type { KeyValueStore } from './store.js';

/** The settings file outside Electron: `<profile>/settings.json`, written atomically by conf. */
export function openConfStore(profileDir: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: profileDir,
    configName: 'settings',
    projectName: 'shotput',
    clearInvalidConfig: false,
    configFileMode: 0o600,
  });
  return conf as unknown as KeyValueStore;
}
