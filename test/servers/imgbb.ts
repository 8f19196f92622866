/**
 * Stand-in for ImgBB (docs/api-contracts.md §2): `key` in the query, file field `image`,
 * `expiration` in seconds (60–15,552,000), numbers as strings in the reply, and Chevereto-style
 * errors as HTTP 400 (ImgBB runs on Chevereto), rate limit included.
 */
import { randomBytes } from 'node:crypto';
import { sniffImage } from './kit/image.js';
import { jsonReply, startStandIn, type RecordedFile, type ServiceDefinition, type StandIn, type StandInRequest, type StandInResponse, type ListenOptions } from './kit/stand-in.js';
import { cheveretoError, sizeLimitText, strictBase64 } from './chevereto.js';

export interface ImgbbOptions {
  keys?: string[];
  maxBytes?: number;
}

export interface ImgbbUpload {
  id: string;
  name?: string;
  expiration?: number;
  file?: RecordedFile;
  url?: string;
}

export function imgbbService(options: ImgbbOptions = {}): ServiceDefinition & { uploads: ImgbbUpload[] } {
  const uploads: ImgbbUpload[] = [];
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;

  const handle = (req: StandInRequest): StandInResponse => {
    const { record } = req;
    if (record.path !== '/1/upload') return jsonReply(404, { status_code: 404, error: { message: 'Not found', code: 404 }, status_txt: 'Not Found' });
    if (record.method !== 'POST') return cheveretoError('Request method not allowed.', 405);
    const key = record.query.key ?? record.fields.key;
    if (!key) return cheveretoError('Empty API v1 key.', 100);
    if (!options.keys?.includes(key)) return cheveretoError('Invalid API v1 key.', 100);

    const expirationText = record.query.expiration ?? record.fields.expiration;
    let expiration: number | undefined;
    if (expirationText !== undefined) {
      expiration = Number(expirationText);
      if (!/^\d+$/.test(expirationText) || expiration < 60 || expiration > 15_552_000) {
        return cheveretoError('Invalid expiration value. Must be between 60 and 15552000 seconds.', 400);
      }
    }

    const file = req.file('image');
    const text = record.fields.image;
    let size = 0;
    let image = file?.image;
    let name = file?.filename?.replace(/\.[^.]+$/, '') ?? 'image';
    if (!file) {
      if (!text) return cheveretoError('Empty upload source.', 130);
      if (/^https?:\/\//i.test(text)) {
        image = { mime: 'image/jpeg', extension: 'jpg' };
        name = decodeURIComponent(new URL(text).pathname.split('/').pop() ?? 'image').replace(/\.[^.]+$/, '') || 'image';
      } else {
        const bytes = strictBase64(text);
        if (!bytes) return cheveretoError('Invalid base64 string.', 120);
        size = bytes.length;
        image = sniffImage(bytes.subarray(0, 64));
      }
    } else {
      size = file.size;
    }
    if (size > maxBytes) return cheveretoError(`File too big - max ${sizeLimitText(maxBytes)}`, 400);
    if (!image) return cheveretoError('Invalid image source.', 400);

    const id = randomBytes(4).toString('hex');
    const title = record.fields.name ?? name;
    const time = Math.floor(Date.now() / 1000);
    const url = `${req.origin}/i/${id}/${title}.${image.extension}`;
    uploads.push({ id, name: record.fields.name, expiration, file, url });
    const variant = (suffix: string) => ({ filename: `${title}.${image!.extension}`, name: title, mime: image!.mime, extension: image!.extension, url: `${req.origin}/i/${id}${suffix}/${title}.${image!.extension}` });
    return jsonReply(200, {
      data: {
        id,
        title,
        url_viewer: `${req.origin}/${id}`,
        url,
        display_url: url,
        width: String(image.width ?? 0),
        height: String(image.height ?? 0),
        size: String(size),
        time: String(time),
        expiration: String(expiration ?? 0),
        image: variant(''),
        thumb: variant('-th'),
        ...(image.mime === 'image/gif' ? {} : { medium: variant('-md') }),
        delete_url: `${req.origin}/${id}/${randomBytes(16).toString('hex')}`,
      },
      success: true,
      status: 200,
    });
  };

  return { name: 'imgbb', uploads, handle, rateLimited: () => cheveretoError('Rate limit reached.', 100) };
}

export type ImgbbStandIn = StandIn & { uploads: ImgbbUpload[] };

export async function startImgbb(options: ImgbbOptions = {}, listen: ListenOptions = {}): Promise<ImgbbStandIn> {
  const service = imgbbService(options);
  return Object.assign(await startStandIn(service, listen), { uploads: service.uploads });
}
