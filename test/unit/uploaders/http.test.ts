import { truncate } from 'node:fs/promises';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fileBody, formBody, multipartBody, textBody } from '../../../electron/core/uploaders/http/body.js';
import { malformedFailure, responseFailure } from '../../../electron/core/uploaders/http/failure.js';
import { sendRequest, type HttpResponse } from '../../../electron/core/uploaders/http/send.js';
import { jsonReply, startStandIn, type ServiceDefinition } from '../../servers/kit/stand-in.js';
import { failureOf as rejection } from './expect.js';
import { pngFile, track, until } from './fixtures.js';

const service = { id: 'echo', label: 'Echo' };

/** A service that answers every request with 200 {ok:true}; the log is what these tests read. */
const echo: ServiceDefinition = {
  name: 'echo',
  handle: () => jsonReply(200, { ok: true }),
  rateLimited: () => jsonReply(429, { error: 'slow down' }),
};

const io = (signal: AbortSignal, onProgress?: (sent: number, total: number) => void) => ({ fetch, signal, onProgress });
const never = () => new AbortController().signal;


describe('shared upload path: bodies', () => {
  it('streams multipart text fields and a file in order, with the exact Content-Length', async () => {
    const server = track(await startStandIn(echo));
    const file = await pngFile({ bytes: 300_000, name: 'quote"d name.png' });
    const body = await multipartBody(
      [
        { name: 'key', value: 'K' },
        { name: 'title', value: 'Ünïcode title' },
        { name: 'source', file: { path: file.path, filename: file.name, contentType: 'image/png' } },
      ],
      { service: 'Echo' },
    );
    const res = await sendRequest(
      { service, method: 'PUT', url: `${server.url}/api/1/upload?format=json`, query: { a: '1', ids: ['x', 'y'], skip: undefined }, headers: { 'X-API-Key': 'K', 'X-Unset': undefined }, body },
      io(never()),
    );
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const seen = server.last()!;
    expect(seen.method).toBe('PUT');
    expect(seen.query).toEqual({ format: 'json', a: '1', ids: 'y' });
    expect(seen.headers['x-api-key']).toBe('K');
    expect(seen.headers['x-unset']).toBeUndefined();
    expect(Number(seen.headers['content-length'])).toBe(body.length);
    expect(seen.bodyBytes).toBe(body.length);
    expect(seen.headers['transfer-encoding']).toBeUndefined();
    expect(seen.parts.map((p) => p.name)).toEqual(['key', 'title', 'source']);
    expect(seen.fields).toEqual({ key: 'K', title: 'Ünïcode title' });
    expect(seen.files).toEqual([
      { field: 'source', filename: 'quote%22d name.png', contentType: 'image/png', size: file.size, sha256: file.sha256, image: { mime: 'image/png', extension: 'png', width: 640, height: 480 } },
    ]);
  });

  it('sends a file as the raw body with its own content type', async () => {
    const server = track(await startStandIn(echo));
    const file = await pngFile({ bytes: 200_000 });
    await sendRequest({ service, url: `${server.url}/pictures`, body: await fileBody({ path: file.path, contentType: 'image/jpeg' }, { service: 'Echo' }) }, io(never()));
    const seen = server.last()!;
    expect(seen.method).toBe('POST');
    expect(seen.headers['content-type']).toBe('image/jpeg');
    expect(seen.headers['content-length']).toBe(String(file.size));
    expect(seen.raw).toMatchObject({ size: file.size, sha256: file.sha256 });
    expect(seen.files).toEqual([]);
  });

  it('sends urlencoded forms with repeated names and text bodies', async () => {
    const server = track(await startStandIn(echo));
    await sendRequest({ service, url: `${server.url}/3/album`, body: formBody([['title', 'Trip & co'], ['ids[]', 'a'], ['ids[]', 'b']]) }, io(never()));
    expect(server.last()!.parts).toEqual([
      { name: 'title', kind: 'text', value: 'Trip & co' },
      { name: 'ids[]', kind: 'text', value: 'a' },
      { name: 'ids[]', kind: 'text', value: 'b' },
    ]);
    await sendRequest({ service, method: 'PATCH', url: `${server.url}/json`, body: textBody('{"a":"é"}', 'application/json') }, io(never()));
    expect(server.last()).toMatchObject({ method: 'PATCH', headers: { 'content-type': 'application/json', 'content-length': '10' }, raw: { size: 10 } });
  });

  it('sends an empty POST with Content-Length 0 and a GET with no body', async () => {
    const server = track(await startStandIn(echo));
    await sendRequest({ service, method: 'POST', url: `${server.url}/pictures`, query: { url: 'https://example.com/a.png' } }, io(never()));
    expect(server.last()).toMatchObject({ method: 'POST', headers: { 'content-length': '0' }, query: { url: 'https://example.com/a.png' }, bodyBytes: 0 });
    await sendRequest({ service, url: `${server.url}/3/credits` }, io(never()));
    expect(server.last()).toMatchObject({ method: 'GET', bodyBytes: 0 });
  });
});

