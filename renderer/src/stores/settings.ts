import { create } from 'zustand';
import type { SettingSection, SettingValue } from '../../../shared/settings/fields.js';
import { call } from '../api/client.js';
import { messageOf } from './messages.js';

type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; message: string };

interface SettingsState {
  load: LoadState;
  sections: SettingSection[];
  values: Record<string, SettingValue>;
  secrets: Record<string, boolean>;
  /** The refusal message per field, from the core's validation. */
  errors: Record<string, string>;
  /** The last change that was saved, for the status line. */
  lastSaved?: { key: string; at: number };
  fetch(): Promise<void>;
  /** Re-reads values after another window, the CLI or the core changed them. */
  refresh(): Promise<void>;
  /** Re-reads sections and values (an uploader was added or removed) without a loading state. */
  reload(): Promise<void>;
  save(key: string, value: SettingValue): Promise<boolean>;
  reset(key: string): Promise<void>;
  clearError(key: string): void;
}

export const useSettings = create<SettingsState>((set, get) => ({
  load: { status: 'loading' },
  sections: [],
  values: {},
  secrets: {},
  errors: {},
  async fetch() {
    set({ load: { status: 'loading' } });
    try {
      const [sections, snapshot] = await Promise.all([call('settings.describe', {}), call('settings.get', {})]);
      set({ sections, values: snapshot.values, secrets: snapshot.secrets, load: { status: 'ready' } });
    } catch (err) {
      set({ load: { status: 'failed', message: messageOf(err) } });
    }
  },
  async refresh() {
    if (get().load.status !== 'ready') return;
    const snapshot = await call('settings.get', {});
    set({ values: snapshot.values, secrets: snapshot.secrets });
  },
  async reload() {
    if (get().load.status !== 'ready') return;
    const [sections, snapshot] = await Promise.all([call('settings.describe', {}), call('settings.get', {})]);
    set({ sections, values: snapshot.values, secrets: snapshot.secrets });
  },
  async save(key, value) {
    // Shown at once; put back if the core refuses it.
    const previous = get().values[key];
    const isSecret = key in get().secrets;
    if (!isSecret) set({ values: { ...get().values, [key]: value } });
    try {
      const snapshot = await call('settings.set', { key, value });
      const { [key]: _dropped, ...errors } = get().errors;
      set({ values: snapshot.values, secrets: snapshot.secrets, errors, lastSaved: { key, at: Date.now() } });
      return true;
    } catch (err) {
      const values = isSecret || previous === undefined ? get().values : { ...get().values, [key]: previous };
      set({ values, errors: { ...get().errors, [key]: messageOf(err) } });
      return false;
    }
  },
  async reset(key) {
    try {
      const snapshot = await call('settings.reset', { key });
      const { [key]: _dropped, ...errors } = get().errors;
      set({ values: snapshot.values, secrets: snapshot.secrets, errors, lastSaved: { key, at: Date.now() } });
    } catch (err) {
      set({ errors: { ...get().errors, [key]: messageOf(err) } });
    }
  },
  clearError(key) {
    const { [key]: _dropped, ...errors } = get().errors;
    set({ errors });
  },
}));
