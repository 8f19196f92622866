import { create } from 'zustand';
import type { AlbumImage, AlbumInfo } from '../../../shared/uploaders.js';
import { call } from '../api/client.js';
import { messageOf } from './messages.js';

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
  remove(album: AlbumInfo, image: AlbumImage): Promise<void>;
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
