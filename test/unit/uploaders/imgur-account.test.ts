import { describe, expect, it } from 'vitest';
import { listAccountImages } from '../../../electron/core/uploaders/imgur/account-images.js';
import { connectImgurAccount } from '../../../electron/core/uploaders/imgur/oauth.js';
import { imgurUploader } from '../../../electron/core/uploaders/imgur/uploader.js';
import { failureOf } from './expect.js';
import { asSource, pngFile } from './fixtures.js';
import { CLIENT_ID, CLIENT_SECRET, calls, imgurSetup } from './imgur-setup.js';

/**
 * What the user's browser does: follows Imgur's redirect to the callback, loads the page, and
 * (as the page's script does) posts the fragment back. The Chromium e2e test runs the real script.
 */
async function browser(url: string, options: { tamper?: (fragment: string) => string } = {}) {
  const authorize = await fetch(url, { redirect: 'manual' });
  const location = authorize.headers.get('location')!;
  const [pageUrl, fragment] = location.split('#') as [string, string | undefined];
  const page = await fetch(pageUrl);
  const html = await page.text();
  if (fragment === undefined) return { location, html };
  expect(html).toContain('<script>');
  expect(page.headers.get('content-security-policy')).toMatch(/script-src 'sha256-/);
  const posted = await fetch(new URL(pageUrl).pathname ? pageUrl : pageUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: new URL(pageUrl).origin },
    body: options.tamper ? options.tamper(fragment) : fragment,
  });
  return { location, html, answer: { status: posted.status, text: await posted.text() } };
}

