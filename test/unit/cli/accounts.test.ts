import { describe, expect, it } from 'vitest';
import { startChevereto } from '../../servers/chevereto.js';
import { startImgur } from '../../servers/imgur.js';
import { cli } from '../../support/cli.js';
import { openTestCore } from '../../support/core.js';
import { writeNoisePng } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';
import { track } from '../uploaders/fixtures.js';
import { CLIENT_ID, CLIENT_SECRET, freePort } from '../uploaders/imgur-setup.js';
import { join } from 'node:path';

async function imgurProfile() {
  const port = await freePort();
  const server = track(await startImgur({ clients: { [CLIENT_ID]: { secret: CLIENT_SECRET, callback: `http://127.0.0.1:${port}/imgur/callback` } } }));
  const profile = await tempProfile();
  for (const [key, value] of [['baseUrl', server.url], ['clientId', CLIENT_ID], ['clientSecret', CLIENT_SECRET], ['callbackPort', String(port)]]) {
    expect((await cli(profile, 'config', 'set', `uploaders.imgur.${key}`, value!)).code).toBe(0);
  }
  return { server, profile };
}

describe('account commands on the command line', () => {
  it('`shotput uploader test ID` gives the service’s verdict, exit 1 when it refuses', async () => {
    const server = track(await startChevereto({ keys: { good: {} } }));
    const profile = await tempProfile();
    const ok = await cli(profile, '--set', `uploaders.imge.baseUrl=${server.url}`, '--set', 'uploaders.imge.apiKey=good', 'uploader', 'test', 'imge');
    expect(ok).toMatchObject({ code: 0, stdout: `IM.GE accepted the API key (${new URL(server.url).host}).\n` });
    const bad = await cli(profile, '--set', `uploaders.imge.baseUrl=${server.url}`, '--set', 'uploaders.imge.apiKey=bad', 'uploader', 'test', 'imge');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('IM.GE rejected the API key');
    expect((await cli(profile, 'uploader', 'test', 'nope')).code).toBe(2);
  });

  it('`shotput imgur credits` shows the uploads left, still known in the next run', async () => {
    const { profile } = await imgurProfile();
    expect((await cli(profile, 'imgur', 'credits')).stdout).toContain('Not known yet');
    const file = join(profile, 'a.png');
    await writeNoisePng(file, 8, 8);
    const upload = await cli(profile, 'upload', file, '--uploader', 'imgur');
    expect(upload.code, upload.stderr).toBe(0);
    // Another process: the budget the last upload announced was kept in the profile.
    const credits = await cli(profile, 'imgur', 'credits');
    expect(credits.code).toBe(0);
    expect(credits.stdout).toMatch(/^Uploads left: \d+ of \d+, until .+\.\n$/);
    expect(JSON.parse((await cli(profile, 'imgur', 'credits', '--json')).stdout)).toMatchObject({ remaining: expect.any(Number), limit: expect.any(Number) });
  });

  it('`shotput imgur albums` lists the connected account’s albums', async () => {
    const { server, profile } = await imgurProfile();
    expect((await cli(profile, 'imgur', 'albums')).stderr).toContain('No account connected');
    expect((await cli(profile, 'config', 'set', 'uploaders.imgur.refreshToken', server.grantRefreshToken(CLIENT_ID))).code).toBe(0);
    const core = await openTestCore(profile);
    const album = await core.uploaders.get('imgur').albums!.create({ title: 'Trip' }, core.uploadContext('imgur'));
    await core.close();
    const run = await cli(profile, 'imgur', 'albums');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${album.id}  Trip  0 images  https?://\\S+/a/${album.id}\n$`));
    expect((await cli(profile, 'imgur', 'albums', '--json')).stdout).toContain(`"id":"${album.id}"`);
  });
});
