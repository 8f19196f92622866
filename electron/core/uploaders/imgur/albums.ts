/**
 * Imgur albums. With the account connected they are the account's (managed by id); without, an
 * album made here is anonymous and managed by the deletehash Imgur returned when it was created.
 */
import { UploadError, UploadErrorCode } from '../errors.js';
import { formBody } from '../http/body.js';
import { isObject } from '../http/send.js';
import type { Album, AlbumApi, RemoteRef, UploadResult } from '../types.js';
import { IMGUR, imgurCall, isAccountConnected } from './client.js';
import { imgurAlbum, imgurResult } from './images.js';

/** Imgur pages account albums by 50; more pages than this is not a photo collection. */
const MAX_ALBUM_PAGES = 40;

function refuse(message: string): UploadError {
  return new UploadError(UploadErrorCode.badRequest, message, { service: IMGUR.id, retry: { kind: 'never' } });
}

/** An album known by its deletehash is anonymous; any other is the connected account's. */
function authFor(album: Album): 'user' | 'client' {
  return album.deleteHash ? 'client' : 'user';
}

/** What the API calls the album in paths: its deletehash when anonymous, else its id. */
function albumKey(album: Album): string {
  return encodeURIComponent(album.deleteHash ?? album.id);
}

export const imgurAlbums: Required<AlbumApi> = {
  async list(ctx) {
    if (!(await isAccountConnected(ctx))) return [];
    const albums: Album[] = [];
    for (let page = 0; page < MAX_ALBUM_PAGES; page++) {
      const data = await imgurCall(ctx, { path: `/3/account/me/albums/${page}`, auth: 'user' });
      if (!Array.isArray(data)) break;
      for (const item of data) {
        const album = imgurAlbum(item);
        // The account manages its albums by id; a deletehash here would make them look anonymous.
        if (album) albums.push({ ...album, deleteHash: undefined });
      }
      if (data.length < 50) break;
    }
    return albums;
  },

  async create(input, ctx) {
    const auth = (await isAccountConnected(ctx)) ? 'user' : 'client';
    const pairs: Array<[string, string]> = [['title', input.title]];
    if (input.description) pairs.push(['description', input.description]);
    if (input.privacy) pairs.push(['privacy', input.privacy]);
    for (const id of input.imageIds ?? []) pairs.push([auth === 'user' ? 'ids[]' : 'deletehashes[]', id]);
    const data = await imgurCall(ctx, { method: 'POST', path: '/3/album', auth, body: formBody(pairs) });
    const id = isObject(data) ? data.id : undefined;
    if (typeof id !== 'string') {
      throw new UploadError(UploadErrorCode.malformed, 'Imgur answered without the new album\'s id; look for it on imgur.com before trying again.', {
        service: IMGUR.id,
        retry: { kind: 'never' },
      });
    }
    const deleteHash = isObject(data) && typeof data.deletehash === 'string' ? data.deletehash : undefined;
    return {
      id,
      title: input.title,
      // Only an anonymous album needs its deletehash; an account's is managed by id.
      deleteHash: auth === 'client' ? deleteHash : undefined,
      imageCount: input.imageIds?.length ?? 0,
      link: `https://imgur.com/a/${id}`,
      privacy: input.privacy,
    };
  },

  async add(album, images: RemoteRef[], ctx) {
    const auth = authFor(album);
    if (auth === 'user') {
      const ids = images.map((i) => i.remoteId).filter((i): i is string => Boolean(i));
      await imgurCall(ctx, { method: 'POST', path: `/3/album/${albumKey(album)}/add`, auth, body: formBody(ids.map((i) => ['ids[]', i])) });
      return;
    }
    const hashes = images.map((i) => i.deleteHash);
    if (hashes.some((h) => !h)) throw refuse("Adding to an anonymous Imgur album needs each image's delete hash, which Shotput keeps only for images it uploaded anonymously.");
    await imgurCall(ctx, { method: 'POST', path: `/3/album/${albumKey(album)}/add`, auth, body: formBody(hashes.map((h) => ['deletehashes[]', h!])) });
  },

  async remove(album, images, ctx) {
    const auth = authFor(album);
    const ids = images.map((i) => i.remoteId).filter((i): i is string => Boolean(i));
    await imgurCall(ctx, { method: 'POST', path: `/3/album/${albumKey(album)}/remove_images`, auth, body: formBody(ids.map((i) => ['ids[]', i])) });
  },

  async reorder(album, imageIds, ctx) {
    const auth = authFor(album);
    await imgurCall(ctx, { method: 'PUT', path: `/3/album/${albumKey(album)}`, auth, body: formBody(imageIds.map((i) => ['ids[]', i])) });
  },

  async delete(album, ctx) {
    await imgurCall(ctx, { method: 'DELETE', path: `/3/album/${albumKey(album)}`, auth: authFor(album) });
  },

  async images(album, ctx) {
    const data = await imgurCall(ctx, { path: `/3/album/${encodeURIComponent(album.id)}/images`, auth: authFor(album) });
    return Array.isArray(data) ? data.filter(isObject).map(imgurResult).filter((r): r is UploadResult => r !== undefined) : [];
  },
};
