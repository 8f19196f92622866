import { create } from 'zustand';
import type { ViewName } from '../../../shared/ipc/contract.js';

interface NavigationState {
  view: ViewName;
  /** A settings field to bring into view and focus (an error said it needs a value). */
  settingToOpen?: string;
  show(view: ViewName): void;
  openSetting(key: string): void;
  settingOpened(): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  view: 'history',
  show: (view) => set({ view }),
  openSetting: (key) => set({ view: 'settings', settingToOpen: key }),
  settingOpened: () => set({ settingToOpen: undefined }),
}));
