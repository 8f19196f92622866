import { afterEach, describe, expect, it } from 'vitest';
import { startAllStandIns, type StandIns } from '../../servers/all.js';
import type { RecordedRequest } from '../../servers/kit/stand-in.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { failureOf } from './expect.js';
import { asSource, pngFile } from './fixtures.js';

let servers: StandIns | undefined;
afterEach(async () => {
  await servers?.close();
  servers = undefined;
});

async function coreOn(all: StandIns) {
  const core = await openTestCore(await tempProfile());
  for (const setting of all.settings()) {
    const at = setting.indexOf('=');
    core.settings.override(setting.slice(0, at), setting.slice(at + 1));
  }
  return core;
}

describe('the stand-ins together, as `npm run standins` starts them', () => {
  it('take an upload from every built-in uploader with the settings they print, and report each request', async () => {
    const seen: RecordedRequest[] = [];
    servers = await startAllStandIns({ onRequest: (r) => seen.push(r) });
    const core = await coreOn(servers);
    const file = await pngFile({ bytes: 50_000 });
    for (const id of ['imge', 'chevereto', 'imgbb', 'imgur', 'groupme']) {
      const result = await core.uploaders.get(id).upload(asSource(file), {}, core.uploadContext(id));
      expect(result.url, id).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
    expect(seen.map((r) => `${r.service} ${r.method} ${r.path} ${r.status}`)).toEqual([
      'imge POST /api/1/upload 200',
      'chevereto POST /api/1/upload 200',
      'imgbb POST /1/upload 200',
      'imgur POST /3/image 200',
      'groupme POST /pictures 200',
    ]);
    expect(seen.every((r) => r.headers['user-agent']?.startsWith('Shotput/'))).toBe(true);
  });

  it('take faults over HTTP, as a test in another process sets them', async () => {
    servers = await startAllStandIns();
    const core = await coreOn(servers);
    const res = await fetch(`${servers.imgbb.url}/__standin/fault`, { method: 'POST', body: JSON.stringify({ fault: { kind: 'status', status: 502 }, times: 2 }) });
    expect(await res.json()).toEqual({ scheduled: 'status' });
    const upload = () => core.uploaders.get('imgbb').upload(asSource(file), {}, core.uploadContext('imgbb'));
    const file = await pngFile();
    expect(await failureOf(upload())).toMatchObject({ code: 'server_error' });
    expect(await failureOf(upload())).toMatchObject({ code: 'server_error' });
    expect((await upload()).url).toMatch(/\.png$/);
    const log = (await (await fetch(`${servers.imgbb.url}/__standin/log`)).json()) as RecordedRequest[];
    expect(log.map((r) => r.status)).toEqual([502, 502, 200]);
    expect(log[2]).toMatchObject({ query: { key: expect.any(String) }, files: [{ field: 'image', size: file.size, sha256: file.sha256 }] });
    const bad = await fetch(`${servers.imgbb.url}/__standin/fault`, { method: 'POST', body: 'nope' });
    expect(bad.status).toBe(400);
  });
});
