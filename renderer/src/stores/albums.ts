import { create } from 'zustand';
import type { AlbumImage, AlbumInfo } from '../../../shared/uploaders.js';
import { call } from '../api/client.js';
import { formatLink, LINK_FORMAT_LABELS, type HistoryRecord, type LinkFormat } from '../../../shared/uploads.js';
import { messageOf } from './messages.js';
import { useHistory } from './history.js';
import { useNavigation } from './navigation.js';
import { useToasts } from './toasts.js';
import { uploaderLabel } from './uploaders.js';

/** What History's rows carry when dragged: their record ids, as JSON. */
export const HISTORY_DRAG_TYPE = 'application/x-shotput-history';

/** Albums live on Imgur, the only service with albums Shotput can manage. */
const UPLOADER = 'imgur';

interface AlbumsState {
  albums: AlbumInfo[];
  loaded: boolean;
  /** The album whose images are shown, and them. */
  open?: { album: AlbumInfo; images: AlbumImage[]; loading: boolean };
  notice?: { kind: 'info' | 'error'; text: string };
  load(): Promise<void>;
  create(title: string, privacy: AlbumInfo['privacy']): Promise<boolean>;
  show(album: AlbumInfo): Promise<void>;
  close(): void;
  add(album: AlbumInfo, images: string[]): Promise<boolean>;
  /** Uploads picked in History (selection or drag): Imgur ones go in, others are named with why not. */
  addRecords(album: AlbumInfo, records: HistoryRecord[]): Promise<void>;
  /** As addRecords, for the ids a drag from History carries. */
  addHistoryIds(album: AlbumInfo, ids: string[]): Promise<void>;
  remove(album: AlbumInfo, image: AlbumImage): Promise<void>;
  /** Moves an image of the open album to another place (drag, or Move earlier/later). */
  move(imageId: string, toIndex: number): Promise<void>;
  /** Every link of the open album, one per line, in a link format. */
  copyAll(format: LinkFormat): Promise<void>;
  deleteAlbum(album: AlbumInfo): Promise<void>;
}

export const useAlbums = create<AlbumsState>((set, get) => {
  const fail = (err: unknown) => set({ notice: { kind: 'error', text: messageOf(err) } });
  const refreshOpen = async (album: AlbumInfo) => {
    const images = await call('albums.images', { uploaderId: UPLOADER, albumId: album.id, deleteHash: album.deleteHash });
    set({ open: { album, images, loading: false } });
  };
  return {
    albums: [],
    loaded: false,
    async load() {
      try {
        set({ albums: await call('albums.list', { uploaderId: UPLOADER }), loaded: true });
      } catch (err) {
        set({ loaded: true });
        fail(err);
      }
    },
    async create(title, privacy) {
      try {
        const album = await call('albums.create', { uploaderId: UPLOADER, title, privacy: privacy as 'public' | 'hidden' | 'secret' | undefined });
        set({ notice: { kind: 'info', text: `Created the album “${album.title}”.` } });
        await get().load();
        return true;
      } catch (err) {
        fail(err);
        return false;
      }
    },
    async show(album) {
      set({ open: { album, images: [], loading: true } });
      try {
        await refreshOpen(album);
      } catch (err) {
        set({ open: undefined });
        fail(err);
      }
    },
    close() {
      set({ open: undefined });
    },
    async add(album, images) {
      try {
        await call('albums.add', { uploaderId: UPLOADER, albumId: album.id, deleteHash: album.deleteHash, images });
        set({ notice: { kind: 'info', text: `Added ${images.length} image${images.length === 1 ? '' : 's'} to “${album.title}”.` } });
        await Promise.all([refreshOpen(album), get().load()]);
        return true;
      } catch (err) {
        fail(err);
        return false;
      }
    },
    async addRecords(album, records) {
      const toast = useToasts.getState();
      const fits = records.filter((r) => r.uploaderId === UPLOADER && r.remoteId);
      const refused = records
        .filter((r) => !fits.includes(r))
        .map((r) => `${r.fileName}: it is on ${uploaderLabel(r.uploaderId)}; an Imgur album holds only images uploaded to Imgur.`);
      if (fits.length > 0 && (await get().add(album, fits.map((r) => r.remoteId!)))) {
        toast.show({ kind: 'info', text: `Added ${fits.length} upload${fits.length === 1 ? '' : 's'} to “${album.title}”.`, action: { label: 'Open album', run: () => { useNavigation.getState().show('albums'); void get().show(album); } } });
      } else if (fits.length > 0) {
        toast.show({ kind: 'error', text: `Not added to “${album.title}”: ${get().notice?.text ?? 'the host refused.'}` });
      }
      if (refused.length > 0) toast.show({ kind: 'error', text: `Not added to “${album.title}”:`, items: refused });
    },
    async addHistoryIds(album, ids) {
      try {
        await get().addRecords(album, await useHistory.getState().recordsOf(ids));
      } catch (err) {
        useToasts.getState().show({ kind: 'error', text: messageOf(err) });
      }
    },
    async move(imageId, toIndex) {
      const open = get().open;
      if (!open) return;
      const from = open.images.findIndex((i) => i.id === imageId);
      const target = Math.max(0, Math.min(open.images.length - 1, toIndex));
      if (from === -1 || from === target) return;
      const images = [...open.images];
      const [moved] = images.splice(from, 1);
      images.splice(target, 0, moved!);
      // Shown at once; put back if the host refuses.
      set({ open: { ...open, images } });
      try {
        await call('albums.reorder', { uploaderId: UPLOADER, albumId: open.album.id, imageIds: images.map((i) => i.id) });
      } catch (err) {
        set({ open });
        useToasts.getState().show({ kind: 'error', text: messageOf(err) });
      }
    },
    async copyAll(format) {
      const open = get().open;
      const toast = useToasts.getState();
      if (!open || open.images.length === 0) return;
      const text = open.images.map((image) => formatLink({ url: image.url, viewerUrl: image.viewerUrl, fileName: image.id }, format)).join('\n');
      try {
        await call('app.copyText', { text });
        toast.show({ kind: 'info', text: `Copied the ${open.images.length} links of “${open.album.title}” as ${LINK_FORMAT_LABELS[format]}:`, detail: text });
      } catch (err) {
        toast.show({ kind: 'error', text: messageOf(err) });
      }
    },
    async remove(album, image) {
      try {
        await call('albums.remove', { uploaderId: UPLOADER, albumId: album.id, deleteHash: album.deleteHash, imageIds: [image.id] });
        set({ notice: { kind: 'info', text: `Removed ${image.id} from “${album.title}”.` } });
        await Promise.all([refreshOpen(album), get().load()]);
      } catch (err) {
        fail(err);
      }
    },
    async deleteAlbum(album) {
      try {
        await call('albums.delete', { uploaderId: UPLOADER, albumId: album.id, deleteHash: album.deleteHash });
        set({ notice: { kind: 'info', text: `Deleted the album “${album.title}”. Its images are still in your account.` } });
        if (get().open?.album.id === album.id) set({ open: undefined });
        await get().load();
      } catch (err) {
        fail(err);
      }
    },
  };
});
