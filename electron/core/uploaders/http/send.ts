import { SHOTPUT_VERSION } from '../../version.js';
import { UploadError, UploadErrorCode } from '../errors.js';
import type { RequestBody } from './body.js';
import { networkFailure, ReplyTooLargeError, replyFailure, type ResponseInfo, type ServiceRef } from './failure.js';

export type QueryValue = string | number | boolean | undefined | readonly string[];

export interface HttpRequest {
  service: ServiceRef;
  /** Default POST when there is a body, GET otherwise. */
  method?: string;
  /** The full URL; a query string in it is kept and `query` is appended to it. */
  url: string;
  /** Appended to the URL; undefined values are left out, arrays repeat the key. */
  query?: Record<string, QueryValue>;
  /** Extra headers; undefined values are left out. Content-Type defaults to the body's. */
  headers?: Record<string, string | undefined>;
  body?: RequestBody;
  /**
   * Default: requests without a body follow redirects; a request with a body does not, and fails
   * with a message naming the redirect. 'manual' hands any 3xx to the caller (Location is in
   * `headers`) to follow itself; with a body, fetch then keeps a spare copy of every chunk sent
   * until the reply arrives (it must be able to send it again), so memory grows with the file.
   */
  redirect?: 'follow' | 'manual';
  /** Larger replies are cut here; an uploader's JSON is a few kilobytes. Default 4 MiB. */
  maxResponseBytes?: number;
}

/** What the request needs from the upload context. */
export interface HttpIO {
  fetch: typeof fetch;
  signal: AbortSignal;
  /** Bytes of the body handed to the network so far, out of `body.length`. */
  onProgress?(sent: number, total: number): void;
}

export interface HttpResponse extends ResponseInfo {
  statusText: string;
  /** The URL that answered, after redirects. */
  url: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(): unknown;
}

const DEFAULT_MAX_RESPONSE = 4 * 1024 * 1024;

/** `url` with `query` appended; a malformed base URL is a settings problem, said as such. */
export function buildUrl(service: ServiceRef, url: string, query: Record<string, QueryValue> = {}): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UploadError(
      UploadErrorCode.notConfigured,
      `The address for ${service.label} is not a valid URL (${JSON.stringify(url)}). Set it in Settings → ${service.label}.`,
      { service: service.id, retry: { kind: 'never' } },
    );
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) parsed.searchParams.append(key, v);
    else parsed.searchParams.append(key, String(value));
  }
  return parsed;
}

/** The whole reply as text, refusing (never silently cutting) one larger than `max`. */
async function readText(response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  if (Number(response.headers.get('content-length') ?? 0) > max) {
    await response.body.cancel().catch(() => undefined);
    throw new ReplyTooLargeError(max);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new ReplyTooLargeError(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends one request with a streamed body and reads the whole reply. Resolves for every HTTP
 * status (the uploader decides what a 400 means for its service); rejects only with an
 * UploadError: cancelled, file unreadable, or a network failure.
 */
export async function sendRequest(request: HttpRequest, io: HttpIO): Promise<HttpResponse> {
  const url = buildUrl(request.service, request.url, request.query);
  // Services that block anonymous clients see who is calling; a request may name itself otherwise.
  const headers = new Headers({ 'user-agent': `Shotput/${SHOTPUT_VERSION}` });
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers.set(name, value);
  const body = request.body;
  let stream: ReadableStream<Uint8Array> | undefined;
  if (body) {
    if (!headers.has('content-type') && body.contentType) headers.set('content-type', body.contentType);
    headers.set('content-length', String(body.length));
    let sent = 0;
    io.onProgress?.(0, body.length);
    stream = body.open(io.signal, (bytes) => {
      sent += bytes;
      io.onProgress?.(sent, body.length);
    });
  }
  try {
    const init: RequestInit & { duplex?: 'half' } = {
      method: request.method ?? (body ? 'POST' : 'GET'),
      headers,
      signal: io.signal,
      redirect: request.redirect ?? (stream ? 'error' : 'follow'),
    };
    if (stream && init.redirect === 'error') {
      // Unless it may neither follow a redirect nor prompt a window, fetch clones the request,
      // and cloning tees the body: the spare branch keeps every chunk of the file until the end.
      init.window = null;
    }
    if (stream) {
      init.body = stream;
      init.duplex = 'half';
    } else if (init.method !== 'GET' && init.method !== 'HEAD') {
      headers.set('content-length', '0');
    }
    const response = await io.fetch(url, init);
    let text: string;
    try {
      text = await readText(response, request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE);
    } catch (err) {
      throw replyFailure(request.service, response.status, err, io.signal, url);
    }
    let parsed: { value: unknown } | undefined;
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      url: response.url || url.href,
      text,
      json: () => (parsed ??= { value: parseJson(text) }).value,
    };
  } catch (err) {
    await stream?.cancel().catch(() => undefined);
    throw networkFailure(request.service, err, io.signal, url);
  }
}

/** A JSON object's field, or undefined: replies are read defensively, never trusted. */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A string field, or undefined (numbers are accepted and turned into text). */
export function stringField(value: unknown, ...path: string[]): string | undefined {
  const v = field(value, ...path);
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A number field, whether the service sent 42 or "42" (ImgBB sends strings). */
export function numberField(value: unknown, ...path: string[]): number | undefined {
  const v = field(value, ...path);
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
