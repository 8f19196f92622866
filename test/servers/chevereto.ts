/**
 * Stand-in for Chevereto's API v1 as IM.GE (4.2) and self-hosted sites run it, following
 * docs/api-contracts.md §1: key from X-API-Key (4.x) or `key`, file field `source`, errors as
 * HTTP 400 with {error:{message, code}}, the `P…` expiration forms, and 4.2's habit of turning an
 * expiration it cannot parse into five minutes.
 */
import { randomBytes } from 'node:crypto';
import { sniffImage } from './kit/image.js';
import { jsonReply, startStandIn, type RecordedFile, type ServiceDefinition, type StandIn, type StandInRequest, type StandInResponse, type ListenOptions } from './kit/stand-in.js';

export interface CheveretoKey {
  /** Whether the server fetches `source` links for this key (user keys on IM.GE: no). */
  urlUploads?: boolean;
  /** Encoded ids of the key owner's albums; any other `album_id` is silently dropped. */
  albums?: string[];
}

export interface CheveretoOptions {
  name?: string;
  keys?: Record<string, CheveretoKey>;
  /** 3 is Chevereto-Free 1.x: only `key` is read, never the header. */
  version?: 3 | 4;
  maxBytes?: number;
  /** Uploads are held for moderation: the reply has no URLs. */
  moderation?: boolean;
}

export interface CheveretoUpload {
  id: string;
  title?: string;
  description?: string;
  album?: string;
  categoryId?: string;
  width?: number;
  nsfw: boolean;
  /** The expiration as received, and the date the server computed from it. */
  expiration?: string;
  expiresAt?: Date;
  file?: RecordedFile;
  url?: string;
}

/** Chevereto's error body, always HTTP 400 (the code inside is what means something). */
export function cheveretoError(message: string, code: number): StandInResponse {
  return jsonReply(400, { status_code: 400, error: { message, code, context: 'Exception' }, status_txt: 'Bad Request' });
}

/**
 * What 4.2 does with `expiration`: the date-interval forms it lists, or seconds (clamped to
 * 300–31,536,000); anything else, `PT12D` and `PT1W` included, becomes five minutes.
 */
export function cheveretoExpiry(value: string, now: Date): Date {
  if (/^\d+$/.test(value)) return new Date(now.getTime() + Math.min(Math.max(Number(value), 300), 31_536_000) * 1000);
  const time = /^PT(\d+)([MH])$/.exec(value);
  if (time) return new Date(now.getTime() + Number(time[1]) * (time[2] === 'H' ? 3_600_000 : 60_000));
  const date = /^P(\d+)([DWMY])$/.exec(value);
  if (date) {
    const n = Number(date[1]);
    const d = new Date(now);
    if (date[2] === 'D') d.setUTCDate(d.getUTCDate() + n);
    if (date[2] === 'W') d.setUTCDate(d.getUTCDate() + 7 * n);
    if (date[2] === 'M') d.setUTCMonth(d.getUTCMonth() + n);
    if (date[2] === 'Y') d.setUTCFullYear(d.getUTCFullYear() + n);
    return d;
  }
  return new Date(now.getTime() + 5 * 60_000);
}

/** "10 MB" or "48.8 KB", as Chevereto words its size limit. */
export function sizeLimitText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;
}

const gmt = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/** Canonical base64 only: what PHP's strict decode accepts and re-encodes identically. */
export function strictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

