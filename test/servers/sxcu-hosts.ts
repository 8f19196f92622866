/**
 * Hosts of the shapes .sxcu files describe, on 127.0.0.1: a JSON API with a bearer token, a
 * plain-text host that answers with the link alone (0x0.st, catbox), a host that redirects to the
 * image page after the upload (Chevereto's format=redirect), and a host that takes the raw file
 * as the body (PUT /<name>). Each keeps what it received for the tests to check.
 */
import { randomBytes } from 'node:crypto';
import { jsonReply, startStandIn, type RecordedFile, type StandIn, type StandInRequest, type StandInResponse } from './kit/stand-in.js';

export interface HostUpload {
  id: string;
  file: RecordedFile;
  /** Text fields and query parameters the upload came with. */
  fields: Record<string, string>;
}

export interface SxcuHost extends StandIn {
  uploads: HostUpload[];
}

const id = () => randomBytes(4).toString('hex');
const text = (status: number, body: string, headers: Record<string, string> = {}): StandInResponse => ({ status, body, headers: { 'content-type': 'text/plain', ...headers } });

function host(name: string, handle: (request: StandInRequest, uploads: HostUpload[]) => StandInResponse): Promise<SxcuHost> {
  const uploads: HostUpload[] = [];
  return startStandIn({
    name,
    handle: (request) => handle(request, uploads),
    rateLimited: () => jsonReply(429, { error: { message: 'Slow down' } }),
  }).then((standIn) => Object.assign(standIn, { uploads }));
}

/** `POST /api/upload`, multipart `file`, `Authorization: Bearer <token>`; errors as {error:{message}}. */
export function startJsonHost(token: string): Promise<SxcuHost> {
  return host('json host', (request, uploads) => {
    const { record, origin } = request;
    if (record.method !== 'POST' || record.path !== '/api/upload') return jsonReply(404, { error: { message: 'No such endpoint' } });
    if (record.headers.authorization !== `Bearer ${token}`) return jsonReply(401, { error: { message: 'Invalid token', code: 'E_AUTH' } });
    const file = request.file('file');
    if (!file) return jsonReply(400, { error: { message: 'No file field', code: 'E_EMPTY' } });
    const upload = { id: id(), file, fields: { ...record.query, ...record.fields } };
    uploads.push(upload);
    const url = `${origin}/f/${upload.id}/${encodeURIComponent(file.filename ?? 'file')}`;
    return jsonReply(200, { success: true, files: [{ url, thumb: `${origin}/t/${upload.id}.jpg`, delete: `${origin}/d/${upload.id}?k=${id()}`, size: file.size }] });
  });
}

/** `POST /` with multipart `file` (like 0x0.st): the body of the answer is the link and a newline. */
export function startTextHost(): Promise<SxcuHost> {
  return host('text host', (request, uploads) => {
    const file = request.file('file');
    if (request.record.method !== 'POST' || !file) return text(400, 'Send a file in the "file" field.\n');
    const upload = { id: id(), file, fields: request.record.fields };
    uploads.push(upload);
    return text(200, `${request.origin}/${upload.id}.${(file.filename ?? '').split('.').pop()}\n`);
  });
}

/**
 * `POST /api/1/upload` with `source`, answered 302 to `/image/<id>`, whose page is HTML; the old
 * address `/upload.php` answers 307 to the new one (the same request must be sent again).
 */
export function startRedirectHost(): Promise<SxcuHost> {
  return host('redirect host', (request, uploads) => {
    const { record, origin } = request;
    if (record.path === '/upload.php') return { status: 307, headers: { location: '/api/1/upload' } };
    const page = /^\/image\/(\w+)$/.exec(record.path);
    if (record.method === 'GET' && page) {
      return { status: 200, body: `<html><body><img src="/images/${page[1]}.png"></body></html>`, headers: { 'content-type': 'text/html' } };
    }
    const file = request.file('source');
    if (record.method !== 'POST' || record.path !== '/api/1/upload' || !file) return text(400, 'Empty upload source.');
    const upload = { id: id(), file, fields: record.fields };
    uploads.push(upload);
    return { status: 302, headers: { location: `${origin}/image/${upload.id}`, 'x-image-id': upload.id } };
  });
}

/** `PUT /up/<name>` with the file as the body; answers {"link": …} (201) or {"error": …}. */
export function startBinaryHost(): Promise<SxcuHost> {
  return host('binary host', (request, uploads) => {
    const { record, origin } = request;
    const name = /^\/up\/(.+)$/.exec(record.path)?.[1];
    if (record.method !== 'PUT' || !name) return jsonReply(405, { error: 'PUT /up/<name> only' });
    if (!record.raw || record.raw.size === 0) return jsonReply(400, { error: 'Empty body' });
    const upload = { id: id(), file: { ...record.raw, filename: decodeURIComponent(name) }, fields: record.query };
    uploads.push(upload);
    return jsonReply(201, { link: `${origin}/raw/${upload.id}/${name}` });
  });
}