describe('shared upload path: progress and cancel', () => {
  it('reports byte-accurate progress as the body is pulled, ending at the exact total', async () => {
    const server = track(await startStandIn(echo));
    const file = await pngFile({ bytes: 2_000_000 });
    const body = await multipartBody([{ name: 'image', file: { path: file.path, filename: file.name, contentType: file.mime } }], { service: 'Echo' });
    const events: Array<[number, number]> = [];
    await sendRequest({ service, url: server.url, body }, io(never(), (sent, total) => events.push([sent, total])));
    expect(events.length).toBeGreaterThan(10);
    expect(events[0]).toEqual([0, body.length]);
    expect(events.at(-1)).toEqual([body.length, body.length]);
    expect(events.every(([, total]) => total === body.length)).toBe(true);
    expect(events.every(([sent], i) => i === 0 || sent > events[i - 1]![0])).toBe(true);
    expect(server.last()!.bodyBytes).toBe(body.length);
  });

  it('does not read ahead of the network: a server that stops reading stops the progress', async () => {
    const server = track(await startStandIn(echo));
    server.inject({ kind: 'stall', afterBytes: 64 * 1024 });
    const file = await pngFile({ bytes: 30_000_000 });
    const body = await fileBody({ path: file.path, contentType: file.mime }, { service: 'Echo' });
    const controller = new AbortController();
    let sent = 0;
    const upload = sendRequest({ service, url: server.url, body }, io(controller.signal, (s) => (sent = s)));
    await until(() => (server.last()?.bodyBytes ?? 0) >= 64 * 1024);
    await new Promise((r) => setTimeout(r, 300));
    const stalledAt = sent;
    await new Promise((r) => setTimeout(r, 300));
    // Socket buffers hold some megabytes at most, never the whole 30 MB file.
    expect(sent).toBe(stalledAt);
    expect(sent).toBeLessThan(file.size / 2);
    controller.abort();
    const err = await rejection(upload);
    expect(err).toMatchObject({ code: 'cancelled', message: 'The upload to Echo was cancelled.', retry: { kind: 'never' } });
  });

  it('cancels before anything is sent', async () => {
    const server = track(await startStandIn(echo));
    const file = await pngFile();
    const controller = new AbortController();
    controller.abort();
    const err = await rejection(sendRequest({ service, url: server.url, body: await fileBody({ path: file.path, contentType: file.mime }, { service: 'Echo' }) }, io(controller.signal)));
    expect(err.code).toBe('cancelled');
    expect(server.log).toEqual([]);
  });
});

