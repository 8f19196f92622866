import { truncate, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CHEVERETO_EXPIRATION } from '../../../electron/core/uploaders/chevereto/expiration.js';
import { cheveretoUploader, imgeUploader } from '../../../electron/core/uploaders/chevereto/uploader.js';
import { EXPIRATION_CHOICES } from '../../../electron/core/uploaders/types.js';
import { startChevereto, type CheveretoOptions } from '../../servers/chevereto.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { asSource, pngFile, sentFor, textFile, track, until } from './fixtures.js';
import { failureOf } from './expect.js';

const KEY = 'chv_T3st_0123456789abcdef';

async function setup(options: CheveretoOptions = {}, id: 'imge' | 'chevereto' = 'imge') {
  const server = track(await startChevereto({ keys: { [KEY]: { albums: ['alb1'] } }, ...options }));
  const core = await openTestCore(await tempProfile());
  await core.settings.set(`uploaders.${id}.baseUrl`, server.url);
  await core.settings.set(`uploaders.${id}.apiKey`, KEY);
  return { server, core, ctx: (extra: Parameters<typeof core.uploadContext>[1] = {}) => core.uploadContext(id, extra) };
}

describe('IM.GE uploader', () => {
  it('uploads the file as `source` with the key in the header and the body, and every seed field', async () => {
    const { server, ctx } = await setup();
    const file = await pngFile({ bytes: 250_000, width: 1151, height: 898 });
    const progress: number[] = [];
    const result = await imgeUploader.upload(
      asSource(file),
      { title: 'My shot', description: 'A description', albumId: 'alb1', expiration: '5mo', nsfw: true },
      ctx({ onProgress: (sent) => progress.push(sent) }),
    );
    const seen = server.last()!;
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/api/1/upload');
    expect(seen.headers['x-api-key']).toBe(KEY);
    expect(seen.fields).toEqual({
      key: KEY,
      format: 'json',
      title: 'My shot',
      description: 'A description',
      album_id: 'alb1',
      expiration: 'P5M',
      nsfw: '1',
    });
    expect(seen.parts.at(-1)).toEqual({ name: 'source', kind: 'file' });
    expect(seen.files).toEqual([expect.objectContaining({ field: 'source', filename: 'shot.png', contentType: 'image/png', size: file.size, sha256: file.sha256 })]);
    expect(progress.at(-1)).toBe(seen.bodyBytes);

    const id = server.uploads[0]!.id;
    expect(result).toEqual({
      url: `${server.url}/images/${id}.png`,
      viewerUrl: `${server.url}/image/${id}`,
      thumbnailUrl: `${server.url}/images/${id}.th.png`,
      deleteUrl: expect.stringMatching(new RegExp(`^${server.url}/image/${id}/delete/[0-9a-f]+$`)),
      remoteId: id,
      width: 1151,
      height: 898,
      bytes: file.size,
      expiresAt: expect.any(String),
    });
    // Five months from now, as the server computed it: not five minutes.
    const days = (Date.parse(result.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(148);
    expect(days).toBeLessThan(155);
  });

  it('uses the uploader settings when the upload does not choose: expiration, album, category, width, nsfw', async () => {
    const { server, core, ctx } = await setup();
    await core.settings.set('uploaders.imge.expiration', '1w');
    await core.settings.set('uploaders.imge.albumId', 'alb1');
    await core.settings.set('uploaders.imge.categoryId', '7');
    await core.settings.set('uploaders.imge.width', 800);
    await imgeUploader.upload(asSource(await pngFile()), {}, ctx());
    expect(server.last()!.fields).toEqual({ key: KEY, format: 'json', album_id: 'alb1', category_id: '7', width: '800', expiration: 'P1W', nsfw: '0' });
    await imgeUploader.upload(asSource(await pngFile()), { expiration: 'never' }, ctx());
    expect(server.last()!.fields.expiration).toBeUndefined();
  });

  it('sends every human expiration as the form Chevereto accepts, never PT for days and longer', async () => {
    const { server, ctx } = await setup();
    const file = await pngFile({ bytes: 100 });
    const sent = await sentFor(
      EXPIRATION_CHOICES,
      (expiration) => imgeUploader.upload(asSource(file), { expiration }, ctx()),
      () => server.last()!.fields.expiration,
    );
    expect(sent).toEqual({
      never: undefined,
      '5m': 'PT5M', '15m': 'PT15M', '30m': 'PT30M', '1h': 'PT1H', '3h': 'PT3H', '6h': 'PT6H', '12h': 'PT12H',
      '1d': 'P1D', '2d': 'P2D', '3d': 'P3D', '4d': 'P4D', '5d': 'P5D', '6d': 'P6D',
      '1w': 'P1W', '2w': 'P2W', '3w': 'P3W',
      '1mo': 'P1M', '2mo': 'P2M', '3mo': 'P3M', '4mo': 'P4M', '5mo': 'P5M', '6mo': 'P6M', '1y': 'P1Y',
    });
    // Each one lands where a person expects: the server's expiry grows with the choice.
    const expiries = server.uploads.filter((u) => u.expiresAt).map((u) => u.expiresAt!.getTime());
    expect(expiries).toEqual([...expiries].sort((a, b) => a - b));
    expect(new Set(Object.values(CHEVERETO_EXPIRATION)).size).toBe(EXPIRATION_CHOICES.length - 1);
  });

  it('reports an image held for moderation as such, without a link', async () => {
    const { ctx } = await setup({ moderation: true });
    const result = await imgeUploader.upload(asSource(await pngFile()), {}, ctx());
    expect(result).toMatchObject({ url: '', awaitingModeration: true, remoteId: expect.any(String) });
    expect(result.viewerUrl).toBeUndefined();
  });

  it('says when IM.GE refuses image links for this key, and sends allowed links as a `source` text field', async () => {
    const { server, ctx } = await setup();
    const refused = await failureOf(imgeUploader.upload({ kind: 'url', url: 'https://example.com/cat.png' }, {}, ctx()));
    expect(refused).toMatchObject({ code: 'unsupported', retry: { kind: 'never' }, serviceCode: 403 });
    expect(refused.message).toBe('IM.GE does not take image links with this API key (code 403: URL uploading is disabled.). Upload the file itself instead.');

    const open = await setup({ keys: { [KEY]: { urlUploads: true } } }, 'chevereto');
    const result = await cheveretoUploader.upload({ kind: 'url', url: 'https://example.com/cat.png' }, {}, open.ctx());
    expect(open.server.last()!.fields.source).toBe('https://example.com/cat.png');
    expect(open.server.last()!.files).toEqual([]);
    expect(result.url).toMatch(/\.jpg$/);
    expect(server.log).toHaveLength(1);
  });

  it('works with Chevereto-Free 1.x, which reads only the `key` field', async () => {
    const { server, ctx } = await setup({ version: 3 }, 'chevereto');
    const result = await cheveretoUploader.upload(asSource(await pngFile()), {}, ctx());
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/images\/\w+\.png$/);
    expect(server.last()!.fields.key).toBe(KEY);
  });

  it('checks the API key with "Test connection" without storing anything', async () => {
    const { server, core, ctx } = await setup();
    expect(await imgeUploader.verify!(ctx())).toBe(`IM.GE accepted the API key (${new URL(server.url).host}).`);
    expect(server.uploads).toEqual([]);
    await core.settings.set('uploaders.imge.apiKey', 'chv_wrong');
    const err = await failureOf(imgeUploader.verify!(ctx()));
    expect(err).toMatchObject({ code: 'auth_failed', message: 'IM.GE rejected the API key (code 100: Invalid API key.). Check uploaders.imge.apiKey in Settings → IM.GE.' });
  });
});

describe('IM.GE and Chevereto errors', () => {
  it('names a rejected key with the service and its code, and never retries it', async () => {
    const { core, ctx } = await setup();
    await core.settings.set('uploaders.imge.apiKey', 'chv_wrong');
    const err = await failureOf(imgeUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(err).toMatchObject({ code: 'auth_failed', service: 'imge', serviceCode: 100, status: 400, retry: { kind: 'never' } });
    expect(err.message).toMatch(/^IM\.GE rejected the API key \(code 100/);
  });

  it('asks for what is missing before sending anything', async () => {
    const server = track(await startChevereto({ keys: { [KEY]: {} } }));
    const core = await openTestCore(await tempProfile());
    const noKey = await failureOf(imgeUploader.upload(asSource(await pngFile()), {}, core.uploadContext('imge')));
    expect(noKey).toMatchObject({ code: 'not_configured' });
    expect(noKey.message).toBe('IM.GE needs an API key: set uploaders.imge.apiKey (Settings → IM.GE). Your key is at https://im.ge/settings/api.');
    const noHost = await failureOf(cheveretoUploader.upload(asSource(await pngFile()), {}, core.uploadContext('chevereto')));
    expect(noHost.message).toBe("Chevereto has no address yet: set uploaders.chevereto.baseUrl to your site's address (Settings → Chevereto).");
    expect(server.log).toEqual([]);
  });

  it('refuses locally what the host would refuse after the whole upload: too big, not an image', async () => {
    const { server, ctx } = await setup();
    const big = await pngFile();
    await truncate(big.path, 60 * 1024 * 1024);
    const tooBig = await failureOf(imgeUploader.upload({ ...asSource(big), size: 60 * 1024 * 1024 }, {}, ctx()));
    expect(tooBig).toMatchObject({ code: 'too_big', message: 'shot.png is 60 MB; IM.GE accepts files up to 50 MB. Lower the quality or size in Settings, or choose another uploader.' });
    const text = await textFile();
    expect(await failureOf(imgeUploader.upload(asSource(text), {}, ctx()))).toMatchObject({
      code: 'not_an_image',
      message: 'notes.txt is not an image, and IM.GE accepts only images. Choose an uploader for files, or convert it first.',
    });
    expect(server.log).toEqual([]);
  });

  it('reports the host’s own size limit and image check', async () => {
    const { ctx } = await setup({ maxBytes: 1024 * 1024 });
    const err = await failureOf(imgeUploader.upload(asSource(await pngFile({ bytes: 2 * 1024 * 1024 })), {}, ctx()));
    expect(err).toMatchObject({ code: 'too_big', serviceCode: 400, message: 'IM.GE says the file is too big (code 400: File too big - max 1 MB).' });
    const fake = await pngFile();
    await writeFile(fake.path, 'GIF? no, just text pretending to be a PNG');
    const invalid = await failureOf(imgeUploader.upload(asSource(fake), {}, ctx()));
    expect(invalid).toMatchObject({ code: 'rejected', retry: { kind: 'never' }, message: 'IM.GE refused the upload (code 400: Invalid image format.).' });
  });

  it('waits instead of hammering when the host reports its rate limit in an HTTP 400', async () => {
    const { server, core, ctx } = await setup();
    server.inject({ kind: 'rate-limit' });
    const now = core.now();
    const err = await failureOf(imgeUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(err).toMatchObject({ code: 'rate_limited', status: 400, serviceCode: 100 });
    expect(err.retry.kind).toBe('after');
    expect((err.retry as { at: number }).at - now).toBeGreaterThanOrEqual(5 * 60_000 - 1000);
    expect(err.message).toBe('IM.GE is refusing more uploads for now (code 100: Rate limit reached.). It takes uploads again in 5 minutes.');
  });

  it('backs off on a 5xx page, a reset connection and a malformed reply', async () => {
    const { server, ctx } = await setup();
    const file = await pngFile({ bytes: 400_000 });
    server.inject({ kind: 'status', status: 502 });
    expect(await failureOf(imgeUploader.upload(asSource(file), {}, ctx()))).toMatchObject({
      code: 'server_error',
      retry: { kind: 'backoff' },
      message: 'IM.GE had a problem on its side (HTTP 502 Bad Gateway).',
    });
    server.inject({ kind: 'reset' });
    expect(await failureOf(imgeUploader.upload(asSource(file), {}, ctx()))).toMatchObject({ code: 'network_error', retry: { kind: 'backoff' } });
    server.inject({ kind: 'malformed' });
    const malformed = await failureOf(imgeUploader.upload(asSource(file), {}, ctx()));
    expect(malformed).toMatchObject({ code: 'malformed_response', retry: { kind: 'backoff' } });
    expect(malformed.message).toMatch(/^IM\.GE sent a reply Shotput cannot read \(HTTP 200, application\/json, not valid JSON: /);
    // And the next upload goes through.
    expect((await imgeUploader.upload(asSource(file), {}, ctx())).url).toMatch(/\.png$/);
  });

  it('cancels mid-upload', async () => {
    const { server, ctx } = await setup({ maxBytes: 100 * 1024 * 1024 });
    server.inject({ kind: 'stall', afterBytes: 100_000 });
    const controller = new AbortController();
    const upload = imgeUploader.upload(asSource(await pngFile({ bytes: 20_000_000 })), {}, ctx({ signal: controller.signal }));
    await until(() => (server.last()?.bodyBytes ?? 0) >= 100_000);
    controller.abort();
    expect(await failureOf(upload)).toMatchObject({ code: 'cancelled', message: 'The upload to IM.GE was cancelled.', retry: { kind: 'never' } });
  });
});
