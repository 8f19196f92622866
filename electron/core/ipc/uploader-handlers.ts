import type { AlbumImage, AlbumInfo, UploaderInfo } from '../../../shared/uploaders.js';
import { ShotputError } from '../errors.js';
import type { ImgurConnection } from '../uploaders/imgur/connection.js';
import type { UploaderRegistry } from '../uploaders/registry.js';
import type { Album, AlbumApi, Uploader, UploadContext, UploadResult } from '../uploaders/types.js';
import type { HandlerTable } from './table.js';

type UploaderChannels =
  | 'uploaders.list'
  | 'uploaders.verify'
  | 'imgur.status'
  | 'imgur.connect'
  | 'imgur.cancelConnect'
  | 'imgur.disconnect'
  | 'albums.list'
  | 'albums.images'
  | 'albums.create'
  | 'albums.add'
  | 'albums.remove'
  | 'albums.delete';

export interface UploaderHandlerServices {
  uploaders: UploaderRegistry;
  imgur: ImgurConnection;
  /** The context one call of uploader `id` runs in. */
  uploadContext(id: string): UploadContext;
}

function info(uploader: Uploader, builtIn: boolean): UploaderInfo {
  const { descriptor } = uploader;
  return {
    id: descriptor.id,
    label: descriptor.label,
    builtIn,
    settingsSection: `uploaders.${descriptor.id}`,
    canVerify: typeof uploader.verify === 'function',
    capabilities: { ...descriptor.capabilities, expiration: [...descriptor.capabilities.expiration] },
  };
}

function albumInfo(album: Album): AlbumInfo {
  return { id: album.id, title: album.title, imageCount: album.imageCount, link: album.link, privacy: album.privacy };
}

function albumImage(result: UploadResult): AlbumImage | undefined {
  if (!result.remoteId) return undefined;
  return { id: result.remoteId, url: result.url, thumbnailUrl: result.thumbnailUrl, viewerUrl: result.viewerUrl };
}

/** An image id as typed, or the id at the end of its link (`https://imgur.com/AbC12`, `…/AbC12.png`). */
export function imageIdFrom(text: string): string {
  const trimmed = text.trim();
  let candidate = trimmed;
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      candidate = (new URL(trimmed).pathname.split('/').filter(Boolean).pop() ?? '').replace(/\.[a-z0-9]{2,5}$/i, '');
    } catch {
      candidate = '';
    }
  }
  if (!/^[\w-]{1,100}$/.test(candidate)) {
    throw new ShotputError('invalid_image', `"${trimmed.slice(0, 80)}" is not an image id or an image link; paste a link such as https://imgur.com/AbC12 or its id.`);
  }
  return candidate;
}

/** The handlers for uploaders, the Imgur account and albums; spread into the handler table. */
export function uploaderHandlers(services: UploaderHandlerServices): Pick<HandlerTable, UploaderChannels> {
  const { uploaders, imgur } = services;
  const albumsOf = (id: string): { api: AlbumApi; uploader: Uploader } => {
    const uploader = uploaders.get(id);
    if (!uploader.albums) throw new ShotputError('unsupported', `${uploader.descriptor.label} has no albums.`);
    return { api: uploader.albums, uploader };
  };
  const album = (id: string): Album => ({ id, title: '' });

  return {
    'uploaders.list': () => uploaders.list().map((u) => info(u, uploaders.isBuiltIn(u.descriptor.id))),
    'uploaders.verify': async ({ id }) => {
      const uploader = uploaders.get(id);
      if (!uploader.verify) throw new ShotputError('unsupported', `${uploader.descriptor.label} has no connection test; upload an image to check it.`);
      return { message: await uploader.verify(services.uploadContext(id)) };
    },

    'imgur.status': () => imgur.status(),
    'imgur.connect': () => imgur.connect(),
    'imgur.cancelConnect': () => {
      imgur.cancel();
      return imgur.status();
    },
    'imgur.disconnect': () => imgur.disconnect(),

    'albums.list': async ({ uploaderId }) => (await albumsOf(uploaderId).api.list(services.uploadContext(uploaderId))).map(albumInfo),
    'albums.images': async ({ uploaderId, albumId }) => {
      const { api, uploader } = albumsOf(uploaderId);
      if (!api.images) throw new ShotputError('unsupported', `${uploader.descriptor.label} cannot list the images of an album.`);
      return (await api.images(album(albumId), services.uploadContext(uploaderId))).map(albumImage).filter((i): i is AlbumImage => i !== undefined);
    },
    'albums.create': async ({ uploaderId, title, description, privacy }) =>
      albumInfo(await albumsOf(uploaderId).api.create({ title, description, privacy }, services.uploadContext(uploaderId))),
    'albums.add': async ({ uploaderId, albumId, images }) => {
      const refs = images.map((text) => ({ remoteId: imageIdFrom(text) }));
      await albumsOf(uploaderId).api.add(album(albumId), refs, services.uploadContext(uploaderId));
      return null;
    },
    'albums.remove': async ({ uploaderId, albumId, imageIds }) => {
      await albumsOf(uploaderId).api.remove(album(albumId), imageIds.map((remoteId) => ({ remoteId })), services.uploadContext(uploaderId));
      return null;
    },
    'albums.delete': async ({ uploaderId, albumId }) => {
      await albumsOf(uploaderId).api.delete(album(albumId), services.uploadContext(uploaderId));
      return null;
    },
  };
}