describe('Imgur account connection (OAuth2)', () => {
  it('opens the authorize page, captures the redirect on 127.0.0.1, and keeps the tokens as secrets', async () => {
    const { server, core, ctx, port } = await imgurSetup();
    let answer: { status: number; text: string } | undefined;
    let opened = '';
    const account = await connectImgurAccount({
      ctx: ctx(),
      openUrl: async (url) => {
        opened = url;
        ({ answer } = await browser(url));
      },
    });
    const authorize = new URL(opened);
    expect(authorize.origin + authorize.pathname).toBe(`${server.url}/oauth2/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.searchParams.get('response_type')).toBe('token');
    expect(authorize.searchParams.get('state')).toMatch(/^[0-9a-f]{32}$/);
    expect(authorize.searchParams.has('redirect_uri')).toBe(false);
    expect(account).toEqual({ username: 'ada' });
    expect(answer).toEqual({ status: 200, text: 'Shotput is connected to Imgur as ada. You can close this tab.' });
    expect(await core.settings.isSecretSet('uploaders.imgur.accessToken')).toBe(true);
    expect(await core.settings.isSecretSet('uploaders.imgur.refreshToken')).toBe(true);
    expect(Number(await core.settings.getSecret('uploaders.imgur.tokenExpiresAt'))).toBeGreaterThan(Date.now() + 3_500_000);
    expect(core.settings.get('uploaders.imgur.account')).toBe('ada');
    const snapshot = JSON.stringify(await core.settings.snapshot());
    expect(snapshot).not.toContain(String(await core.settings.getSecret('uploaders.imgur.accessToken')));
    // The listener is gone once connected.
    await expect(fetch(`http://127.0.0.1:${port}/imgur/callback`)).rejects.toThrow();
  });

  it('uploads to the account with the Bearer token once connected', async () => {
    const { server, ctx } = await imgurSetup();
    await connectImgurAccount({ ctx: ctx(), openUrl: async (url) => void (await browser(url)) });
    const result = await imgurUploader.upload(asSource(await pngFile()), {}, ctx());
    expect(server.last()!.headers.authorization).toMatch(/^Bearer [0-9a-f]{40}$/);
    expect(server.images.get(result.remoteId!)!.owner).toBe('ada');
  });

  it('refuses a callback whose state is not the one it sent, and keeps waiting for the real one', async () => {
    const { core, ctx } = await imgurSetup();
    let forged: { status: number; text: string } | undefined;
    await connectImgurAccount({
      ctx: ctx(),
      openUrl: async (url) => {
        ({ answer: forged } = await browser(url, { tamper: (f) => f.replace(/state=[0-9a-f]+/, 'state=0000') }));
        await browser(url);
      },
    });
    expect(forged).toEqual({ status: 400, text: 'This sign-in did not come from the request Shotput made. Start again from Shotput.' });
    expect(core.settings.get('uploaders.imgur.account')).toBe('ada');
  });

  it('reports a refusal on Imgur’s page', async () => {
    const { core, ctx } = await imgurSetup({ deny: true });
    let html = '';
    const err = await failureOf(connectImgurAccount({ ctx: ctx(), openUrl: async (url) => void ({ html } = await browser(url)) }));
    expect(err).toMatchObject({ code: 'auth_failed', message: 'Imgur says access was not given (access_denied). Choose "Connect account" again and allow Shotput.' });
    expect(html).toContain('Shotput was not given access to your Imgur account.');
    expect(await core.settings.isSecretSet('uploaders.imgur.refreshToken')).toBe(false);
  });

  it('stops waiting when cancelled or when the user never comes back', async () => {
    const { ctx } = await imgurSetup();
    const controller = new AbortController();
    const cancelled = failureOf(connectImgurAccount({ ctx: ctx({ signal: controller.signal }), openUrl: async () => controller.abort() }));
    expect(await cancelled).toMatchObject({ code: 'cancelled', message: 'Connecting the Imgur account was cancelled.' });
    const slow = await failureOf(connectImgurAccount({ ctx: ctx(), openUrl: async () => {}, waitMs: 50 }));
    expect(slow).toMatchObject({ code: 'cancelled' });
  });

  it('asks for the Client ID and secret before opening the browser', async () => {
    const { core, ctx } = await imgurSetup();
    await core.settings.reset('uploaders.imgur.clientSecret');
    let opened = false;
    const err = await failureOf(connectImgurAccount({ ctx: ctx(), openUrl: async () => void (opened = true) }));
    expect(err.message).toBe("Imgur needs the application's Client secret: set uploaders.imgur.clientSecret (Settings → Imgur). It is shown with the Client ID at https://imgur.com/account/settings/apps.");
    expect(opened).toBe(false);
  });
});

describe('Imgur tokens', () => {
  it('renews the access token before it expires, then uses the new one', async () => {
    const { server, core, clock, ctx } = await imgurSetup({ connected: true, tokenLifetime: 3600 });
    await imgurUploader.upload(asSource(await pngFile()), {}, ctx());
    expect(calls(server)).toEqual(['POST /oauth2/token', 'POST /3/image']);
    expect(server.log[0]!.fields).toEqual({ refresh_token: expect.any(String), client_id: CLIENT_ID, client_secret: CLIENT_SECRET, grant_type: 'refresh_token' });
    await imgurUploader.upload(asSource(await pngFile()), {}, ctx());
    expect(calls(server).slice(2)).toEqual(['POST /3/image']);
    // 58 minutes later the token has under five minutes left: renewed first.
    clock.offset = 58 * 60_000;
    const before = await core.settings.getSecret('uploaders.imgur.accessToken');
    await imgurUploader.upload(asSource(await pngFile()), {}, ctx());
    expect(calls(server).slice(3)).toEqual(['POST /oauth2/token', 'POST /3/image']);
    expect(await core.settings.getSecret('uploaders.imgur.accessToken')).not.toBe(before);
    expect(server.last()!.headers.authorization).toBe(`Bearer ${await core.settings.getSecret('uploaders.imgur.accessToken')}`);
  });

  it('on 403 "The access token provided is invalid." renews once and sends the upload again, whole', async () => {
    const { server, ctx } = await imgurSetup({ connected: true });
    await imgurUploader.albums!.list(ctx());
    server.expireAccessTokens();
    const file = await pngFile({ bytes: 400_000 });
    const result = await imgurUploader.upload(asSource(file), {}, ctx());
    expect(calls(server).slice(-3)).toEqual(['POST /3/image', 'POST /oauth2/token', 'POST /3/image']);
    expect(server.log.at(-3)!.status).toBe(403);
    expect(server.last()!.files[0]).toMatchObject({ size: file.size, sha256: file.sha256 });
    expect(result.url).toMatch(/\.png$/);
  });

  it('renews only once: a token refused again asks the user to connect again', async () => {
    const { server, ctx } = await imgurSetup({ connected: true });
    const stale = '{"data":{"error":"The access token provided is invalid.","request":"/3/image","method":"POST"},"success":false,"status":403}';
    // Requests 2 and 4 are the two upload attempts (1 and 3 renew the token).
    server.inject({ kind: 'status', status: 403, contentType: 'application/json', body: stale }, { nth: 2 });
    server.inject({ kind: 'status', status: 403, contentType: 'application/json', body: stale }, { nth: 4 });
    const err = await failureOf(imgurUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(calls(server)).toEqual(['POST /oauth2/token', 'POST /3/image', 'POST /oauth2/token', 'POST /3/image']);
    expect(err).toMatchObject({
      code: 'auth_failed',
      message: 'Imgur refused the account\'s access token even after renewing it (HTTP 403: The access token provided is invalid.). Connect the account again in Settings → Imgur.',
    });
  });

  it('says so when the refresh token is no longer accepted', async () => {
    const { core, ctx } = await imgurSetup();
    await core.settings.set('uploaders.imgur.refreshToken', 'revoked');
    const err = await failureOf(imgurUploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(err).toMatchObject({
      code: 'auth_failed',
      message: "Imgur no longer accepts Shotput's access to your account (HTTP 400: Invalid refresh token). Connect the account again in Settings → Imgur.",
    });
  });

  it('shares one renewal between uploads that start together', async () => {
    const { server, ctx } = await imgurSetup({ connected: true });
    await Promise.all([1, 2, 3].map(async () => imgurUploader.upload(asSource(await pngFile()), {}, ctx())));
    expect(calls(server).filter((c) => c === 'POST /oauth2/token')).toHaveLength(1);
  });
});

describe('Imgur albums and account images', () => {
  it('lists, creates, fills, empties and deletes the account’s albums', async () => {
    const { server, ctx } = await imgurSetup({ connected: true });
    server.addAlbum('Made on imgur.com');
    const albums = imgurUploader.albums!;
    expect((await albums.list(ctx())).map((a) => a.title)).toEqual(['Made on imgur.com']);
    const a = await imgurUploader.upload(asSource(await pngFile()), {}, ctx());
    const b = await imgurUploader.upload(asSource(await pngFile()), {}, ctx());

    const album = await albums.create({ title: 'Trip', description: 'Summer', privacy: 'secret', imageIds: [a.remoteId!] }, ctx());
    expect(server.last()).toMatchObject({ method: 'POST', path: '/3/album', fields: { title: 'Trip', description: 'Summer', privacy: 'secret', 'ids[]': a.remoteId } });
    expect(album).toMatchObject({ title: 'Trip', deleteHash: undefined, link: `https://imgur.com/a/${album.id}` });

    await albums.add(album, [{ remoteId: b.remoteId }], ctx());
    expect(server.last()).toMatchObject({ path: `/3/album/${album.id}/add`, parts: [{ name: 'ids[]', value: b.remoteId }] });
    expect((await albums.images!(album, ctx())).map((i) => i.remoteId)).toEqual([a.remoteId, b.remoteId]);

    await albums.remove(album, [{ remoteId: a.remoteId }], ctx());
    expect(server.last()).toMatchObject({ path: `/3/album/${album.id}/remove_images` });
    expect(server.albums.get(album.id)!.images).toEqual([b.remoteId]);
    const listed = await albums.list(ctx());
    expect(listed.find((x) => x.id === album.id)).toMatchObject({ title: 'Trip', imageCount: 1, privacy: 'secret' });

    await albums.delete(album, ctx());
    expect(server.last()).toMatchObject({ method: 'DELETE', path: `/3/album/${album.id}` });
    expect(server.albums.has(album.id)).toBe(false);
    expect(server.log.every((r) => r.path === '/oauth2/token' || r.headers.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it('manages an anonymous album by its deletehash', async () => {
    const { server, ctx } = await imgurSetup();
    const albums = imgurUploader.albums!;
    const image = await imgurUploader.upload(asSource(await pngFile()), {}, ctx());
    const album = await albums.create({ title: 'Anon' }, ctx());
    expect(album.deleteHash).toMatch(/^\w{15}$/);
    await albums.add(album, [{ remoteId: image.remoteId, deleteHash: image.deleteHash }], ctx());
    expect(server.last()).toMatchObject({ path: `/3/album/${album.deleteHash}/add`, fields: { 'deletehashes[]': image.deleteHash }, headers: { authorization: `Client-ID ${CLIENT_ID}` } });
    await albums.delete(album, ctx());
    expect(server.last()).toMatchObject({ method: 'DELETE', path: `/3/album/${album.deleteHash}` });
    expect(await albums.list(ctx())).toEqual([]);
  });

  it('lists the account’s images page by page as upload results, for importing into history', async () => {
    const { server, ctx } = await imgurSetup({ connected: true });
    for (let i = 0; i < 5; i++) await imgurUploader.upload(asSource(await pngFile()), { title: `Shot ${i}` }, ctx());
    const first = await listAccountImages(ctx(), { page: 0, perPage: 3 });
    expect(server.last()).toMatchObject({ path: '/3/account/me/images/0', query: { perPage: '3' } });
    expect(first.hasMore).toBe(true);
    expect(first.images).toHaveLength(3);
    expect(first.images[0]).toMatchObject({ title: expect.stringMatching(/^Shot \d$/), uploadedAt: expect.any(String), mime: 'image/png', result: { url: expect.stringMatching(/\.png$/), deleteHash: expect.any(String), remoteId: expect.any(String) } });
    const second = await listAccountImages(ctx(), { page: 1, perPage: 3 });
    expect(second).toMatchObject({ page: 1, hasMore: false });
    expect(new Set([...first.images, ...second.images].map((i) => i.result.remoteId)).size).toBe(5);
    await expect(listAccountImages(ctx(), { perPage: 500 })).rejects.toThrow('1 to 100 at a time');
  });

  it('deletes an account image by id with the token', async () => {
    const { server, ctx } = await imgurSetup({ connected: true });
    const image = await imgurUploader.upload(asSource(await pngFile()), {}, ctx());
    await imgurUploader.delete!({ remoteId: image.remoteId }, ctx());
    expect(server.last()).toMatchObject({ method: 'DELETE', path: `/3/image/${image.remoteId}`, headers: { authorization: expect.stringMatching(/^Bearer /) } });
    expect(server.images.size).toBe(0);
  });
});
