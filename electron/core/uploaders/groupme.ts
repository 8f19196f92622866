/**
 * GroupMe's image service (`POST <base>/pictures`, docs/api-contracts.md §4): the raw bytes as
 * the body, never multipart (that gets HTTP 500), the token in X-Access-Token. The pipeline
 * encodes to JPEG for it (`preferredFormat`). No delete endpoint.
 */
import { MB, baseUrlOf, checkSource, fields, httpIO, requireSecret, serviceOf, settingKey } from './common.js';
import { fileBody } from './http/body.js';
import { malformedFailure, responseFailure, type ServiceDetail } from './http/failure.js';
import { field, sendRequest, stringField, type HttpResponse } from './http/send.js';
import type { UploadContext, Uploader, UploaderDescriptor } from './types.js';

const descriptor: UploaderDescriptor = {
  id: 'groupme',
  label: 'GroupMe',
  settings: [
    fields.baseUrl('groupme', 'GroupMe image service', 'https://image.groupme.com', 'Uploads go to <address>/pictures.'),
    fields.secret('groupme', 'accessToken', 'Access token', 'Your token is on https://dev.groupme.com/ under "Access Token" once you are signed in.'),
    {
      key: settingKey('groupme', 'apiBaseUrl'),
      label: 'GroupMe API address',
      kind: 'url',
      default: 'https://api.groupme.com',
      help: '"Test connection" asks <address>/v3/users/me who the token belongs to.',
    },
  ],
  capabilities: { albums: false, delete: false, remoteUrl: true, expiration: [], maxBytes: 20 * MB, preferredFormat: 'jpeg', formats: ['jpeg', 'png'], accepts: 'image' },
};
const service = serviceOf(descriptor);
const TOKEN_HINT = 'Copy it from https://dev.groupme.com/ (Access Token, top right, once signed in).';

/** GroupMe's errors are undocumented: `{"meta": {"errors": [...]}}` when there is JSON, else the body. */
function groupmeFailure(res: HttpResponse, now: number) {
  const errors = field(res.json(), 'meta', 'errors');
  const detail: ServiceDetail = { message: Array.isArray(errors) ? errors.filter((e) => typeof e === 'string').join('; ') || undefined : undefined };
  if (res.status === 401) {
    detail.sentence = `GroupMe refused the access token (HTTP 401${detail.message ? `: ${detail.message}` : ''}). Check ${settingKey('groupme', 'accessToken')} in Settings → GroupMe.`;
    detail.setting = settingKey('groupme', 'accessToken');
  }
  return responseFailure(service, res, detail, now);
}

async function token(ctx: UploadContext): Promise<string> {
  return requireSecret(ctx, service, 'accessToken', 'an access token', TOKEN_HINT);
}

export const groupmeUploader: Uploader = {
  descriptor,

  async upload(source, _options, ctx) {
    checkSource(descriptor, source);
    const base = baseUrlOf(ctx, service);
    const headers = { 'X-Access-Token': await token(ctx), Accept: 'application/json' };
    const res =
      source.kind === 'file'
        ? await sendRequest(
            {
              service,
              url: `${base}/pictures`,
              headers,
              // PNG bytes are accepted under image/jpeg too; the real type is the honest one.
              body: await fileBody({ path: source.path, contentType: source.mime.startsWith('image/') ? source.mime : 'image/jpeg' }, { service: service.label }),
            },
            httpIO(ctx),
          )
        : await sendRequest({ service, method: 'POST', url: `${base}/pictures`, query: { url: source.url }, headers }, httpIO(ctx));
    if (res.status < 200 || res.status > 299) throw groupmeFailure(res, ctx.now());
    const url = stringField(res.json(), 'payload', 'url') ?? stringField(res.json(), 'payload', 'picture_url');
    if (!url) throw malformedFailure(service, res, res.json() === undefined ? undefined : 'no picture link in the reply');
    // Size variants by suffix; dimensions are not read out of the URL (not every URL has them).
    const links = { preview: `${url}.preview`, large: `${url}.large`, avatar: `${url}.avatar` };
    return { url, thumbnailUrl: links.preview, links, bytes: source.kind === 'file' ? source.size : undefined };
  },

  async verify(ctx) {
    const apiBase = String(ctx.config.get('apiBaseUrl') ?? '').replace(/\/+$/, '');
    const res = await sendRequest(
      { service, url: `${apiBase}/v3/users/me`, headers: { 'X-Access-Token': await token(ctx), Accept: 'application/json' } },
      httpIO(ctx),
    );
    if (res.status !== 200) throw groupmeFailure(res, ctx.now());
    const name = stringField(res.json(), 'response', 'name');
    if (!name) throw malformedFailure(service, res, 'no user in the reply');
    return `GroupMe accepted the access token (signed in as ${name}).`;
  },
};