export function cheveretoService(options: CheveretoOptions = {}): ServiceDefinition & { uploads: CheveretoUpload[] } {
  const uploads: CheveretoUpload[] = [];
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const version = options.version ?? 4;

  const handle = (req: StandInRequest): StandInResponse => {
    const { record } = req;
    const route = /^\/api\/(\d+)\/([a-z]+)\/?$/.exec(record.path);
    if (!route) return { status: 404, body: '<html><body>That page doesn\'t exist</body></html>', headers: { 'content-type': 'text/html' } };
    const format = record.fields.format ?? record.query.format ?? 'json';
    const fail = (message: string, code: number): StandInResponse =>
      format === 'json' || !['txt', 'redirect'].includes(format) ? cheveretoError(message, code) : { status: 200, body: message };
    if (route[1] !== '1') return fail('Invalid API version.', 110);
    if (route[2] !== 'upload') return fail('Invalid API action.', 120);

    const key = (version === 4 ? record.headers['x-api-key'] : undefined) ?? record.query.key ?? record.fields.key;
    if (!key) return fail('No API key provided.', 100);
    const owner = options.keys?.[key];
    if (!owner) return fail('Invalid API key.', 100);

    const file = req.file('source');
    const text = record.fields.source ?? record.query.source;
    let bytes: { size: number; head?: Buffer; file?: RecordedFile; name: string } | undefined;
    if (file) {
      bytes = { size: file.size, file, name: file.filename ?? 'image' };
    } else if (text !== undefined && text !== '') {
      if (/^https?:\/\//i.test(text)) {
        if (!owner.urlUploads) return fail('URL uploading is disabled.', 403);
        bytes = { size: 0, name: decodeURIComponent(new URL(text).pathname.split('/').pop() || 'image') };
      } else {
        const decoded = strictBase64(text);
        if (!decoded) return fail('Invalid base64 string.', 120);
        bytes = { size: decoded.length, head: decoded.subarray(0, 64), name: 'image' };
      }
    }
    if (!bytes) return fail('Empty upload source.', 130);
    if (bytes.size > maxBytes) return fail(`File too big - max ${sizeLimitText(maxBytes)}`, 400);
    const image = bytes.file ? bytes.file.image : bytes.head ? sniffImage(bytes.head) : { mime: 'image/jpeg', extension: 'jpg' };
    if (!image) return fail('Invalid image format.', 400);

    const now = new Date();
    const id = randomBytes(4).toString('hex');
    const title = (record.fields.title ?? record.fields.name)?.slice(0, 100);
    const expiration = record.fields.expiration;
    const upload: CheveretoUpload = {
      id,
      title,
      description: record.fields.description,
      album: owner.albums?.includes(record.fields.album_id ?? '') ? record.fields.album_id : undefined,
      categoryId: record.fields.category_id,
      width: record.fields.width ? Number(record.fields.width) : undefined,
      nsfw: record.fields.nsfw === '1',
      expiration,
      expiresAt: expiration ? cheveretoExpiry(expiration, now) : undefined,
      file: bytes.file,
    };
    uploads.push(upload);
    const base = bytes.name.replace(/\.[^.]+$/, '');
    const urls = options.moderation
      ? {}
      : {
          url: `${req.origin}/images/${id}.${image.extension}`,
          url_viewer: `${req.origin}/image/${id}`,
          display_url: `${req.origin}/images/${id}.md.${image.extension}`,
          thumb: { url: `${req.origin}/images/${id}.th.${image.extension}` },
          medium: { url: null },
        };
    upload.url = (urls as { url?: string }).url;
    if (format === 'txt') return { status: 200, body: upload.url ?? '' };
    if (format === 'redirect') return { status: 302, headers: { location: `/image/${id}` } };
    return jsonReply(200, {
      status_code: 200,
      success: { message: 'file uploaded', code: 200 },
      image: {
        id_encoded: id,
        name: base,
        title: title ?? base,
        description: upload.description ?? null,
        extension: image.extension,
        width: upload.width && image.width ? Math.min(upload.width, image.width) : (image.width ?? 0),
        height: image.height ?? 0,
        size: bytes.size,
        mime: image.mime,
        nsfw: upload.nsfw ? 1 : 0,
        album: upload.album ? { id_encoded: upload.album } : null,
        category_id: upload.categoryId ?? null,
        ...urls,
        delete_url: `${req.origin}/image/${id}/delete/${randomBytes(8).toString('hex')}`,
        expiration_date_gmt: upload.expiresAt ? gmt(upload.expiresAt) : null,
      },
      status_txt: 'OK',
    });
  };

  return {
    name: options.name ?? 'chevereto',
    uploads,
    handle,
    rateLimited: () => cheveretoError('Rate limit reached.', 100),
  };
}

export type CheveretoStandIn = StandIn & { uploads: CheveretoUpload[] };

export async function startChevereto(options: CheveretoOptions = {}, listen: ListenOptions = {}): Promise<CheveretoStandIn> {
  const service = cheveretoService(options);
  return Object.assign(await startStandIn(service, listen), { uploads: service.uploads });
}
