/**
 * Chevereto's API v1 (`POST <base>/api/1/upload`), which IM.GE runs. One implementation, two
 * presets: IM.GE (fixed default address) and a self-hosted Chevereto (address set by the user).
 */
import {
  MB,
  baseUrlOf,
  checkSource,
  definedLinks,
  expirationOf,
  fields,
  httpIO,
  optionalText,
  requireSecret,
  serviceOf,
  settingKey,
} from '../common.js';
import { UploadErrorCode } from '../errors.js';
import { multipartBody, type MultipartPart } from '../http/body.js';
import { malformedFailure } from '../http/failure.js';
import { isObject, numberField, sendRequest, stringField } from '../http/send.js';
import type { UploadContext, Uploader, UploaderDescriptor, UploadOptions, UploadResult, UploadSource } from '../types.js';
import { cheveretoFailure } from './errors.js';
import { CHEVERETO_EXPIRATION, CHEVERETO_EXPIRATION_CHOICES } from './expiration.js';

export interface CheveretoPreset {
  id: string;
  label: string;
  /** undefined: the user's own host, to be set before use. */
  defaultBaseUrl?: string;
  /** Where a user finds their key, for the "needs an API key" message. */
  keyHelp: string;
  /** Whether the server fetches links itself (IM.GE refuses them for user keys). */
  remoteUrl: boolean;
  maxBytes: number;
  /** The site sets its own limit (a self-hosted Chevereto): a setting says it, up to `maxBytes`. */
  ownLimit?: boolean;
}

function descriptorOf(preset: CheveretoPreset): UploaderDescriptor {
  const { id, label } = preset;
  return {
    id,
    label,
    settings: [
      fields.baseUrl(
        id,
        label,
        preset.defaultBaseUrl,
        preset.defaultBaseUrl ? 'Uploads go to <address>/api/1/upload.' : 'Your Chevereto site, such as https://img.example.com; uploads go to <address>/api/1/upload.',
      ),
      fields.secret(id, 'apiKey', 'API key', preset.keyHelp),
      fields.expiration(id, CHEVERETO_EXPIRATION_CHOICES),
      fields.text(id, 'albumId', 'Album ID', 'The encoded id of one of your albums; images go there unless an upload chooses another.'),
      {
        key: settingKey(id, 'categoryId'),
        label: 'Category ID',
        kind: 'integer',
        default: 0,
        min: 0,
        max: 2_147_483_647,
        help: 'A category number of the site, if it uses categories; 0 for none.',
      },
      {
        key: settingKey(id, 'width'),
        label: 'Resize to width (pixels)',
        kind: 'integer',
        default: 0,
        min: 0,
        max: 20_000,
        help: 'The server shrinks images to this width (animated images are never resized). 0 keeps the original size.',
      },
      { key: settingKey(id, 'nsfw'), label: 'Mark uploads as not safe for work', kind: 'boolean', default: false },
      ...(preset.ownLimit
        ? [
            {
              key: settingKey(id, 'maxMegabytes'),
              label: 'Largest file the site takes (MB)',
              kind: 'integer' as const,
              default: preset.maxBytes / MB,
              min: 1,
              max: preset.maxBytes / MB,
              help: 'As set in your site\'s dashboard (Settings, Image upload). Larger images are made to fit or refused before upload, as Image processing says.',
            },
          ]
        : []),
    ],
    capabilities: {
      albums: false,
      delete: false,
      remoteUrl: preset.remoteUrl,
      expiration: CHEVERETO_EXPIRATION_CHOICES,
      maxBytes: preset.maxBytes,
      ...(preset.ownLimit ? { maxMegabytesSetting: settingKey(id, 'maxMegabytes') } : {}),
      accepts: 'image',
    },
  };
}

