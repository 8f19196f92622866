import { isObject, numberField, stringField } from '../http/send.js';
import type { Album, UploadResult } from '../types.js';

/** Imgur's image pages and delete pages live on imgur.com whatever API host is used. */
const SITE = 'https://imgur.com';

/**
 * An Imgur image object as Shotput's result. The thumbnail is the "m" (320 px) variant next to
 * the direct link: `https://i.imgur.com/{id}m.jpg`.
 */
export function imgurResult(data: Record<string, unknown>): UploadResult | undefined {
  const url = stringField(data, 'link');
  const id = stringField(data, 'id');
  if (!url || !id) return undefined;
  const deleteHash = stringField(data, 'deletehash');
  let thumbnailUrl: string | undefined;
  try {
    thumbnailUrl = new URL(`/${id}m.jpg`, url).href;
  } catch {
    thumbnailUrl = undefined;
  }
  return {
    url,
    viewerUrl: `${SITE}/${id}`,
    thumbnailUrl,
    deleteUrl: deleteHash ? `${SITE}/delete/${deleteHash}` : undefined,
    deleteHash,
    remoteId: id,
    width: numberField(data, 'width'),
    height: numberField(data, 'height'),
    bytes: numberField(data, 'size'),
  };
}

export function imgurAlbum(data: unknown): Album | undefined {
  if (!isObject(data)) return undefined;
  const id = stringField(data, 'id');
  if (!id) return undefined;
  return {
    id,
    title: stringField(data, 'title') ?? 'Untitled album',
    deleteHash: stringField(data, 'deletehash'),
    imageCount: numberField(data, 'images_count'),
    link: stringField(data, 'link') ?? `${SITE}/a/${id}`,
    privacy: stringField(data, 'privacy'),
  };
}
