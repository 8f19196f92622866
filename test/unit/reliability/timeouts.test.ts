import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchWithTimeouts, RequestTimeoutError } from '../../../electron/core/uploaders/http/timeouts.js';
import { cli } from '../../support/cli.js';
import { writeNoisePng } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

/** A host that misbehaves in one way; `requests` counts what reached it. */
async function misbehavingHost(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const server: Server = createServer(handle);
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  let requests = 0;
  server.prependListener('request', () => requests++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return requests;
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  opened.push(host);
  return host;
}
const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});

async function upload(hostUrl: string, file: string, ...settings: string[]) {
  const profile = await tempProfile();
  const set = ['uploaders.imge.apiKey=K', `uploaders.imge.baseUrl=${hostUrl}`, ...settings].flatMap((s) => ['--set', s]);
  const run = await cli(profile, ...set, 'upload', file, '--json');
  return { ...run, result: JSON.parse(run.stdout.trim().split('\n')[0]!) as { ok: boolean; error: { code: string; message: string } } };
}

async function pngIn(bytesWidth: number): Promise<string> {
  const dir = await tempProfile();
  const path = join(dir, 'shot.png');
  await writeNoisePng(path, bytesWidth, bytesWidth);
  return path;
}

describe('a host that stops answering', () => {
  it('is reported as "stopped answering" within the idle timeout when it reads the upload and never replies', async () => {
    const host = await misbehavingHost((req) => req.resume());
    const run = await upload(host.url, await pngIn(32), 'network.idleTimeoutSeconds=1', 'queue.retries=0');
    expect(run.code).toBe(1);
    expect(run.result.error.code).toBe('network_error');
    expect(run.result.error.message).toMatch(/IM\.GE at 127\.0\.0\.1:\d+ stopped answering: nothing was sent or received for 1 s/);
  });

  it('is retried like a network error when it stops reading the upload part-way', async () => {
    // Stops reading: the socket buffers fill and the upload stalls with no bytes moving.
    const host = await misbehavingHost((req) => req.pause());
    const run = await upload(host.url, await pngIn(1800), 'network.idleTimeoutSeconds=1', 'queue.retries=1');
    expect(run.code).toBe(1);
    expect(run.result.error.message).toMatch(/stopped answering: nothing was sent or received for 1 s\. Gave up after 2 attempts\./);
    expect(host.requests).toBe(2);
  });

  it('fails the connect phase with its own wording when the connection never comes', async () => {
    // A connection that never completes cannot be made on loopback: this fetch never answers
    // and never takes a byte of the body, as a SYN into the void would.
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    const timed = fetchWithTimeouts(hanging, () => ({ connectMs: 50, idleMs: 10_000, totalMs: 10_000 }));
    await expect(timed('http://127.0.0.1:9/', { method: 'GET' })).rejects.toMatchObject({ kind: 'connect', ms: 50 });
    await expect(timed('http://127.0.0.1:9/', { method: 'GET' })).rejects.toBeInstanceOf(RequestTimeoutError);
  });
});

describe('replies that cannot be read', () => {
  it('does not send the file again when a 2xx reply is cut off: the host already has it', async () => {
    const host = await misbehavingHost((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        res.write('{"status_code":200,"image":{"url":"http://');
        setTimeout(() => res.socket?.destroy(), 20);
      });
    });
    const run = await upload(host.url, await pngIn(32), 'queue.retries=4');
    expect(run.code).toBe(1);
    expect(host.requests).toBe(1);
    expect(run.result.error.message).toMatch(/took the upload \(HTTP 200\) but its reply was cut off .*check there before uploading it again/);
  });

  it('does not retry a 2xx whose JSON is malformed', async () => {
    const host = await misbehavingHost((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status_code":200,'));
    });
    const run = await upload(host.url, await pngIn(32), 'queue.retries=4');
    expect(run.code).toBe(1);
    expect(host.requests).toBe(1);
    expect(run.result.error.code).toBe('malformed_response');
  });

  it('cuts an endless answer at the cap with a clear error, reading no more than that', async () => {
    let sent = 0;
    const host = await misbehavingHost((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const more = () => {
          while (!res.destroyed && res.write(chunk)) sent += chunk.length;
          if (!res.destroyed) res.once('drain', more);
        };
        more();
      });
    });
    const run = await upload(host.url, await pngIn(32), 'queue.retries=4');
    expect(run.code).toBe(1);
    expect(run.result.error.message).toMatch(/its reply was too large \(Shotput reads at most 4 MB\)/);
    expect(host.requests).toBe(1);
    // Bounded: the client stopped reading near the cap (plus what socket buffers took).
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('a request whose connection is cut while its body is being sent', () => {
  it('leaves no timer behind when the body is read once more after fetch has failed, so a CLI run exits at once', async () => {
    vi.useFakeTimers();
    try {
      let pullAfterFailure: () => Promise<unknown> = async () => undefined;
      // As undici does now and then on a reset: fetch rejects, then its body pump reads one more chunk.
      const cutMidBody: typeof fetch = async (_input, init) => {
        const reader = (init!.body as ReadableStream<Uint8Array>).getReader();
        await reader.read();
        pullAfterFailure = () => reader.read();
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
      };
      const limited = fetchWithTimeouts(cutMidBody, () => ({ connectMs: 1_000, idleMs: 30_000, totalMs: 600_000 }));
      const body = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(16)) }, { highWaterMark: 0 });
      await expect(limited('http://127.0.0.1:9/', { method: 'POST', body, duplex: 'half' } as RequestInit)).rejects.toThrow('fetch failed');
      await pullAfterFailure();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
