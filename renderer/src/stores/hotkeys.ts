import { create } from 'zustand';
import type { HotkeyStatus } from '../../../shared/actions.js';
import { call } from '../api/client.js';

interface HotkeysState {
  status: HotkeyStatus[];
  load(): Promise<void>;
  replace(status: HotkeyStatus[]): void;
}

/** Whether each action's hotkey is registered, and why not when it is not (from main). */
export const useHotkeys = create<HotkeysState>((set) => ({
  status: [],
  async load() {
    set({ status: await call('hotkeys.status', {}) });
  },
  replace(status) {
    set({ status });
  },
}));
