/**
 * ImgBB (`POST <base>/1/upload?key=…`, docs/api-contracts.md §2): multipart `image`, `name`,
 * expiration in seconds. ImgBB runs on Chevereto, so its errors read the same way. It has no
 * delete API: `delete_url` is a page the user opens.
 */
import { cheveretoFailure } from './chevereto/errors.js';
import { EXPIRATION_LABELS, MB, baseUrlOf, checkSource, fields, httpIO, mediumLink, requireSecret, serviceOf, settingKey, type Expiration } from './common.js';
import { UploadError, UploadErrorCode } from './errors.js';
import { multipartBody, type MultipartPart } from './http/body.js';
import { malformedFailure } from './http/failure.js';
import { isObject, numberField, sendRequest, stringField } from './http/send.js';
import { EXPIRATION_CHOICES, type ExpirationChoice, type Uploader, type UploaderDescriptor, type UploadResult } from './types.js';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Months are 30 days and a year 365, which is how ImgBB's own form counts them. */
export const IMGBB_SECONDS: Readonly<Record<Expiration, number>> = {
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '3h': 3 * HOUR,
  '6h': 6 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '2d': 2 * DAY,
  '3d': 3 * DAY,
  '4d': 4 * DAY,
  '5d': 5 * DAY,
  '6d': 6 * DAY,
  '1w': 7 * DAY,
  '2w': 14 * DAY,
  '3w': 21 * DAY,
  '1mo': 30 * DAY,
  '2mo': 60 * DAY,
  '3mo': 90 * DAY,
  '4mo': 120 * DAY,
  '5mo': 150 * DAY,
  '6mo': 180 * DAY,
  '1y': 365 * DAY,
};

export const IMGBB_MIN_SECONDS = 60;
export const IMGBB_MAX_SECONDS = 15_552_000;

const OFFERED = EXPIRATION_CHOICES.filter(
  (c): c is Expiration => c !== 'never' && IMGBB_SECONDS[c] >= IMGBB_MIN_SECONDS && IMGBB_SECONDS[c] <= IMGBB_MAX_SECONDS,
);

const descriptor: UploaderDescriptor = {
  id: 'imgbb',
  label: 'ImgBB',
  settings: [
    fields.baseUrl('imgbb', 'ImgBB', 'https://api.imgbb.com', 'Uploads go to <address>/1/upload.'),
    fields.secret('imgbb', 'apiKey', 'API key', 'Your key is at https://api.imgbb.com/ once you are signed in.'),
    fields.expiration('imgbb', OFFERED),
  ],
  capabilities: { albums: false, delete: false, remoteUrl: true, expiration: OFFERED, maxBytes: 32 * MB, accepts: 'image' },
};
const service = serviceOf(descriptor);
const keySetting = settingKey('imgbb', 'apiKey');

/**
 * The seconds ImgBB is sent for a choice, or an error before anything is sent when the choice is
 * outside what ImgBB keeps (60 seconds to 180 days).
 */
export function imgbbExpirationSeconds(choice: ExpirationChoice): number | undefined {
  if (choice === 'never') return undefined;
  const seconds = IMGBB_SECONDS[choice];
  if (seconds === undefined || seconds < IMGBB_MIN_SECONDS || seconds > IMGBB_MAX_SECONDS) {
    throw new UploadError(
      UploadErrorCode.unsupported,
      `ImgBB deletes images after 60 seconds to 180 days (15,552,000 seconds); ${EXPIRATION_LABELS[choice] ?? JSON.stringify(choice)} is ${seconds?.toLocaleString('en-US') ?? 'not'} seconds. Choose 6 months or less, or Never.`,
      { service: service.id, retry: { kind: 'never' } },
    );
  }
  return seconds;
}

export const imgbbUploader: Uploader = {
  descriptor,

  async upload(source, options, ctx) {
    checkSource(descriptor, source);
    const choice = options.expiration ?? (String(ctx.config.get('expiration') ?? 'never') as ExpirationChoice);
    const expiration = imgbbExpirationSeconds(choice);
    const base = baseUrlOf(ctx, service);
    const key = await requireSecret(ctx, service, 'apiKey', 'an API key', 'Get one at https://api.imgbb.com/.');
    const parts: MultipartPart[] = [];
    if (options.title) parts.push({ name: 'name', value: options.title });
    parts.push(
      source.kind === 'file'
        ? { name: 'image', file: { path: source.path, filename: source.name, contentType: source.mime } }
        : { name: 'image', value: source.url },
    );
    const res = await sendRequest(
      { service, url: `${base}/1/upload`, query: { key, expiration }, headers: { Accept: 'application/json' }, body: await multipartBody(parts, { service: service.label }) },
      httpIO(ctx),
    );
    if (res.status !== 200) throw cheveretoFailure(service, res, ctx.now(), keySetting);
    const data = (res.json() as { data?: unknown } | undefined)?.data;
    if (!isObject(data)) throw malformedFailure(service, res, isObject(res.json()) ? 'no data in the reply' : undefined);
    const url = stringField(data, 'url');
    if (!url) throw malformedFailure(service, res, 'no image link in the reply');
    const time = numberField(data, 'time');
    const lifetime = numberField(data, 'expiration');
    const result: UploadResult = {
      url,
      viewerUrl: stringField(data, 'url_viewer'),
      thumbnailUrl: stringField(data, 'thumb', 'url') ?? stringField(data, 'medium', 'url'),
      deleteUrl: stringField(data, 'delete_url'),
      links: mediumLink(stringField(data, 'medium', 'url')),
      remoteId: stringField(data, 'id'),
      width: numberField(data, 'width'),
      height: numberField(data, 'height'),
      bytes: numberField(data, 'size'),
      expiresAt: time !== undefined && lifetime ? new Date((time + lifetime) * 1000).toISOString() : undefined,
    };
    return result;
  },

  /** An upload without an image is checked for the key first: "Empty upload source" means the key is good. */
  async verify(ctx) {
    const base = baseUrlOf(ctx, service);
    const key = await requireSecret(ctx, service, 'apiKey', 'an API key', 'Get one at https://api.imgbb.com/.');
    const res = await sendRequest({ service, method: 'POST', url: `${base}/1/upload`, query: { key }, headers: { Accept: 'application/json' } }, httpIO(ctx));
    const failure = cheveretoFailure(service, res, ctx.now(), keySetting);
    if (failure.code === UploadErrorCode.emptySource) return 'ImgBB accepted the API key.';
    throw failure;
  },
};
