import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { UploadError } from '../../electron/core/uploaders/errors.js';
import type { Uploader } from '../../electron/core/uploaders/types.js';

/**
 * A minimal image host for testing the queue on its own: `PUT /upload` stores nothing, answers
 * with a link, and can be told to fail. The uploader below talks to it over real HTTP.
 */
export interface EchoHost {
  url: string;
  /** Answers for the next requests, in order; afterwards every request succeeds. */
  script: Array<{ status: number; body?: string; headers?: Record<string, string>; delayMs?: number }>;
  received: Array<{ name: string; bytes: number }>;
  maxConcurrent: number;
  close(): Promise<void>;
}

export async function startEchoHost(): Promise<EchoHost> {
  let active = 0;
  const host: EchoHost = { url: '', script: [], received: [], maxConcurrent: 0, close: async () => {} };
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    active++;
    host.maxConcurrent = Math.max(host.maxConcurrent, active);
    let bytes = 0;
    const step = host.script.shift();
    try {
      for await (const chunk of req) bytes += (chunk as Buffer).length;
      if (step?.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
      const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '');
      if (step && step.status !== 200) {
        res.writeHead(step.status, { 'Content-Type': 'application/json', ...step.headers }).end(step.body ?? '{"error":"scripted"}');
        return;
      }
      host.received.push({ name, bytes });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ link: `${host.url}/i/${host.received.length}/${name}`, size: bytes }));
    } catch {
      // client went away
    } finally {
      active--;
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  host.close = () => new Promise((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  return host;
}

export function echoUploader(host: () => string): Uploader {
  return {
    descriptor: {
      id: 'echo',
      label: 'Echo host',
      settings: [],
      capabilities: { albums: false, delete: false, remoteUrl: false, expiration: [], maxBytes: 50 * 1024 * 1024, accepts: 'any' },
    },
    async upload(source, _options, ctx) {
      if (source.kind !== 'file') throw new Error('files only');
      let sent = 0;
      const stream = createReadStream(source.path).on('data', (chunk) => {
        sent += chunk.length;
        ctx.onProgress(sent, source.size);
      });
      let response: Response;
      try {
        response = await ctx.fetch(`${host()}/upload?name=${encodeURIComponent(source.name)}`, {
          method: 'PUT',
          body: Readable.toWeb(stream) as ReadableStream,
          headers: { 'Content-Length': String(source.size) },
          signal: ctx.signal,
          duplex: 'half',
        } as RequestInit);
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        throw new UploadError('network_error', `Echo host unreachable: ${(err as Error).message}`, { service: 'Echo host', retry: { kind: 'backoff' } });
      }
      const text = await response.text();
      if (response.status === 429) {
        const reset = Number(response.headers.get('x-reset-seconds') ?? '60');
        throw new UploadError('rate_limited', 'Echo host rate limit reached.', { service: 'Echo host', retry: { kind: 'after', at: ctx.now() + reset * 1000 }, status: 429 });
      }
      if (response.status >= 500) throw new UploadError('server_error', `Echo host failed (HTTP ${response.status}).`, { service: 'Echo host', retry: { kind: 'backoff' }, status: response.status });
      if (!response.ok) throw new UploadError('rejected', `Echo host refused the file (HTTP ${response.status}).`, { service: 'Echo host', retry: { kind: 'never' }, status: response.status });
      const body = JSON.parse(text) as { link: string; size: number };
      return { url: body.link, bytes: body.size };
    },
  };
}
