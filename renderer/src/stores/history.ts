import { create } from 'zustand';
import type { HistoryChange, HistoryPageQuery, HistoryRecord, HistoryStatus, LinkFormat, LocalFile } from '../../../shared/uploads.js';
import { LINK_FORMAT_LABELS } from '../../../shared/uploads.js';
import { ApiError, call } from '../api/client.js';
import { messageOf } from './messages.js';
import { useToasts } from './toasts.js';
import { uploaderLabel } from './uploaders.js';

/** Rows per request: one screenful many times over, and a small answer. */
const PAGE = 200;

export type SortBy = 'date' | 'size' | 'name';
export interface HistoryFilters {
  search: string;
  uploaders: string[];
  status: HistoryStatus[];
  /** yyyy-mm-dd, as the date inputs give them; '' for open-ended. */
  from: string;
  to: string;
  sort: { by: SortBy; dir: 'asc' | 'desc' };
}

export const DEFAULT_FILTERS: HistoryFilters = { search: '', uploaders: [], status: [], from: '', to: '', sort: { by: 'date', dir: 'desc' } };

/**
 * The history window onto a store of any size: pages are fetched by cursor from the top (`head`)
 * and, for End or a jump near the bottom, from the bottom with the sort reversed (`tail`). Rows
 * in between are placeholders until one side reaches them.
 */
interface HistoryState {
  filters: HistoryFilters;
  head: HistoryRecord[];
  headCursor: string | null;
  tail: HistoryRecord[];
  tailCursor: string | null;
  tailStarted: boolean;
  total: number;
  loaded: boolean;
  loading: boolean;
  /** Bumped on every new query so late answers to an old one are dropped. */
  generation: number;
  selected: ReadonlySet<string>;
  /** Where Shift extends a selection from. */
  anchor: number;
  /** The row the keyboard is on. */
  focus: number;
  /** The record whose details are shown. */
  detailsId?: string;
  detailsRecord?: HistoryRecord;
  /** The details record's file on this computer: undefined while asked, null when it has none. */
  detailsFile?: LocalFile | null;
  importing: boolean;
  setFilters(patch: Partial<HistoryFilters>): void;
  reload(): Promise<void>;
  recordAt(index: number): HistoryRecord | undefined;
  /** Fetches what is missing for rows first..last (one page per call; call again until they are there). */
  ensure(first: number, last: number): Promise<void>;
  applyChange(change: HistoryChange): void;
  select(index: number, how: { shift?: boolean; toggle?: boolean }): void;
  selectAll(): void;
  clearSelection(): void;
  setFocus(index: number): void;
  showDetails(id: string | undefined): Promise<void>;
  selectedRecords(): HistoryRecord[];
  /** The records with these ids: loaded ones as they are, others asked for. Ids no longer in history are left out. */
  recordsOf(ids: string[]): Promise<HistoryRecord[]>;
  copy(ids: string[], format: LinkFormat): Promise<void>;
  copyNamed(record: HistoryRecord, link: string, label: string): Promise<void>;
  open(record: HistoryRecord, which: 'viewer' | 'image' | 'deletePage'): Promise<void>;
  /** Opens the upload's own local file, or shows it in the file manager. */
  openLocal(record: HistoryRecord, how: 'open' | 'showInFolder'): Promise<void>;
  /** Opens the upload's image in the editor; Enter there uploads the edit as a new entry. */
  edit(record: HistoryRecord): Promise<void>;
  deleteFromHost(records: HistoryRecord[]): Promise<void>;
  removeFromHistory(records: HistoryRecord[]): Promise<void>;
  retry(record: HistoryRecord): Promise<void>;
  importImgur(): Promise<void>;
}

function toQuery(filters: HistoryFilters, reversed: boolean): Omit<HistoryPageQuery, 'cursor' | 'limit'> {
  const dayStart = (text: string) => (text ? new Date(`${text}T00:00:00`).getTime() : undefined);
  const to = dayStart(filters.to);
  return {
    search: filters.search.trim() || undefined,
    uploaders: filters.uploaders.length > 0 ? filters.uploaders : undefined,
    status: filters.status.length > 0 ? filters.status : undefined,
    from: dayStart(filters.from),
    to: to === undefined ? undefined : to + 24 * 3600 * 1000 - 1,
    sort: { by: filters.sort.by, dir: reversed ? (filters.sort.dir === 'asc' ? 'desc' : 'asc') : filters.sort.dir },
  };
}

