import { createServer } from 'node:net';
import { startImgur, type ImgurOptions } from '../../servers/imgur.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { track } from './fixtures.js';

export const CLIENT_ID = 'a1b2c3d4e5f6789';
export const CLIENT_SECRET = 'standin-client-secret-0123456789';

/** A port nothing listens on right now, for the OAuth callback listener. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The Imgur stand-in with one registered application (callback on a free local port), and a
 * core whose Imgur settings point at it. `clock.now` can be moved forward.
 */
export async function imgurSetup(options: Partial<ImgurOptions> & { connected?: boolean } = {}) {
  const port = await freePort();
  const server = track(
    await startImgur({ clients: { [CLIENT_ID]: { secret: CLIENT_SECRET, callback: `http://127.0.0.1:${port}/imgur/callback` } }, ...options }),
  );
  const clock = { offset: 0, now: () => Date.now() + clock.offset };
  const core = await openTestCore(await tempProfile(), { now: () => clock.now() });
  await core.settings.set('uploaders.imgur.baseUrl', server.url);
  await core.settings.set('uploaders.imgur.clientId', CLIENT_ID);
  await core.settings.set('uploaders.imgur.clientSecret', CLIENT_SECRET);
  await core.settings.set('uploaders.imgur.callbackPort', port);
  if (options.connected) await core.settings.set('uploaders.imgur.refreshToken', server.grantRefreshToken(CLIENT_ID));
  return { server, core, clock, port, ctx: (extra: Parameters<typeof core.uploadContext>[1] = {}) => core.uploadContext('imgur', extra) };
}

/** The paths the stand-in saw, in order, as "METHOD /path". */
export function calls(server: { log: Array<{ method: string; path: string }> }): string[] {
  return server.log.map((r) => `${r.method} ${r.path}`);
}
