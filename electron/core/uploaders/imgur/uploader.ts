/**
 * Imgur API v3 (docs/api-contracts.md §3): anonymous uploads with the application's Client-ID
 * (the deletehash is kept to delete them later), or to the connected account with its token.
 */
import { MB, checkSource, fields, optionalText, settingKey } from '../common.js';
import { UploadError, UploadErrorCode } from '../errors.js';
import { multipartBody, type MultipartPart } from '../http/body.js';
import { missingInReply } from '../http/failure.js';
import { isObject, numberField } from '../http/send.js';
import type { UploadContext, Uploader, UploaderDescriptor } from '../types.js';
import { imgurAlbums } from './albums.js';
import { IMGUR, imgurCall, isAccountConnected } from './client.js';
import { imgurResult } from './images.js';

export const DEFAULT_CALLBACK_PORT = 47613;

const descriptor: UploaderDescriptor = {
  id: 'imgur',
  label: 'Imgur',
  settings: [
    fields.baseUrl('imgur', 'Imgur API', 'https://api.imgur.com', 'The API root: uploads go to <address>/3/image, tokens to <address>/oauth2/token.'),
    fields.secret('imgur', 'clientId', 'Client ID', 'From the application you registered at https://api.imgur.com/oauth2/addclient.'),
    fields.secret('imgur', 'clientSecret', 'Client secret', 'Shown with the Client ID; needed to stay connected to your account.'),
    fields.secret('imgur', 'refreshToken', 'Refresh token', 'Set for you when you connect your account.'),
    { ...fields.secret('imgur', 'accessToken', 'Access token'), hidden: true },
    { ...fields.secret('imgur', 'tokenExpiresAt', 'Access token expiry'), hidden: true },
    { ...fields.text('imgur', 'account', 'Connected account'), hidden: true },
    {
      key: settingKey('imgur', 'useAccount'),
      label: 'Upload to my account when it is connected',
      kind: 'boolean',
      default: true,
      help: 'Off: uploads stay anonymous even with an account connected.',
    },
    fields.text('imgur', 'albumId', 'Album for new uploads', 'An album id (your account) or an anonymous album’s delete hash. Empty: no album.'),
    {
      key: settingKey('imgur', 'uploadPath'),
      label: 'Upload path',
      kind: 'string',
      default: '/3/image',
      help: 'Imgur documents both /3/image and /3/upload.',
    },
    {
      key: settingKey('imgur', 'callbackPort'),
      label: 'Callback port',
      kind: 'integer',
      default: DEFAULT_CALLBACK_PORT,
      min: 1024,
      max: 65535,
      help: `While you connect your account Shotput listens on http://127.0.0.1:<port>/imgur/callback; register exactly that address as your Imgur application's callback URL.`,
    },
  ],
  // Imgur's documented image types: JPEG, PNG, GIF (and APNG, TIFF); WebP and AVIF are converted.
  capabilities: { albums: true, delete: true, remoteUrl: true, expiration: [], maxBytes: 20 * MB, formats: ['png', 'jpeg', 'gif'], accepts: 'image' },
};

/** Uploads go to the account when one is connected and the user wants it. */
async function uploadAuth(ctx: UploadContext): Promise<'user' | 'client'> {
  return ctx.config.get('useAccount') !== false && (await isAccountConnected(ctx)) ? 'user' : 'client';
}

function uploadPath(ctx: UploadContext): string {
  const path = String(ctx.config.get('uploadPath') ?? '/3/image').trim() || '/3/image';
  return path.startsWith('/') ? path : `/${path}`;
}

export const imgurUploader: Uploader = {
  descriptor,
  albums: imgurAlbums,

  async upload(source, options, ctx) {
    checkSource(descriptor, source);
    if (options.expiration && options.expiration !== 'never') {
      throw new UploadError(UploadErrorCode.unsupported, 'Imgur keeps images until they are deleted; it has no expiration. Choose Never.', {
        service: IMGUR.id,
        retry: { kind: 'never' },
      });
    }
    const auth = await uploadAuth(ctx);
    const text: Array<[string, string | undefined]> = [
      ['type', source.kind === 'file' ? 'file' : 'url'],
      ['name', source.kind === 'file' ? source.name : undefined],
      ['title', options.title],
      ['description', options.description],
      // With the account this is an album id; anonymous uploads name the album by its deletehash.
      ['album', options.albumId ?? optionalText(ctx, 'albumId')],
    ];
    const parts: MultipartPart[] = text.filter((p): p is [string, string] => p[1] !== undefined).map(([name, value]) => ({ name, value }));
    parts.push(
      source.kind === 'file'
        ? { name: 'image', file: { path: source.path, filename: source.name, contentType: source.mime } }
        : { name: 'image', value: source.url },
    );
    const data = await imgurCall(ctx, { method: 'POST', path: uploadPath(ctx), auth, body: await multipartBody(parts, { service: IMGUR.label }), progress: true });
    const result = isObject(data) ? imgurResult(data) : undefined;
    if (!result) throw missingInReply(IMGUR, 'the link of the uploaded image');
    return result;
  },

  /** By deletehash with the Client-ID (anonymous uploads), else by id with the account. */
  async delete(ref, ctx) {
    if (ref.deleteHash) {
      await imgurCall(ctx, { method: 'DELETE', path: `/3/image/${encodeURIComponent(ref.deleteHash)}`, auth: 'client' });
    } else if (ref.remoteId) {
      await imgurCall(ctx, { method: 'DELETE', path: `/3/image/${encodeURIComponent(ref.remoteId)}`, auth: 'user' });
    } else {
      throw new UploadError(UploadErrorCode.badRequest, 'This Imgur upload has neither a delete hash nor an id, so it cannot be deleted from Shotput.', {
        service: IMGUR.id,
        retry: { kind: 'never' },
      });
    }
  },

  /** Asks for the remaining credits (no upload); with the account, also who it is. */
  async verify(ctx) {
    const credits = await imgurCall(ctx, { path: '/3/credits', auth: 'client' });
    const remaining = numberField(credits, 'ClientRemaining');
    const limit = numberField(credits, 'ClientLimit');
    const budget = remaining !== undefined && limit !== undefined ? ` ${remaining.toLocaleString('en-US')} of ${limit.toLocaleString('en-US')} requests left today for this application.` : '';
    if (!(await isAccountConnected(ctx))) return `Imgur accepted the Client ID.${budget}`;
    const account = await imgurCall(ctx, { path: '/3/account/me', auth: 'user' });
    const name = isObject(account) && typeof account.url === 'string' ? account.url : String(ctx.config.get('account') || 'your account');
    return `Imgur accepted the Client ID and the connection to ${name}.${budget}`;
  },
};
