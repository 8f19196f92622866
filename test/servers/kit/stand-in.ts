/**
 * What every stand-in server shares: a real node:http server on 127.0.0.1, bodies parsed as they
 * stream in (multipart, urlencoded, raw), a log of every request as the service would see it,
 * and faults on demand. Each service (../imge.ts …) only says how it answers.
 */
import { createHash, type Hash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeadKeeper, sniffImage, type SniffedImage } from './image.js';
import { boundaryOf, MultipartParser } from './multipart.js';

export interface RecordedFile {
  /** The multipart field name; '' for a raw body. */
  field: string;
  filename?: string;
  contentType?: string;
  size: number;
  sha256: string;
  /** What the first bytes say the file is, when it is an image. */
  image?: SniffedImage;
  /** The file itself, when it is small enough to keep (tests compare the pixels a host received). */
  bytes?: Buffer;
}

/** Files up to this size are kept whole in the log; larger ones only as size and hash. */
const KEPT_FILE_BYTES = 16 * 1024 * 1024;

export interface RecordedRequest {
  /** 1 for the first request the service received. */
  n: number;
  service: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names, as received (credentials included: these are test servers). */
  headers: Record<string, string>;
  /** Text fields of a multipart or urlencoded body (the last value of a repeated name). */
  fields: Record<string, string>;
  /** Every part or pair in the order sent, text and files, repeated names included. */
  parts: Array<{ name: string; kind: 'text' | 'file'; value?: string }>;
  files: RecordedFile[];
  /** A body that is neither multipart nor urlencoded. */
  raw?: RecordedFile;
  bodyBytes: number;
  status?: number;
  /** The fault applied to it, if any. */
  fault?: Fault['kind'];
}

export type Fault =
  /** Answer only after this delay (the body is read first). */
  | { kind: 'slow'; ms: number }
  /** Stop reading the body after this many bytes and never answer. */
  | { kind: 'stall'; afterBytes?: number }
  /** Drop the connection once this many body bytes arrived (default: half the body). */
  | { kind: 'reset'; afterBytes?: number }
  /** Answer with this status (a 5xx page by default). */
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  /** The service's own rate-limit answer (Imgur: 429 with reset headers; Chevereto: HTTP 400). */
  | { kind: 'rate-limit'; resetSeconds?: number }
  /** HTTP 200 with JSON cut short. */
  | { kind: 'malformed' };

export interface StandInRequest {
  record: RecordedRequest;
  url: URL;
  /** The origin clients reach this server at, for links in replies. */
  origin: string;
  /** Repeated form names (Imgur's `ids[]`), in order. */
  all(name: string): string[];
  file(name: string): RecordedFile | undefined;
}

export interface StandInResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
}

export interface ServiceDefinition {
  name: string;
  handle(request: StandInRequest): StandInResponse | Promise<StandInResponse>;
  /** This service's answer when it is rate limiting. */
  rateLimited(request: StandInRequest, resetSeconds: number): StandInResponse;
  /** Headers added to every answer (Imgur's rate-limit counters). */
  commonHeaders?(request: StandInRequest): Record<string, string>;
}

export interface StandIn {
  readonly name: string;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly log: RecordedRequest[];
  /** Applies `fault` to the `nth` request from now (default the next), for `times` requests (default 1). */
  inject(fault: Fault, when?: { nth?: number; times?: number }): void;
  clearFaults(): void;
  /** The last request received, or the last to a path. */
  last(path?: string): RecordedRequest | undefined;
  close(): Promise<void>;
}

interface ScheduledFault {
  from: number;
  to: number;
  fault: Fault;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): StandInResponse {
  return { status, body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}

function newFile(field: string, filename: string | undefined, contentType: string | undefined) {
  const hash: Hash = createHash('sha256');
  const head = new HeadKeeper();
  const record: RecordedFile = { field, filename, contentType, size: 0, sha256: '' };
  let kept: Buffer[] | undefined = [];
  return {
    record,
    push(chunk: Buffer) {
      record.size += chunk.length;
      hash.update(chunk);
      head.push(chunk);
      if (kept && record.size <= KEPT_FILE_BYTES) kept.push(Buffer.from(chunk));
      else kept = undefined;
    },
    finish() {
      record.sha256 = hash.digest('hex');
      record.image = sniffImage(head.head);
      // Not enumerable: the log's JSON and exact comparisons see the file's size and hash, not its bytes.
      if (kept) Object.defineProperty(record, 'bytes', { value: Buffer.concat(kept), enumerable: false });
    },
  };
}

/** Feeds body chunks into the right parser and fills the record's fields, parts and files. */
function bodySink(record: RecordedRequest, contentType: string | undefined) {
  const boundary = boundaryOf(contentType);
  if (boundary) {
    let file: ReturnType<typeof newFile> | undefined;
    let text: Buffer[] | undefined;
    let name = '';
    const parser = new MultipartParser(boundary, {
      onPart(part) {
        name = part.name;
        if (part.filename !== undefined) file = newFile(part.name, part.filename, part.contentType);
        else text = [];
      },
      onData(chunk) {
        if (file) file.push(chunk);
        else text?.push(Buffer.from(chunk));
      },
      onPartEnd() {
        if (file) {
          file.finish();
          record.files.push(file.record);
          record.parts.push({ name, kind: 'file' });
        } else if (text) {
          const value = Buffer.concat(text).toString('utf8');
          record.fields[name] = value;
          record.parts.push({ name, kind: 'text', value });
        }
        file = undefined;
        text = undefined;
      },
    });
    return { write: (c: Buffer) => parser.write(c), end: () => parser.end() };
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType ?? '')) {
    const chunks: Buffer[] = [];
    return {
      write: (c: Buffer) => chunks.push(c),
      end: () => {
        for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
          record.fields[key] = value;
          record.parts.push({ name: key, kind: 'text', value });
        }
      },
    };
  }
  let raw: ReturnType<typeof newFile> | undefined;
  return {
    write: (c: Buffer) => (raw ??= newFile('', undefined, contentType)).push(c),
    end: () => {
      if (!raw) return;
      raw.finish();
      record.raw = raw.record;
    },
  };
}