/** `expiration_date_gmt` ("2025-01-31 12:00:00", GMT) as ISO 8601. */
function isoFromGmt(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const date = new Date(`${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function categoryOf(ctx: UploadContext, options: UploadOptions): string | undefined {
  const category = options.categoryId ?? Number(ctx.config.get('categoryId') ?? 0);
  return Number.isInteger(category) && category > 0 ? String(category) : undefined;
}

export function createCheveretoUploader(preset: CheveretoPreset): Uploader {
  const descriptor = descriptorOf(preset);
  const service = serviceOf(descriptor);
  const keySetting = settingKey(preset.id, 'apiKey');

  async function endpoint(ctx: UploadContext) {
    const base = baseUrlOf(ctx, service);
    const key = await requireSecret(ctx, service, 'apiKey', 'an API key', preset.keyHelp);
    return { url: `${base}/api/1/upload`, key };
  }

  return {
    descriptor,

    async upload(source: UploadSource, options: UploadOptions, ctx: UploadContext): Promise<UploadResult> {
      checkSource(descriptor, source);
      const { url, key } = await endpoint(ctx);
      const expiration = expirationOf(ctx, descriptor, options.expiration);
      const width = Number(ctx.config.get('width') ?? 0);
      const nsfw = options.nsfw ?? ctx.config.get('nsfw') === true;
      const text: Array<[string, string | undefined]> = [
        // Chevereto 4 reads the header; Chevereto-Free 1.x (v3) only reads `key`: send both.
        ['key', key],
        ['format', 'json'],
        ['title', options.title?.slice(0, 100)],
        ['description', options.description],
        ['album_id', options.albumId ?? optionalText(ctx, 'albumId')],
        ['category_id', categoryOf(ctx, options)],
        ['width', width > 0 ? String(width) : undefined],
        ['expiration', expiration ? CHEVERETO_EXPIRATION[expiration] : undefined],
        ['nsfw', nsfw ? '1' : '0'],
      ];
      const parts: MultipartPart[] = text.filter((p): p is [string, string] => p[1] !== undefined).map(([name, value]) => ({ name, value }));
      parts.push(
        source.kind === 'file'
          ? { name: 'source', file: { path: source.path, filename: source.name, contentType: source.mime } }
          : { name: 'source', value: source.url },
      );
      const body = await multipartBody(parts, { service: service.label });
      const res = await sendRequest({ service, url, headers: { 'X-API-Key': key, Accept: 'application/json' }, body }, httpIO(ctx));
      if (res.status !== 200) throw cheveretoFailure(service, res, ctx.now(), keySetting);
      const json = res.json();
      if (!isObject(json)) throw malformedFailure(service, res);
      if (isObject(json.error)) throw cheveretoFailure(service, res, ctx.now(), keySetting);
      // 4.x answers under `image`; when a non-file `image` parameter was sent, under `data`.
      const image = isObject(json.image) ? json.image : isObject(json.data) ? json.data : undefined;
      if (!image) throw malformedFailure(service, res, 'no image in the reply');
      const result: UploadResult = {
        url: stringField(image, 'url') ?? '',
        viewerUrl: stringField(image, 'url_viewer'),
        thumbnailUrl: stringField(image, 'thumb', 'url') ?? stringField(image, 'medium', 'url'),
        links: definedLinks({ medium: stringField(image, 'medium', 'url'), display: stringField(image, 'display_url') }),
        deleteUrl: stringField(image, 'delete_url'),
        remoteId: stringField(image, 'id_encoded') ?? stringField(image, 'id'),
        width: numberField(image, 'width'),
        height: numberField(image, 'height'),
        bytes: numberField(image, 'size'),
        expiresAt: isoFromGmt(stringField(image, 'expiration_date_gmt')),
      };
      // Held for moderation: stored, but no public link until a moderator approves it.
      if (!result.url) result.awaitingModeration = true;
      return result;
    },

    /**
     * The API has no "who am I": an upload without a source is checked for the key first, so
     * "Empty upload source" (130) means the key was accepted, and nothing is stored.
     */
    async verify(ctx: UploadContext): Promise<string> {
      const { url, key } = await endpoint(ctx);
      const body = await multipartBody(
        [
          { name: 'key', value: key },
          { name: 'format', value: 'json' },
        ],
        { service: service.label },
      );
      const res = await sendRequest({ service, url, headers: { 'X-API-Key': key, Accept: 'application/json' }, body }, httpIO(ctx));
      const failure = cheveretoFailure(service, res, ctx.now(), keySetting);
      if (failure.code === UploadErrorCode.emptySource) return `${service.label} accepted the API key (${new URL(url).host}).`;
      throw failure;
    },
  };
}

export const imgeUploader = createCheveretoUploader({
  id: 'imge',
  label: 'IM.GE',
  defaultBaseUrl: 'https://im.ge',
  keyHelp: 'Your key is at https://im.ge/settings/api.',
  remoteUrl: false,
  maxBytes: 50 * MB,
});

export const cheveretoUploader = createCheveretoUploader({
  id: 'chevereto',
  label: 'Chevereto',
  keyHelp: "Your key is in your Chevereto site's settings, under API.",
  remoteUrl: true,
  maxBytes: 512 * MB,
  ownLimit: true,
});
