import { create } from 'zustand';
import type { ImgurStatus, UploaderInfo } from '../../../shared/uploaders.js';
import { call } from '../api/client.js';
import { messageOf } from './messages.js';

export type CheckState = { status: 'checking' } | { status: 'ok'; message: string } | { status: 'failed'; message: string };

interface UploadersState {
  list: UploaderInfo[];
  /** The last "Test connection" per uploader id. */
  checks: Record<string, CheckState>;
  imgur?: ImgurStatus;
  /** A refusal of the last Connect/Disconnect click, said at once. */
  imgurError?: string;
  load(): Promise<void>;
  verify(id: string): Promise<void>;
  loadImgur(): Promise<void>;
  setImgur(status: ImgurStatus): void;
  connectImgur(): Promise<void>;
  cancelImgur(): Promise<void>;
  disconnectImgur(): Promise<void>;
}

/** A person's name for an uploader id ("IM.GE" for imge), once the list has loaded. */
export function useUploaderLabel(id: string): string {
  return useUploaders((s) => s.list.find((u) => u.id === id)?.label ?? id);
}

/** The same, outside components (messages built in stores). */
export function uploaderLabel(id: string): string {
  return useUploaders.getState().list.find((u) => u.id === id)?.label ?? id;
}

export const useUploaders = create<UploadersState>((set, get) => ({
  list: [],
  checks: {},
  async load() {
    set({ list: await call('uploaders.list', {}) });
  },
  async verify(id) {
    set({ checks: { ...get().checks, [id]: { status: 'checking' } } });
    try {
      const { message } = await call('uploaders.verify', { id });
      set({ checks: { ...get().checks, [id]: { status: 'ok', message } } });
    } catch (err) {
      set({ checks: { ...get().checks, [id]: { status: 'failed', message: messageOf(err) } } });
    }
  },
  async loadImgur() {
    set({ imgur: await call('imgur.status', {}) });
  },
  setImgur(status) {
    set({ imgur: status });
  },
  async connectImgur() {
    set({ imgurError: undefined });
    try {
      const { authorizeUrl } = await call('imgur.connect', {});
      const current = get().imgur;
      if (current && !current.connected) set({ imgur: { ...current, connecting: true, authorizeUrl, error: undefined } });
    } catch (err) {
      set({ imgurError: messageOf(err) });
    }
  },
  async cancelImgur() {
    set({ imgur: await call('imgur.cancelConnect', {}) });
  },
  async disconnectImgur() {
    set({ imgurError: undefined });
    try {
      set({ imgur: await call('imgur.disconnect', {}) });
    } catch (err) {
      set({ imgurError: messageOf(err) });
    }
  },
}));
