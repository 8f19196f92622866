import { describe, expect, it } from 'vitest';
import { IMGBB_SECONDS, imgbbUploader } from '../../../electron/core/uploaders/imgbb.js';
import { EXPIRATION_CHOICES } from '../../../electron/core/uploaders/types.js';
import { startImgbb } from '../../servers/imgbb.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { failureOf } from './expect.js';
import { asSource, pngFile, sentFor, track } from './fixtures.js';

const KEY = 'c0ffee0123456789abcdef0123456789';

async function setup(options: Parameters<typeof startImgbb>[0] = {}) {
  const server = track(await startImgbb({ keys: [KEY], ...options }));
  const core = await openTestCore(await tempProfile());
  await core.settings.set('uploaders.imgbb.baseUrl', server.url);
  await core.settings.set('uploaders.imgbb.apiKey', KEY);
  return { server, core, ctx: () => core.uploadContext('imgbb') };
}

describe('ImgBB uploader', () => {
  it('sends the key in the query, the file as `image`, the name and the expiration in seconds; keeps the delete page', async () => {
    const { server, ctx } = await setup();
    const file = await pngFile({ bytes: 120_000, width: 300, height: 200 });
    const before = Date.now();
    const result = await imgbbUploader.upload(asSource(file), { title: 'holiday', expiration: '1d' }, ctx());
    const seen = server.last()!;
    expect(seen).toMatchObject({ method: 'POST', path: '/1/upload', query: { key: KEY, expiration: '86400' }, fields: { name: 'holiday' } });
    expect(seen.headers['x-api-key']).toBeUndefined();
    expect(seen.files).toEqual([expect.objectContaining({ field: 'image', size: file.size, sha256: file.sha256 })]);
    const id = server.uploads[0]!.id;
    expect(result).toMatchObject({
      url: `${server.url}/i/${id}/holiday.png`,
      viewerUrl: `${server.url}/${id}`,
      thumbnailUrl: `${server.url}/i/${id}-th/holiday.png`,
      deleteUrl: expect.stringMatching(new RegExp(`^${server.url}/${id}/[0-9a-f]{32}$`)),
      remoteId: id,
      width: 300,
      height: 200,
      bytes: file.size,
    });
    const lifetime = Date.parse(result.expiresAt!) - before;
    expect(lifetime).toBeGreaterThan(86_398_000);
    expect(lifetime).toBeLessThan(86_402_000);
  });

  it('maps every human expiration to seconds, and refuses 1 year before sending', async () => {
    const { server, ctx } = await setup();
    const file = await pngFile({ bytes: 100 });
    const sent = await sentFor(
      EXPIRATION_CHOICES.filter((c) => c !== '1y'),
      (expiration) => imgbbUploader.upload(asSource(file), { expiration }, ctx()),
      () => server.last()!.query.expiration,
    );
    expect(sent).toEqual({
      never: undefined,
      '5m': '300', '15m': '900', '30m': '1800', '1h': '3600', '3h': '10800', '6h': '21600', '12h': '43200',
      '1d': '86400', '2d': '172800', '3d': '259200', '4d': '345600', '5d': '432000', '6d': '518400',
      '1w': '604800', '2w': '1209600', '3w': '1814400',
      '1mo': '2592000', '2mo': '5184000', '3mo': '7776000', '4mo': '10368000', '5mo': '12960000', '6mo': '15552000',
    });
    const requests = server.log.length;
    const err = await failureOf(imgbbUploader.upload(asSource(file), { expiration: '1y' }, ctx()));
    expect(err).toMatchObject({ code: 'unsupported', retry: { kind: 'never' } });
    expect(err.message).toBe('ImgBB deletes images after 60 seconds to 180 days (15,552,000 seconds); 1 year is 31,536,000 seconds. Choose 6 months or less, or Never.');
    expect(server.log).toHaveLength(requests);
    expect(IMGBB_SECONDS['1y']).toBe(31_536_000);
    expect(imgbbUploader.descriptor.capabilities.expiration).not.toContain('1y');
  });

  it('uploads a link by sending it as `image`', async () => {
    const { server, ctx } = await setup();
    const result = await imgbbUploader.upload({ kind: 'url', url: 'https://example.com/photos/cat.jpg' }, {}, ctx());
    expect(server.last()!.fields).toEqual({ image: 'https://example.com/photos/cat.jpg' });
    expect(result.url).toMatch(/\/cat\.jpg$/);
  });

  it('explains a bad key, an empty source, an oversized file and the rate limit, all sent as HTTP 400', async () => {
    const { server, core, ctx } = await setup({ maxBytes: 50_000 });
    const file = await pngFile({ bytes: 60_000 });
    const tooBig = await failureOf(imgbbUploader.upload(asSource(file), {}, ctx()));
    expect(tooBig).toMatchObject({ code: 'too_big', status: 400, message: 'ImgBB says the file is too big (code 400: File too big - max 48.8 KB).' });

    server.inject({ kind: 'rate-limit' });
    const limited = await failureOf(imgbbUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(limited).toMatchObject({ code: 'rate_limited', serviceCode: 100, retry: { kind: 'after' } });
    expect(limited.message).toBe('ImgBB is refusing more uploads for now (code 100: Rate limit reached.). It takes uploads again in 5 minutes.');

    await core.settings.set('uploaders.imgbb.apiKey', 'nope');
    const badKey = await failureOf(imgbbUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(badKey).toMatchObject({
      code: 'auth_failed',
      serviceCode: 100,
      message: 'ImgBB rejected the API key (code 100: Invalid API v1 key.). Check uploaders.imgbb.apiKey in Settings → ImgBB.',
    });
    await expect(imgbbUploader.verify!(ctx())).rejects.toMatchObject({ code: 'auth_failed' });
    await core.settings.set('uploaders.imgbb.apiKey', KEY);
    expect(await imgbbUploader.verify!(ctx())).toBe('ImgBB accepted the API key.');
    expect(server.last()!.query).toEqual({ key: KEY });
  });

  it('reads an empty-source refusal as the code it is', async () => {
    const { server, ctx } = await setup();
    // A server that lost the file part: what a proxy stripping bodies would cause.
    server.inject({ kind: 'status', status: 400, body: '{"status_code":400,"error":{"message":"Empty upload source.","code":130,"context":"Exception"},"status_txt":"Bad Request"}', contentType: 'application/json' });
    const err = await failureOf(imgbbUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(err).toMatchObject({ code: 'empty_source', serviceCode: 130, message: 'ImgBB received no image (code 130: Empty upload source.).' });
  });

  it('reports a malformed reply and a server error with what to expect next', async () => {
    const { server, ctx } = await setup();
    server.inject({ kind: 'malformed' });
    expect(await failureOf(imgbbUploader.upload(asSource(await pngFile()), {}, ctx()))).toMatchObject({ code: 'malformed_response', retry: { kind: 'never' } });
    server.inject({ kind: 'status', status: 500, body: 'Internal error', contentType: 'text/plain' });
    expect(await failureOf(imgbbUploader.upload(asSource(await pngFile()), {}, ctx()))).toMatchObject({
      code: 'server_error',
      message: 'ImgBB had a problem on its side (HTTP 500 Internal Server Error: Internal error).',
    });
  });
});
