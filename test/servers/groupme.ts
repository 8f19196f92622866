/**
 * Stand-in for GroupMe's image service (docs/api-contracts.md §4): the raw image as the body with
 * X-Access-Token (multipart gets HTTP 500), `?url=` for remote images, `{"payload": {url,
 * picture_url}}` back. Also `GET /v3/users/me` of the main API, which "Test connection" uses.
 */
import { randomBytes } from 'node:crypto';
import { jsonReply, startStandIn, type RecordedFile, type ServiceDefinition, type StandIn, type StandInRequest, type StandInResponse, type ListenOptions } from './kit/stand-in.js';

export interface GroupmeOptions {
  tokens?: Record<string, { name: string }>;
  maxBytes?: number;
}

export interface GroupmeUpload {
  url: string;
  raw?: RecordedFile;
  remote?: string;
}

const meta = (code: number, error: string) => jsonReply(code, { meta: { code, errors: [error] }, response: null });

export function groupmeService(options: GroupmeOptions = {}): ServiceDefinition & { uploads: GroupmeUpload[] } {
  const uploads: GroupmeUpload[] = [];
  const handle = (req: StandInRequest): StandInResponse => {
    const { record } = req;
    const user = options.tokens?.[record.headers['x-access-token'] ?? ''];
    if (record.path === '/v3/users/me' && record.method === 'GET') {
      if (!user) return meta(401, 'unauthorized');
      return jsonReply(200, { response: { id: '1234', name: user.name, email: 'user@example.com' }, meta: { code: 200 } });
    }
    if (record.path !== '/pictures' || record.method !== 'POST') return meta(404, 'not found');
    if (!user) return meta(401, 'unauthorized');
    if (/^multipart\//i.test(record.headers['content-type'] ?? '')) return { status: 500, body: 'Internal Server Error', headers: { 'content-type': 'text/plain' } };
    const id = randomBytes(16).toString('hex');
    const remote = record.query.url;
    let url: string;
    if (remote) {
      if (!/^https?:\/\//.test(remote)) return meta(400, 'invalid url');
      url = `${req.origin}/i/${id}`;
    } else {
      const raw = record.raw;
      if (!raw || raw.size === 0) return meta(400, 'no image data');
      if (options.maxBytes !== undefined && raw.size > options.maxBytes) return meta(413, 'image too large');
      if (!raw.image) return meta(400, 'unsupported image format');
      const dims = raw.image.width ? `${raw.image.width}x${raw.image.height}.` : '';
      url = `${req.origin}/i/${dims}${raw.image.extension}.${id}`;
    }
    uploads.push({ url, raw: record.raw, remote });
    return jsonReply(200, { payload: { url, picture_url: url } });
  };
  return {
    name: 'groupme',
    uploads,
    handle,
    rateLimited: (_req, resetSeconds) => ({ ...meta(429, 'too many requests'), headers: { 'content-type': 'application/json', 'retry-after': String(resetSeconds) } }),
  };
}

export type GroupmeStandIn = StandIn & { uploads: GroupmeUpload[] };

export async function startGroupme(options: GroupmeOptions = {}, listen: ListenOptions = {}): Promise<GroupmeStandIn> {
  const service = groupmeService(options);
  return Object.assign(await startStandIn(service, listen), { uploads: service.uploads });
}
