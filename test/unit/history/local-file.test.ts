import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingPlatform } from '../../../electron/core/platform.js';
import { openTestCore, type TestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';

const cores: TestCore[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

async function setUp() {
  const profile = await tempProfile();
  const lines: string[] = [];
  const core = await openTestCore(profile, { platform: recordingPlatform((line) => lines.push(line)) });
  cores.push(core);
  const folder = join(profile, 'pictures');
  await mkdir(folder);
  const file = join(folder, 'shot.png');
  await writeFile(file, 'png bytes');
  const base = { uploaderId: 'imge', url: 'https://i.example/a.png', origin: 'upload' as const };
  const withFile = await core.history.add({ ...base, fileName: 'shot.png', localPath: file });
  const dropped = await core.history.add({ ...base, fileName: 'dropped.png' });
  return { core, lines, file, withFile, dropped };
}

describe("opening an upload's local file", () => {
  it('opens or shows exactly the file the record holds', async () => {
    const { core, lines, file, withFile } = await setUp();
    expect(await core.dispatch('history.localFile', { id: withFile.id })).toEqual({ ok: true, value: { path: file, exists: true } });
    expect((await core.dispatch('history.openLocal', { id: withFile.id, how: 'open' })).ok).toBe(true);
    expect((await core.dispatch('history.openLocal', { id: withFile.id, how: 'showInFolder' })).ok).toBe(true);
    expect(lines).toEqual([`Desktop: open file ${file}`, `Desktop: show in folder ${file}`]);
  });

  it('refuses a path named by the window, a record without a file and a file that is gone, opening nothing', async () => {
    const { core, lines, file, withFile, dropped } = await setUp();
    const named = await core.dispatch('history.openLocal', { id: withFile.id, how: 'open', path: '/etc/passwd' } as never);
    expect(named.ok).toBe(false);

    expect(await core.dispatch('history.localFile', { id: dropped.id })).toEqual({ ok: true, value: null });
    const none = await core.dispatch('history.openLocal', { id: dropped.id, how: 'open' });
    expect(none).toMatchObject({ ok: false, error: { code: 'no_local_file', message: expect.stringContaining('dropped.png has no file on this computer') } });

    await rm(file);
    expect(await core.dispatch('history.localFile', { id: withFile.id })).toEqual({ ok: true, value: { path: file, exists: false } });
    const gone = await core.dispatch('history.openLocal', { id: withFile.id, how: 'showInFolder' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'local_file_gone', message: expect.stringContaining(`${file} is no longer there`) } });
    expect(lines).toEqual([]);
  });
});