const isDefaultQuery = (f: HistoryFilters) =>
  !f.search.trim() && f.uploaders.length === 0 && f.status.length === 0 && !f.from && !f.to && f.sort.by === 'date' && f.sort.dir === 'desc';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export const useHistory = create<HistoryState>((set, get) => {
  const toast = useToasts.getState();
  const fail = (err: unknown, action?: Parameters<typeof toast.show>[0]['action']) => toast.show({ kind: 'error', text: messageOf(err), action });

  /** Drops records the store no longer has from everything loaded. */
  const forget = (ids: string[]) => {
    const gone = new Set(ids);
    const { head, tail, selected, total, detailsId } = get();
    const headLeft = head.filter((r) => !gone.has(r.id));
    const tailLeft = tail.filter((r) => !gone.has(r.id));
    const removed = head.length - headLeft.length + (tail.length - tailLeft.length);
    const stillSelected = new Set([...selected].filter((id) => !gone.has(id)));
    set({
      head: headLeft,
      tail: tailLeft,
      total: Math.max(0, total - Math.max(removed, 0)),
      selected: stillSelected,
      ...(detailsId && gone.has(detailsId) ? { detailsId: undefined, detailsRecord: undefined } : {}),
    });
  };

  /** Whether the details record's local file is still there (it may be moved at any time). */
  const checkLocalFile = async (id: string) => {
    try {
      const file = await call('history.localFile', { id });
      if (get().detailsId === id) set({ detailsFile: file });
    } catch {
      if (get().detailsId === id) set({ detailsFile: null });
    }
  };

  const fetchPage = async (side: 'head' | 'tail') => {
    const state = get();
    const generation = state.generation;
    const cursor = side === 'head' ? state.headCursor : state.tailCursor;
    const page = await call('history.page', { ...toQuery(state.filters, side === 'tail'), cursor, limit: PAGE });
    if (get().generation !== generation) return;
    if (side === 'head') set({ head: [...get().head, ...page.records], headCursor: page.nextCursor, total: page.total, loaded: true });
    else set({ tail: [...get().tail, ...page.records], tailCursor: page.nextCursor, tailStarted: true, total: page.total });
  };

  return {
    filters: DEFAULT_FILTERS,
    head: [],
    headCursor: null,
    tail: [],
    tailCursor: null,
    tailStarted: false,
    total: 0,
    loaded: false,
    loading: false,
    generation: 0,
    selected: new Set(),
    anchor: 0,
    focus: 0,
    importing: false,

    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      void get().reload();
    },

    async reload() {
      set({ generation: get().generation + 1, head: [], headCursor: null, tail: [], tailCursor: null, tailStarted: false, loading: true });
      try {
        await fetchPage('head');
      } catch (err) {
        set({ loaded: true });
        fail(err);
      } finally {
        set({ loading: false });
      }
    },

    recordAt(index) {
      const { head, tail, total } = get();
      if (index < head.length) return head[index];
      const fromEnd = total - 1 - index;
      return fromEnd >= 0 && fromEnd < tail.length ? tail[fromEnd] : undefined;
    },

    async ensure(first, last) {
      const { head, tail, total, headCursor, tailCursor, tailStarted, loading } = get();
      if (loading || total === 0) return;
      const gapStart = head.length;
      const gapEnd = total - tail.length; // exclusive
      if (gapStart >= gapEnd || last < gapStart || first >= gapEnd) return;
      // Walk from whichever loaded side is nearer the rows wanted.
      const fromHead = first - gapStart <= gapEnd - 1 - last || (tailStarted && tailCursor === null);
      if (fromHead && headCursor === null && head.length > 0) return;
      set({ loading: true });
      try {
        await fetchPage(fromHead ? 'head' : 'tail');
        const after = get();
        // The two sides met: one list, without the records both fetched.
        if (after.head.length + after.tail.length >= after.total) {
          const seen = new Set(after.head.map((r) => r.id));
          const rest = [...after.tail].reverse().filter((r) => !seen.has(r.id));
          set({ head: [...after.head, ...rest], tail: [], headCursor: null, tailCursor: null, tailStarted: true });
        }
      } catch (err) {
        fail(err);
      } finally {
        set({ loading: false });
      }
    },

    applyChange(change) {
      if (change.removed.length > 0) forget(change.removed);
      if (change.updated.length > 0) {
        const byId = new Map(change.updated.map((r) => [r.id, r]));
        const swap = (list: HistoryRecord[]) => list.map((r) => byId.get(r.id) ?? r);
        const details = get().detailsId;
        set({ head: swap(get().head), tail: swap(get().tail), ...(details && byId.has(details) ? { detailsRecord: byId.get(details) } : {}) });
      }
      if (change.added.length > 0) {
        const known = new Set(get().head.map((r) => r.id));
        const added = change.added.filter((r) => !known.has(r.id));
        if (added.length === 0) return;
        if (isDefaultQuery(get().filters)) {
          // Newest first: new uploads go on top, and every row below moves down by as many.
          const fresh = [...added].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
          set({ head: [...fresh, ...get().head], total: get().total + fresh.length, focus: get().focus + fresh.length, anchor: get().anchor + fresh.length });
        } else {
          // Where a new record falls under a search or another sort is the store's to say.
          void get().reload();
        }
      }
    },

    select(index, how) {
      const record = get().recordAt(index);
      if (!record) return;
      const { anchor, selected } = get();
      if (how.shift) {
        const [from, to] = anchor <= index ? [anchor, index] : [index, anchor];
        const next = new Set(how.toggle ? selected : []);
        for (let i = from; i <= to; i++) {
          const r = get().recordAt(i);
          if (r) next.add(r.id);
        }
        set({ selected: next, focus: index });
      } else if (how.toggle) {
        const next = new Set(selected);
        if (next.has(record.id)) next.delete(record.id);
        else next.add(record.id);
        set({ selected: next, anchor: index, focus: index });
      } else {
        set({ selected: new Set([record.id]), anchor: index, focus: index });
      }
      void get().showDetails(record.id);
    },

    selectAll() {
      const all = [...get().head, ...get().tail];
      set({ selected: new Set(all.map((r) => r.id)) });
      if (all.length < get().total) {
        toast.show({ kind: 'info', text: `Selected the ${plural(all.length, 'upload')} loaded so far; scroll further to load and select more.` });
      }
    },

    clearSelection() {
      set({ selected: new Set() });
    },

    setFocus(index) {
      set({ focus: Math.max(0, Math.min(index, get().total - 1)) });
    },

    async showDetails(id) {
      if (!id) {
        set({ detailsId: undefined, detailsRecord: undefined, detailsFile: undefined });
        return;
      }
      const loaded = [...get().head, ...get().tail].find((r) => r.id === id);
      set({ detailsId: id, detailsRecord: loaded, detailsFile: loaded && !loaded.localPath ? null : undefined });
      let record = loaded;
      if (!loaded) {
        try {
          record = (await call('history.get', { id })) ?? undefined;
          if (get().detailsId === id) set({ detailsRecord: record, detailsFile: record?.localPath ? undefined : null });
        } catch (err) {
          fail(err);
        }
      }
      if (record?.localPath) await checkLocalFile(id);
    },

    selectedRecords() {
      const { selected } = get();
      return [...get().head, ...get().tail].filter((r) => selected.has(r.id));
    },

    async recordsOf(ids) {
      const loaded = new Map([...get().head, ...get().tail].map((r) => [r.id, r]));
      const records = await Promise.all(ids.map(async (id) => loaded.get(id) ?? (await call('history.get', { id })) ?? undefined));
      return records.filter((r): r is HistoryRecord => r !== undefined);
    },

    async copy(ids, format) {
      try {
        const { text, count } = await call('history.copy', { ids, format });
        toast.show({
          kind: 'info',
          text: count === 1 ? `Copied as ${LINK_FORMAT_LABELS[format]}:` : `Copied ${plural(count, 'link')} as ${LINK_FORMAT_LABELS[format]}:`,
          detail: text,
        });
      } catch (err) {
        fail(err);
      }
    },

    async copyNamed(record, link, label) {
      try {
        const { text } = await call('history.copy', { ids: [record.id], link });
        toast.show({ kind: 'info', text: `Copied the ${label.toLowerCase()} of ${record.fileName}:`, detail: text });
      } catch (err) {
        fail(err);
      }
    },

    async open(record, which) {
      try {
        await call('history.open', { id: record.id, which });
      } catch (err) {
        fail(err);
      }
    },

    async openLocal(record, how) {
      try {
        await call('history.openLocal', { id: record.id, how });
      } catch (err) {
        fail(err);
        // Moved or deleted since the details were shown: say so there too.
        if (get().detailsId === record.id) await checkLocalFile(record.id);
      }
    },

    async edit(record) {
      try {
        toast.show({ kind: 'info', text: `Opening ${record.fileName} in the editor…` });
        await call('history.edit', { id: record.id });
      } catch (err) {
        fail(err);
      }
    },

    async deleteFromHost(records) {
      const deleted: HistoryRecord[] = [];
      const refused: Array<{ record: HistoryRecord; message: string; unsupported: boolean }> = [];
      for (const record of records) {
        try {
          await call('history.delete', { id: record.id });
          deleted.push(record);
        } catch (err) {
          refused.push({ record, message: messageOf(err), unsupported: err instanceof ApiError && err.code === 'delete_unsupported' });
        }
      }
      forget(deleted.map((r) => r.id));
      if (deleted.length > 0) {
        const hosts = [...new Set(deleted.map((r) => uploaderLabel(r.uploaderId)))].join(', ');
        toast.show({ kind: 'info', text: deleted.length === 1 ? `Deleted ${deleted[0]!.fileName} from ${hosts}.` : `Deleted ${plural(deleted.length, 'upload')} from ${hosts}.` });
      }
      if (refused.length > 0) {
        const keepable = refused.filter((r) => r.unsupported).map((r) => r.record);
        toast.show({
          kind: 'error',
          text: refused.length === 1 ? `Not deleted: ${refused[0]!.record.fileName}.` : `Not deleted: ${plural(refused.length, 'upload')}.`,
          items: refused.map((r) => `${r.record.fileName}: ${r.message}`),
          action: keepable.length > 0 ? { label: 'Remove from history only', run: () => void get().removeFromHistory(keepable) } : undefined,
        });
      }
    },

    async removeFromHistory(records) {
      const removed: HistoryRecord[] = [];
      for (const record of records) {
        try {
          await call('history.delete', { id: record.id, localOnly: true });
          removed.push(record);
        } catch (err) {
          fail(err);
        }
      }
      forget(removed.map((r) => r.id));
      if (removed.length > 0) {
        toast.show({
          kind: 'info',
          text: removed.length === 1 ? `Removed ${removed[0]!.fileName} from history; it is still on ${uploaderLabel(removed[0]!.uploaderId)}.` : `Removed ${plural(removed.length, 'upload')} from history; they are still on their hosts.`,
        });
      }
    },

    async retry(record) {
      if (!record.jobId) return;
      try {
        await call('queue.retry', { id: record.jobId });
        toast.show({ kind: 'info', text: `Trying ${record.fileName} again; follow it in the Queue.` });
      } catch (err) {
        fail(err);
      }
    },

    async importImgur() {
      set({ importing: true });
      toast.show({ kind: 'info', text: 'Importing your Imgur images…' });
      try {
        const { imported, alreadyThere } = await call('history.importImgur', {});
        toast.show({ kind: 'info', text: `Imported ${plural(imported, 'image')} from Imgur${alreadyThere ? `; ${alreadyThere} already here` : ''}.` });
        await get().reload();
      } catch (err) {
        fail(err);
      } finally {
        set({ importing: false });
      }
    },
  };
});
