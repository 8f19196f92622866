import { create } from 'zustand';
import type { HistoryRecord } from '../../../shared/uploads.js';
import { ApiError, call } from '../api/client.js';
import { messageOf } from './messages.js';
import { useUploaders } from './uploaders.js';

const PAGE = 60;

interface HistoryState {
  items: HistoryRecord[];
  total: number;
  search: string;
  loaded: boolean;
  notice?: { kind: 'info' | 'error'; text: string; id?: string; deleteUnsupported?: boolean };
  load(search?: string): Promise<void>;
  more(): Promise<void>;
  copyLink(record: HistoryRecord): Promise<void>;
  open(record: HistoryRecord, which: 'viewer' | 'deletePage'): Promise<void>;
  remove(record: HistoryRecord, localOnly: boolean): Promise<boolean>;
  importImgur(): Promise<void>;
  importing: boolean;
}

export const useHistory = create<HistoryState>((set, get) => ({
  items: [],
  total: 0,
  search: '',
  loaded: false,
  importing: false,
  async load(search = get().search) {
    try {
      const page = await call('history.list', { search: search || undefined, limit: Math.max(PAGE, get().items.length) });
      set({ items: page.items, total: page.total, search, loaded: true });
    } catch (err) {
      set({ notice: { kind: 'error', text: messageOf(err) }, loaded: true });
    }
  },
  async more() {
    const page = await call('history.list', { search: get().search || undefined, limit: PAGE, offset: get().items.length });
    set({ items: [...get().items, ...page.items], total: page.total });
  },
  async copyLink(record) {
    try {
      const { text } = await call('history.copyLink', { id: record.id });
      set({ notice: { kind: 'info', text: `Copied: ${text}` } });
    } catch (err) {
      set({ notice: { kind: 'error', text: messageOf(err) } });
    }
  },
  async open(record, which) {
    try {
      await call('history.open', { id: record.id, which });
    } catch (err) {
      set({ notice: { kind: 'error', text: messageOf(err) } });
    }
  },
  async importImgur() {
    set({ importing: true, notice: { kind: 'info', text: 'Importing your Imgur images…' } });
    try {
      const { imported, alreadyThere } = await call('history.importImgur', {});
      set({ notice: { kind: 'info', text: `Imported ${imported} image${imported === 1 ? '' : 's'} from Imgur${alreadyThere ? `; ${alreadyThere} already here` : ''}.` } });
      await get().load();
    } catch (err) {
      set({ notice: { kind: 'error', text: messageOf(err) } });
    } finally {
      set({ importing: false });
    }
  },
  async remove(record, localOnly) {
    try {
      const { remote } = await call('history.delete', { id: record.id, localOnly });
      const service = useUploaders.getState().list.find((u) => u.id === record.uploaderId)?.label ?? record.uploaderId;
      set({ notice: { kind: 'info', text: remote === 'deleted' ? `Deleted ${record.fileName} from ${service}.` : `Removed ${record.fileName} from history.` } });
      await get().load();
      return true;
    } catch (err) {
      const text = messageOf(err);
      set({ notice: { kind: 'error', text, id: record.id, deleteUnsupported: err instanceof ApiError && err.code === 'delete_unsupported' } });
      return false;
    }
  },
}));
