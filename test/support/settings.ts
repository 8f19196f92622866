import type { ImgurStandIn } from '../servers/imgur.js';
import { runShotput } from './bin.js';

/** Sets each key with the built `shotput config set`, as a user would before starting the app. */
export async function configure(profile: string, settings: ReadonlyArray<readonly [string, string]>): Promise<void> {
  for (const [key, value] of settings) {
    const run = await runShotput(profile, 'config', 'set', key, value);
    if (run.code !== 0) throw new Error(`shotput config set ${key} failed: ${run.stderr}`);
  }
}

/** An Imgur account connected before, on the stand-in. */
export function imgurAccountSettings(imgur: ImgurStandIn, clientId: string, clientSecret: string): Array<[string, string]> {
  return [
    ['uploaders.imgur.baseUrl', imgur.url],
    ['uploaders.imgur.clientId', clientId],
    ['uploaders.imgur.clientSecret', clientSecret],
    ['uploaders.imgur.refreshToken', imgur.grantRefreshToken(clientId)],
  ];
}
