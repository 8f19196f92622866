import { describe, expect, it } from 'vitest';
import { imgurUploader } from '../../../electron/core/uploaders/imgur/uploader.js';
import { failureOf } from './expect.js';
import { asSource, pngFile } from './fixtures.js';
import { CLIENT_ID, calls, imgurSetup } from './imgur-setup.js';

describe('Imgur uploader, anonymous', () => {
  it('uploads with the Client-ID as multipart `image` with type, name, title and description, and keeps the deletehash', async () => {
    const { server, ctx } = await imgurSetup();
    const file = await pngFile({ bytes: 300_000, width: 800, height: 600 });
    const progress: number[] = [];
    const result = await imgurUploader.upload(asSource(file), { title: 'Sunset', description: 'From the pier' }, ctx({ onProgress: (s) => progress.push(s) }));
    const seen = server.last()!;
    expect(seen).toMatchObject({ method: 'POST', path: '/3/image', headers: { authorization: `Client-ID ${CLIENT_ID}` } });
    expect(seen.fields).toEqual({ type: 'file', name: 'shot.png', title: 'Sunset', description: 'From the pier' });
    expect(seen.files).toEqual([expect.objectContaining({ field: 'image', size: file.size, sha256: file.sha256 })]);
    expect(progress.at(-1)).toBe(seen.bodyBytes);
    const image = [...server.images.values()][0]!;
    expect(result).toEqual({
      url: `${server.url}/${image.id}.png`,
      viewerUrl: `https://imgur.com/${image.id}`,
      thumbnailUrl: `${server.url}/${image.id}m.jpg`,
      deleteUrl: `https://imgur.com/delete/${image.deletehash}`,
      deleteHash: image.deletehash,
      remoteId: image.id,
      width: 800,
      height: 600,
      bytes: file.size,
    });
  });

  it('uses the configured upload path, links as type=url, and the album setting', async () => {
    const { server, core, ctx } = await imgurSetup();
    await core.settings.set('uploaders.imgur.uploadPath', '/3/upload');
    const album = await imgurUploader.albums!.create({ title: 'Anon' }, ctx());
    await core.settings.set('uploaders.imgur.albumId', album.deleteHash!);
    await imgurUploader.upload({ kind: 'url', url: 'https://example.com/cat.jpg' }, {}, ctx());
    expect(server.last()).toMatchObject({ path: '/3/upload', fields: { type: 'url', image: 'https://example.com/cat.jpg', album: album.deleteHash } });
    expect(server.albums.get(album.id)!.images).toHaveLength(1);
  });

  it('deletes an anonymous upload by its deletehash', async () => {
    const { server, ctx } = await imgurSetup();
    const result = await imgurUploader.upload(asSource(await pngFile()), {}, ctx());
    await imgurUploader.delete!({ deleteHash: result.deleteHash, remoteId: result.remoteId }, ctx());
    expect(server.last()).toMatchObject({ method: 'DELETE', path: `/3/image/${result.deleteHash}`, headers: { authorization: `Client-ID ${CLIENT_ID}` } });
    expect(server.images.size).toBe(0);
  });

  it('tracks the rate-limit headers as "uploads left"', async () => {
    const { server, core, ctx } = await imgurSetup({ limits: { post: 40, user: 2000, client: 12_500 } });
    await imgurUploader.upload(asSource(await pngFile()), {}, ctx());
    expect(core.rateLimits.get('imgur')).toMatchObject({ service: 'imgur', remaining: 39, limit: 40 });
    server.setBudget({ post: 1250, user: 95 });
    await imgurUploader.upload(asSource(await pngFile()), {}, ctx());
    // 94 requests left for the user are 9 uploads (an upload costs 10).
    expect(core.rateLimits.get('imgur')).toMatchObject({ remaining: 9, limit: 200 });
  });

  it('on 429 schedules the retry after the announced reset, without trying again now', async () => {
    const { server, core, ctx } = await imgurSetup();
    server.inject({ kind: 'rate-limit', resetSeconds: 1800 });
    const now = core.now();
    const err = await failureOf(imgurUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(err).toMatchObject({ code: 'rate_limited', status: 429, service: 'imgur' });
    expect(err.retry.kind).toBe('after');
    const wait = (err.retry as { at: number }).at - now;
    expect(wait).toBeGreaterThan(1795_000);
    expect(wait).toBeLessThan(1805_000);
    expect(err.message).toBe('Imgur is refusing more uploads for now (HTTP 429 Too Many Requests: Too Many Requests). It takes uploads again in 30 minutes.');
    expect(calls(server)).toEqual(['POST /3/image']);
    expect(core.rateLimits.get('imgur')).toMatchObject({ remaining: 0 });
  });

  it('explains a wrong Client-ID, an oversized file, a forbidden action and a server error', async () => {
    const { server, core, ctx } = await imgurSetup({ maxBytes: 100_000 });
    const big = await failureOf(imgurUploader.upload(asSource(await pngFile({ bytes: 200_000 })), {}, ctx()));
    expect(big).toMatchObject({ code: 'too_big', message: 'Imgur says the file is too big (HTTP 400 Bad Request: File is over the size limit).' });

    server.inject({ kind: 'status', status: 400, contentType: 'application/json', body: '{"data":{"error":"These actions are forbidden."},"success":false,"status":400}' });
    const forbidden = await failureOf(imgurUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(forbidden).toMatchObject({ code: 'rejected', retry: { kind: 'never' }, message: 'Imgur refused the upload (HTTP 400 Bad Request: These actions are forbidden.).' });

    server.inject({ kind: 'status', status: 400, contentType: 'application/json', body: '{"error":{"code":403,"message":"Forbidden","type":"ImgurException"}}' });
    expect(await failureOf(imgurUploader.upload(asSource(await pngFile()), {}, ctx()))).toMatchObject({ serviceCode: 403, message: 'Imgur refused the upload (code 403: Forbidden).' });

    server.inject({ kind: 'status', status: 500 });
    expect(await failureOf(imgurUploader.upload(asSource(await pngFile()), {}, ctx()))).toMatchObject({ code: 'server_error', retry: { kind: 'backoff' } });

    await core.settings.set('uploaders.imgur.clientId', 'not-registered');
    expect(await failureOf(imgurUploader.upload(asSource(await pngFile()), {}, ctx()))).toMatchObject({
      code: 'auth_failed',
      message: 'Imgur refused the Client ID (HTTP 403: Invalid client_id). Check uploaders.imgur.clientId in Settings → Imgur.',
    });
  });

  it('refuses an expiration, which Imgur does not have, before sending', async () => {
    const { server, ctx } = await imgurSetup();
    expect(await failureOf(imgurUploader.upload(asSource(await pngFile()), { expiration: '1d' }, ctx()))).toMatchObject({ code: 'unsupported' });
    expect(server.log).toEqual([]);
  });

  it('tests the connection with the credits endpoint', async () => {
    const { server, ctx } = await imgurSetup();
    expect(await imgurUploader.verify!(ctx())).toBe('Imgur accepted the Client ID. 12,499 of 12,500 requests left today for this application.');
    expect(calls(server)).toEqual(['GET /3/credits']);
  });
});
