import { create } from 'zustand';
import type { ViewName } from '../../../shared/ipc/contract.js';

interface NavigationState {
  view: ViewName;
  show(view: ViewName): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  view: 'history',
  show: (view) => set({ view }),
}));
