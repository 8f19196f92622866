import { describe, expect, it } from 'vitest';
import type { ImgurStatus } from '../../../shared/uploaders.js';
import { headlessPlatform } from '../../../electron/core/platform.js';
import { imageIdFrom } from '../../../electron/core/ipc/uploader-handlers.js';
import { startChevereto } from '../../servers/chevereto.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { asSource, pngFile, track, until } from './fixtures.js';
import { CLIENT_ID, CLIENT_SECRET, freePort } from './imgur-setup.js';
import { startImgur } from '../../servers/imgur.js';
import { imgurUploader } from '../../../electron/core/uploaders/imgur/uploader.js';

/** Follows the authorize redirect and posts the fragment back, as the callback page does. */
async function allowInBrowser(url: string): Promise<void> {
  const location = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
  const [page, fragment] = location.split('#') as [string, string];
  await fetch(page, { method: 'POST', headers: { 'content-type': 'text/plain', origin: new URL(page).origin }, body: fragment });
}

async function imgurCore() {
  const port = await freePort();
  const server = track(await startImgur({ clients: { [CLIENT_ID]: { secret: CLIENT_SECRET, callback: `http://127.0.0.1:${port}/imgur/callback` } } }));
  const opened: string[] = [];
  const platform = { ...headlessPlatform(), openExternal: async (url: string) => void opened.push(url) };
  const core = await openTestCore(await tempProfile(), { platform });
  await core.settings.set('uploaders.imgur.baseUrl', server.url);
  await core.settings.set('uploaders.imgur.clientId', CLIENT_ID);
  await core.settings.set('uploaders.imgur.clientSecret', CLIENT_SECRET);
  await core.settings.set('uploaders.imgur.callbackPort', port);
  const statuses: ImgurStatus[] = [];
  core.events.on('imgur.status', (s) => statuses.push(s));
  return { server, core, opened, statuses };
}

describe('uploader channels', () => {
  it('lists every uploader with what it can do', async () => {
    const core = await openTestCore(await tempProfile());
    const result = await core.dispatch('uploaders.list', {});
    expect(result.ok).toBe(true);
    const list = (result as { value: Array<{ id: string; canVerify: boolean; capabilities: { albums: boolean; preferredFormat?: string } }> }).value;
    expect(list.map((u) => u.id)).toEqual(['imge', 'chevereto', 'imgbb', 'imgur', 'groupme']);
    expect(list.find((u) => u.id === 'imgur')!.capabilities.albums).toBe(true);
    expect(list.find((u) => u.id === 'groupme')!.capabilities.preferredFormat).toBe('jpeg');
    expect(list.every((u) => u.canVerify)).toBe(true);
  });

  it('answers "Test connection" with the service’s verdict, as {code, message} when it fails', async () => {
    const server = track(await startChevereto({ keys: { good: {} } }));
    const core = await openTestCore(await tempProfile());
    await core.settings.set('uploaders.imge.baseUrl', server.url);
    await core.settings.set('uploaders.imge.apiKey', 'good');
    expect(await core.dispatch('uploaders.verify', { id: 'imge' })).toEqual({ ok: true, value: { message: `IM.GE accepted the API key (${new URL(server.url).host}).` } });
    await core.settings.set('uploaders.imge.apiKey', 'bad');
    expect(await core.dispatch('uploaders.verify', { id: 'imge' })).toEqual({
      ok: false,
      error: {
        code: 'auth_failed',
        message: 'IM.GE rejected the API key (code 100: Invalid API key.). Check uploaders.imge.apiKey in Settings → IM.GE.',
        // The field that fixes it: the window's "Open settings" opens exactly that one.
        setting: 'uploaders.imge.apiKey',
      },
    });
    expect(await core.dispatch('uploaders.verify', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'unknown_uploader' } });
    expect(await core.dispatch('albums.list', { uploaderId: 'imge' })).toEqual({ ok: false, error: { code: 'unsupported', message: 'IM.GE has no albums.' } });
  });
});