function send(res: ServerResponse, reply: StandInResponse, extraHeaders: Record<string, string>): void {
  const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...extraHeaders, ...reply.headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ListenOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Told about each request once it is answered (or cut by a fault). */
  onRequest?(request: RecordedRequest): void;
}

/** Starts a service's stand-in on 127.0.0.1. */
export async function startStandIn(service: ServiceDefinition, options: ListenOptions = {}): Promise<StandIn> {
  const log: RecordedRequest[] = [];
  let faults: ScheduledFault[] = [];
  let count = 0;
  let origin = '';

  const control = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const answer = (status: number, body: unknown) => send(res, jsonReply(status, body), {});
    if (url.pathname === '/__standin/log' && req.method === 'GET') return answer(200, log);
    if (url.pathname === '/__standin/log' && req.method === 'DELETE') {
      log.length = 0;
      return answer(200, { cleared: true });
    }
    if (url.pathname === '/__standin/fault' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const { fault, nth, times } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { fault: Fault; nth?: number; times?: number };
          standIn.inject(fault, { nth, times });
          answer(200, { scheduled: fault.kind });
        } catch (err) {
          answer(400, { error: `POST /__standin/fault takes {"fault": {...}, "nth"?: n, "times"?: n}: ${(err as Error).message}` });
        }
      });
      return;
    }
    answer(404, { error: 'unknown control endpoint' });
  };

  const handleRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/__standin/')) return control(req, res, url);
    const n = ++count;
    const scheduled = faults.find((f) => n >= f.from && n <= f.to)?.fault;
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    const record: RecordedRequest = {
      n,
      service: service.name,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      fields: {},
      parts: [],
      files: [],
      bodyBytes: 0,
      fault: scheduled?.kind,
    };
    log.push(record);
    const finish = (reply: StandInResponse, extra: Record<string, string> = {}) => {
      record.status = reply.status;
      options.onRequest?.(record);
      send(res, reply, extra);
    };

    const expected = Number(req.headers['content-length'] ?? 0);
    const cutAt =
      scheduled?.kind === 'reset' ? (scheduled.afterBytes ?? Math.floor(expected / 2)) : scheduled?.kind === 'stall' ? (scheduled.afterBytes ?? 0) : undefined;
    if (cutAt === 0) {
      options.onRequest?.(record);
      if (scheduled?.kind === 'reset') req.socket.destroy();
      else req.pause();
      return;
    }

    const sink = bodySink(record, req.headers['content-type']);
    const bodyOk = await new Promise<boolean>((resolve) => {
      let failed = false;
      req.on('data', (chunk: Buffer) => {
        if (failed) return;
        record.bodyBytes += chunk.length;
        try {
          sink.write(chunk);
        } catch {
          failed = true;
        }
        if (cutAt !== undefined && record.bodyBytes >= cutAt) {
          options.onRequest?.(record);
          if (scheduled?.kind === 'reset') req.socket.destroy();
          else req.pause();
          resolve(false);
        }
      });
      req.on('end', () => {
        try {
          sink.end();
        } catch {
          failed = true;
        }
        resolve(!failed);
      });
      req.on('error', () => resolve(false));
      req.on('close', () => resolve(false));
    });
    if (res.destroyed || (cutAt !== undefined && record.bodyBytes >= cutAt)) return;
    if (!bodyOk) return finish({ status: 400, body: 'Malformed request body', headers: { 'content-type': 'text/plain' } });

    const request: StandInRequest = {
      record,
      url,
      origin,
      all: (name) => record.parts.filter((p) => p.name === name && p.kind === 'text').map((p) => p.value ?? ''),
      file: (name) => record.files.find((f) => f.field === name),
    };
    const common = service.commonHeaders?.(request) ?? {};
    switch (scheduled?.kind) {
      case 'slow':
        await delay(scheduled.ms);
        break;
      case 'status':
        return finish(
          { status: scheduled.status, body: scheduled.body ?? `<html><body><h1>${scheduled.status} Service Unavailable</h1></body></html>`, headers: { 'content-type': scheduled.contentType ?? 'text/html' } },
          common,
        );
      case 'rate-limit':
        return finish(service.rateLimited(request, scheduled.resetSeconds ?? 60), common);
      case 'malformed':
        return finish({ status: 200, body: '{"status_code":200,"success":{"message":"file uploaded","code":200},"image":{"url":"ht', headers: { 'content-type': 'application/json' } }, common);
    }
    let reply: StandInResponse;
    try {
      reply = await service.handle(request);
    } catch (err) {
      reply = { status: 500, body: `stand-in failure: ${(err as Error).message}`, headers: { 'content-type': 'text/plain' } };
    }
    finish(reply, service.commonHeaders?.(request) ?? common);
  };

  const server: Server = createServer((req, res) => {
    void handleRequest(req, res).catch((err) => {
      if (!res.headersSent) send(res, { status: 500, body: String(err) }, {});
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const standIn: StandIn = {
    name: service.name,
    url: origin,
    log,
    inject(fault, when = {}) {
      const from = count + (when.nth ?? 1);
      faults.push({ from, to: from + (when.times ?? 1) - 1, fault });
    },
    clearFaults() {
      faults = [];
    },
    last(path) {
      return [...log].reverse().find((r) => path === undefined || r.path === path);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return standIn;
}
