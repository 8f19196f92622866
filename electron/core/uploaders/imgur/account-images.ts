import { UploadError, UploadErrorCode } from '../errors.js';
import { isObject, numberField, stringField } from '../http/send.js';
import type { UploadContext, UploadResult } from '../types.js';
import { IMGUR, imgurCall } from './client.js';
import { imgurResult } from './images.js';

/** One image of the account, as history would record it had Shotput uploaded it. */
export interface AccountImage {
  result: UploadResult;
  /** The file name it was uploaded with, when Imgur kept one. */
  name?: string;
  title?: string;
  description?: string;
  /** ISO 8601, when it was uploaded. */
  uploadedAt?: string;
  mime?: string;
}

export interface AccountImagePage {
  images: AccountImage[];
  page: number;
  /** Whether asking for `page + 1` may return more. */
  hasMore: boolean;
}

/** Imgur's largest page. */
export const MAX_PER_PAGE = 100;

/** One page of the connected account's images, newest first (pages count from 0). */
export async function listAccountImages(ctx: UploadContext, options: { page?: number; perPage?: number } = {}): Promise<AccountImagePage> {
  const page = options.page ?? 0;
  const perPage = options.perPage ?? MAX_PER_PAGE;
  if (!Number.isInteger(page) || page < 0 || !Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw new UploadError(UploadErrorCode.badRequest, `Imgur lists account images by pages from 0, 1 to ${MAX_PER_PAGE} at a time; got page ${page}, ${perPage} per page.`, {
      service: IMGUR.id,
      retry: { kind: 'never' },
    });
  }
  const data = await imgurCall(ctx, { path: `/3/account/me/images/${page}`, query: { perPage }, auth: 'user' });
  const items = Array.isArray(data) ? data.filter(isObject) : [];
  const images: AccountImage[] = [];
  for (const item of items) {
    const result = imgurResult(item);
    if (!result) continue;
    const datetime = numberField(item, 'datetime');
    images.push({
      result,
      name: stringField(item, 'name'),
      title: stringField(item, 'title'),
      description: stringField(item, 'description'),
      uploadedAt: datetime !== undefined ? new Date(datetime * 1000).toISOString() : undefined,
      mime: stringField(item, 'type'),
    });
  }
  return { images, page, hasMore: items.length === perPage };
}
