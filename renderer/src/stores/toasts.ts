import { create } from 'zustand';

export interface ToastAction {
  label: string;
  run(): void;
}

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** What was copied, shown as text under the message. */
  detail?: string;
  /** One line per file or upload concerned (each refused file with its reason). */
  items?: string[];
  action?: ToastAction;
}

interface ToastsState {
  toasts: Toast[];
  show(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

/** Confirmations fade after a few seconds; errors stay until dismissed, so they can be read. */
const INFO_MS = 6000;
const MAX_SHOWN = 4;
let nextId = 1;

/** Messages shown where the eye is (the window's lower corner), whatever view the user is in. */
export const useToasts = create<ToastsState>((set, get) => ({
  toasts: [],
  show(toast) {
    const id = nextId++;
    set({ toasts: [...get().toasts, { ...toast, id }].slice(-MAX_SHOWN) });
    if (toast.kind === 'info' && !toast.action) setTimeout(() => get().dismiss(id), INFO_MS);
    if (toast.kind === 'info' && toast.action) setTimeout(() => get().dismiss(id), INFO_MS * 2);
    return id;
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
