import Store from 'electron-store';
import type { KeyValueStore } from '../core/settings/store.js';

/** The app's settings file: electron-store in the profile folder, same layout as conf in the CLI. */
export function openElectronStore(profileDir: string): KeyValueStore {
  return new Store<Record<string, unknown>>({ cwd: profileDir, name: 'settings', clearInvalidConfig: false, configFileMode: 0o600 }) as unknown as KeyValueStore;
}