describe('shared upload path: failures', () => {
  it('refuses a missing file before connecting, and a file that shrank while sending', async () => {
    const server = track(await startStandIn(echo));
    const missing = await rejection(fileBody({ path: '/nonexistent/shot.png', contentType: 'image/png' }, { service: 'Echo' }));
    expect(missing).toMatchObject({ code: 'file_unreadable', retry: { kind: 'never' } });
    expect(missing.message).toBe('Could not read /nonexistent/shot.png for Echo: it does not exist (it may have been moved or deleted).');

    const file = await pngFile({ bytes: 500_000 });
    const body = await multipartBody([{ name: 'image', file: { path: file.path, filename: file.name, contentType: file.mime } }], { service: 'Echo' });
    await truncate(file.path, 1000);
    const shrunk = await rejection(sendRequest({ service, url: server.url, body }, io(never())));
    expect(shrunk).toMatchObject({ code: 'file_unreadable', retry: { kind: 'never' } });
    expect(shrunk.message).toContain('got shorter while it was being uploaded');
  });

  it('says the connection was cut when the server resets it mid-body, and retries with backoff', async () => {
    const server = track(await startStandIn(echo));
    server.inject({ kind: 'reset' });
    const file = await pngFile({ bytes: 3_000_000 });
    const err = await rejection(sendRequest({ service, url: server.url, body: await fileBody({ path: file.path, contentType: file.mime }, { service: 'Echo' }) }, io(never())));
    expect(err).toMatchObject({ code: 'network_error', retry: { kind: 'backoff' }, service: 'echo' });
    expect(err.message).toBe(`The connection to Echo at ${new URL(server.url).host} was cut off before the upload finished.`);
    expect(server.last()!.bodyBytes).toBeLessThan(file.size);
  });

  it('says the connection was refused when nothing listens', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const err = await rejection(sendRequest({ service, url: `http://127.0.0.1:${port}/x` }, io(never())));
    expect(err).toMatchObject({ code: 'network_error', retry: { kind: 'backoff' } });
    expect(err.message).toBe(`Could not connect to Echo at 127.0.0.1:${port}: the connection was refused. Check the address in Settings.`);
  });

  it('does not follow a redirect with a streamed body, and says why', async () => {
    const moved: ServiceDefinition = { ...echo, handle: () => ({ status: 301, headers: { location: 'https://elsewhere.example/api' } }) };
    const server = track(await startStandIn(moved));
    const file = await pngFile();
    const err = await rejection(sendRequest({ service, url: server.url, body: await fileBody({ path: file.path, contentType: file.mime }, { service: 'Echo' }) }, io(never())));
    expect(err).toMatchObject({ code: 'rejected', retry: { kind: 'never' } });
    expect(err.message).toBe(
      `Echo at ${new URL(server.url).host} answered the upload with a redirect, which an upload cannot follow. Check the address in Settings (https:// rather than http://, or the exact path).`,
    );
    // Without a body (a "Test connection" GET) redirects are followed as usual.
    const followed = await sendRequest({ service, url: server.url, redirect: 'manual' }, io(never()));
    expect(followed.status).toBe(301);
  });

  it('turns an unusable base URL into a settings message', async () => {
    const err = await rejection(sendRequest({ service, url: 'not a url/api' }, io(never())));
    expect(err).toMatchObject({ code: 'not_configured', message: 'The address for Echo is not a valid URL ("not a url/api"). Set it in Settings → Echo.' });
  });

  it('maps 5xx to backoff, 429 to a wait until the announced reset, other 4xx to never', async () => {
    const server = track(await startStandIn(echo));
    const now = 1_700_000_000_000;
    const get = (): Promise<HttpResponse> => sendRequest({ service, url: server.url }, io(never()));

    server.inject({ kind: 'status', status: 503 });
    const down = responseFailure(service, await get(), {}, now);
    expect(down).toMatchObject({ code: 'server_error', retry: { kind: 'backoff' }, status: 503 });
    expect(down.message).toBe('Echo had a problem on its side (HTTP 503 Service Unavailable).');

    server.inject({ kind: 'status', status: 429, body: 'Too many', contentType: 'text/plain' });
    const limited = await get();
    expect(responseFailure(service, limited, {}, now)).toMatchObject({ code: 'rate_limited', retry: { kind: 'after', at: now + 5 * 60_000 } });
    expect(responseFailure(service, limited, { retryAt: now + 90_000 }, now).message).toBe(
      'Echo is refusing more uploads for now (HTTP 429 Too Many Requests: Too many). It takes uploads again in 2 minutes.',
    );

    server.inject({ kind: 'status', status: 404, body: 'no such route', contentType: 'text/plain' });
    expect(responseFailure(service, await get(), {}, now)).toMatchObject({
      code: 'rejected',
      retry: { kind: 'never' },
      message: 'Echo refused the upload (HTTP 404 Not Found: no such route).',
    });
    server.inject({ kind: 'status', status: 401, body: '{}', contentType: 'application/json' });
    expect(responseFailure(service, await get(), { message: 'Bad key', serviceCode: 100 }, now)).toMatchObject({
      code: 'auth_failed',
      message: 'Echo refused the credentials (code 100: Bad key). Check the Echo settings.',
    });
  });

  it('reads a Retry-After header when the service gives no reset of its own', async () => {
    const retrying: ServiceDefinition = { ...echo, handle: () => jsonReply(429, {}, { 'retry-after': '120' }) };
    const server = track(await startStandIn(retrying));
    const now = Date.now();
    const err = responseFailure(service, await sendRequest({ service, url: server.url }, io(never())), {}, now);
    expect(err.retry).toEqual({ kind: 'after', at: now + 120_000 });
  });

  it('reports a malformed reply with what came back, never retrying a 2xx (the host may have the file)', async () => {
    const server = track(await startStandIn(echo));
    server.inject({ kind: 'malformed' });
    const res = await sendRequest({ service, url: server.url }, io(never()));
    expect(res.json()).toBeUndefined();
    const err = malformedFailure(service, res);
    expect(err).toMatchObject({ code: 'malformed_response', retry: { kind: 'never' } });
    expect(err.message).toMatch(/^Echo sent a reply Shotput cannot read \(HTTP 200, application\/json, not valid JSON: "\{"status_code":200,.*…"\)\.$/);
  });
});
