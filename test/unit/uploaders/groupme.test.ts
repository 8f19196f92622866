import { describe, expect, it } from 'vitest';
import { groupmeUploader } from '../../../electron/core/uploaders/groupme.js';
import { startGroupme } from '../../servers/groupme.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { failureOf } from './expect.js';
import { asSource, pngFile, textFile, track } from './fixtures.js';

const TOKEN = 'gm_token_abc123';

async function setup(options: Parameters<typeof startGroupme>[0] = {}) {
  const server = track(await startGroupme({ tokens: { [TOKEN]: { name: 'Ada' } }, ...options }));
  const core = await openTestCore(await tempProfile());
  await core.settings.set('uploaders.groupme.baseUrl', server.url);
  await core.settings.set('uploaders.groupme.apiBaseUrl', server.url);
  await core.settings.set('uploaders.groupme.accessToken', TOKEN);
  return { server, core, ctx: () => core.uploadContext('groupme') };
}

describe('GroupMe uploader', () => {
  it('asks the pipeline for JPEG', () => {
    expect(groupmeUploader.descriptor.capabilities.preferredFormat).toBe('jpeg');
  });

  it('sends the raw bytes with X-Access-Token and Content-Length, never multipart, and records the size variants', async () => {
    const { server, ctx } = await setup();
    const file = await pngFile({ bytes: 500_000, width: 1024, height: 768 });
    const jpeg = { ...asSource(file), name: 'shot.jpg', mime: 'image/jpeg' };
    const progress: number[] = [];
    const result = await groupmeUploader.upload(jpeg, {}, { ...ctx(), onProgress: (sent) => progress.push(sent) });
    const seen = server.last()!;
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/pictures');
    expect(seen.headers['x-access-token']).toBe(TOKEN);
    expect(seen.headers['content-type']).toBe('image/jpeg');
    expect(seen.headers['content-length']).toBe(String(file.size));
    expect(seen.raw).toMatchObject({ size: file.size, sha256: file.sha256 });
    expect(seen.files).toEqual([]);
    expect(progress.at(-1)).toBe(file.size);
    const url = server.uploads[0]!.url;
    expect(url).toMatch(/\/i\/1024x768\.png\.[0-9a-f]{32}$/);
    expect(result).toEqual({
      url,
      thumbnailUrl: `${url}.preview`,
      links: { preview: `${url}.preview`, large: `${url}.large`, avatar: `${url}.avatar` },
      bytes: file.size,
    });
  });

  it('uploads a link with ?url= and no body', async () => {
    const { server, ctx } = await setup();
    const result = await groupmeUploader.upload({ kind: 'url', url: 'https://example.com/a.jpg?size=2' }, {}, ctx());
    expect(server.last()).toMatchObject({ method: 'POST', query: { url: 'https://example.com/a.jpg?size=2' }, bodyBytes: 0, headers: { 'x-access-token': TOKEN } });
    expect(result.links?.large).toBe(`${result.url}.large`);
  });

  it('shows the status and what GroupMe said for any failure', async () => {
    const { server, core, ctx } = await setup();
    await core.settings.set('uploaders.groupme.accessToken', 'wrong');
    const denied = await failureOf(groupmeUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(denied).toMatchObject({
      code: 'auth_failed',
      status: 401,
      message: 'GroupMe refused the access token (HTTP 401: unauthorized). Check uploaders.groupme.accessToken in Settings → GroupMe.',
    });
    await core.settings.set('uploaders.groupme.accessToken', TOKEN);

    server.inject({ kind: 'rate-limit', resetSeconds: 600 });
    const limited = await failureOf(groupmeUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(limited).toMatchObject({ code: 'rate_limited', retry: { kind: 'after' } });
    expect(limited.message).toBe('GroupMe is refusing more uploads for now (HTTP 429 Too Many Requests: too many requests). It takes uploads again in 10 minutes.');

    server.inject({ kind: 'status', status: 503 });
    expect(await failureOf(groupmeUploader.upload(asSource(await pngFile()), {}, ctx()))).toMatchObject({ code: 'server_error', retry: { kind: 'backoff' } });
    server.inject({ kind: 'reset', afterBytes: 10 });
    expect(await failureOf(groupmeUploader.upload(asSource(await pngFile({ bytes: 100_000 })), {}, ctx()))).toMatchObject({ code: 'network_error' });
    server.inject({ kind: 'malformed' });
    expect(await failureOf(groupmeUploader.upload(asSource(await pngFile()), {}, ctx()))).toMatchObject({ code: 'malformed_response' });
  });

  it('refuses what is not an image, and asks for a token, before sending', async () => {
    const { server, core, ctx } = await setup();
    expect(await failureOf(groupmeUploader.upload(asSource(await textFile()), {}, ctx()))).toMatchObject({ code: 'not_an_image' });
    await core.settings.reset('uploaders.groupme.accessToken');
    const missing = await failureOf(groupmeUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(missing.message).toBe(
      'GroupMe needs an access token: set uploaders.groupme.accessToken (Settings → GroupMe). Copy it from https://dev.groupme.com/ (Access Token, top right, once signed in).',
    );
    expect(server.log).toEqual([]);
  });

  it('tests the connection by asking who the token belongs to', async () => {
    const { server, ctx } = await setup();
    expect(await groupmeUploader.verify!(ctx())).toBe('GroupMe accepted the access token (signed in as Ada).');
    expect(server.last()).toMatchObject({ method: 'GET', path: '/v3/users/me', headers: { 'x-access-token': TOKEN } });
  });
});