describe('Imgur account channels', () => {
  it('connects through the browser, reports it as an event, and never sends a token to the renderer', async () => {
    const { core, opened, statuses } = await imgurCore();
    expect(await core.dispatch('imgur.status', {})).toMatchObject({ ok: true, value: { connected: false, connecting: false, clientIdSet: true } });
    const started = await core.dispatch('imgur.connect', {});
    expect(started.ok).toBe(true);
    const authorizeUrl = (started as { value: { authorizeUrl: string } }).value.authorizeUrl;
    expect(opened).toEqual([authorizeUrl]);
    await until(() => statuses.at(-1)?.connecting === true);
    expect(statuses.at(-1)).toMatchObject({ connecting: true, authorizeUrl });
    await allowInBrowser(authorizeUrl);
    await until(() => statuses.at(-1)?.connected === true);
    expect(statuses.at(-1)).toMatchObject({ connected: true, username: 'ada', connecting: false });
    const everything = JSON.stringify([statuses, await core.dispatch('imgur.status', {}), await core.dispatch('settings.get', {})]);
    for (const key of ['accessToken', 'refreshToken']) expect(everything).not.toContain(await core.settings.getSecret(`uploaders.imgur.${key}`));

    expect(await core.dispatch('imgur.disconnect', {})).toMatchObject({ ok: true, value: { connected: false } });
    expect(await core.settings.isSecretSet('uploaders.imgur.refreshToken')).toBe(false);
    expect(core.settings.get('uploaders.imgur.account')).toBe('');
  });

  it('refuses to start without a Client ID, and can be cancelled while waiting', async () => {
    const { core, statuses } = await imgurCore();
    await core.settings.reset('uploaders.imgur.clientId');
    const refused = await core.dispatch('imgur.connect', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_configured' } });
    expect(!refused.ok && refused.error.message).toMatch(/^Imgur needs a Client ID: set uploaders\.imgur\.clientId/);
    await core.settings.set('uploaders.imgur.clientId', CLIENT_ID);
    expect((await core.dispatch('imgur.connect', {})).ok).toBe(true);
    expect(await core.dispatch('imgur.cancelConnect', {})).toMatchObject({ ok: true });
    await until(() => statuses.at(-1)?.connecting === false);
    expect(statuses.at(-1)).toMatchObject({ connected: false, connecting: false, error: undefined });
  });

  it('shows uploads left after an upload', async () => {
    const { core, statuses } = await imgurCore();
    await imgurUploader.upload(asSource(await pngFile()), {}, core.uploadContext('imgur'));
    await until(() => statuses.some((s) => s.uploadsLeft !== undefined));
    // The tightest budget: 1,999 user requests left are 199 uploads (an upload costs ten).
    expect(statuses.at(-1)!.uploadsLeft).toMatchObject({ remaining: 199, limit: 200, resetAt: expect.any(String) });
  });

  it('manages the account’s albums, adding images by link or id', async () => {
    const { core, server } = await imgurCore();
    await core.settings.set('uploaders.imgur.refreshToken', server.grantRefreshToken(CLIENT_ID));
    const a = await imgurUploader.upload(asSource(await pngFile()), {}, core.uploadContext('imgur'));
    const b = await imgurUploader.upload(asSource(await pngFile()), {}, core.uploadContext('imgur'));
    const created = await core.dispatch('albums.create', { uploaderId: 'imgur', title: 'Trip', privacy: 'secret' });
    expect(created).toMatchObject({ ok: true, value: { title: 'Trip', privacy: 'secret' } });
    const albumId = (created as { value: { id: string } }).value.id;
    expect(await core.dispatch('albums.add', { uploaderId: 'imgur', albumId, images: [a.url, `https://imgur.com/${b.remoteId}`] })).toEqual({ ok: true, value: null });
    const images = await core.dispatch('albums.images', { uploaderId: 'imgur', albumId });
    expect(images).toMatchObject({ ok: true, value: [{ id: a.remoteId, url: a.url }, { id: b.remoteId }] });
    await core.dispatch('albums.remove', { uploaderId: 'imgur', albumId, imageIds: [a.remoteId!] });
    expect(await core.dispatch('albums.list', { uploaderId: 'imgur' })).toMatchObject({ ok: true, value: [{ id: albumId, imageCount: 1 }] });
    expect(await core.dispatch('albums.delete', { uploaderId: 'imgur', albumId })).toEqual({ ok: true, value: null });
    expect(await core.dispatch('albums.list', { uploaderId: 'imgur' })).toEqual({ ok: true, value: [] });
    expect(await core.dispatch('albums.add', { uploaderId: 'imgur', albumId, images: ['not an id!'] })).toMatchObject({ ok: false, error: { code: 'invalid_image' } });
    expect(await core.dispatch('albums.create', { uploaderId: 'imgur', title: '  ' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('gives the window an anonymous album’s deletehash, and takes it back to manage the album', async () => {
    const { core, server } = await imgurCore();
    const created = await core.dispatch('albums.create', { uploaderId: 'imgur', title: 'Anon' });
    expect(created).toMatchObject({ ok: true, value: { title: 'Anon', deleteHash: expect.stringMatching(/^\w{15}$/) } });
    const { id: albumId, deleteHash } = (created as { value: { id: string; deleteHash: string } }).value;
    expect(await core.dispatch('albums.delete', { uploaderId: 'imgur', albumId, deleteHash })).toEqual({ ok: true, value: null });
    expect(server.last()).toMatchObject({ method: 'DELETE', path: `/3/album/${deleteHash}`, headers: { authorization: `Client-ID ${CLIENT_ID}` } });
    expect(server.albums.has(albumId)).toBe(false);
  });

  it('reads image ids out of the links people paste', () => {
    expect(imageIdFrom('AbC12')).toBe('AbC12');
    expect(imageIdFrom('https://imgur.com/AbC12')).toBe('AbC12');
    expect(imageIdFrom(' https://i.imgur.com/AbC12.png ')).toBe('AbC12');
    expect(() => imageIdFrom('https://imgur.com/')).toThrow('is not an image id or an image link');
  });
});
