import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJsonHost, type SxcuHost } from '../../servers/sxcu-hosts.js';
import { startChevereto, type CheveretoStandIn } from '../../servers/chevereto.js';
import { runShotput, removeProfile } from '../../support/bin.js';
import { writeNoisePng } from '../../support/images.js';
import { sxcuFile } from '../../support/sxcu.js';

const TOKEN = 'tok_9f8e7d6c5b4a3210';
// Credentials a name heuristic misses, with values that do not look like keys.
const MISSED = { header: 'letmein-hdr', access: 'open-sesame', k: 'kk-2024', passphrase: 'correct horse', pin: '4821', answer: 'my-album-pass' };
const KEY = 'chv_test_standin_key';

let host: SxcuHost;
let imge: CheveretoStandIn;
let files: string;
beforeAll(async () => {
  host = await startJsonHost(TOKEN);
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} } });
  files = mkdtempSync(join(tmpdir(), 'shotput-privacy-'));
});
afterAll(async () => {
  await host.close();
  await imge.close();
  rmSync(files, { recursive: true, force: true });
});

/** Every file under `dir` with its mode, and the text of all of them together. */
function walk(dir: string): { entries: Array<{ path: string; mode: number; dir: boolean; links: number }>; text: string } {
  const entries: Array<{ path: string; mode: number; dir: boolean; links: number }> = [];
  let text = '';
  const visit = (path: string) => {
    const info = statSync(path);
    entries.push({ path, mode: info.mode & 0o777, dir: info.isDirectory(), links: info.nlink });
    if (info.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else text += readFileSync(path, 'latin1');
  };
  visit(dir);
  return { entries, text };
}

describe('the profile keeps secrets and stays private', () => {
  it('stores every value of an imported .sxcu and every answer only in the vault, and every file owner-only', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'shotput-private-'));
    const sxcu = join(files, 'host.sxcu');
    writeFileSync(
      sxcu,
      sxcuFile({
        Name: 'Private host',
        DestinationType: 'ImageUploader',
        RequestURL: `${host.url}/api/upload`,
        Headers: { Authorization: `Bearer ${TOKEN}`, 'X-Upload-Pass': MISSED.header, 'X-Access': MISSED.access },
        Body: 'MultipartFormData',
        Arguments: { k: MISSED.k, passphrase: MISSED.passphrase, pin: MISSED.pin, album: '{inputbox:Album password}' },
        FileFormName: 'file',
        URL: '{json:files[0].url}',
      }),
    );
    expect((await runShotput(profile, 'import-sxcu', sxcu)).code).toBe(0);
    const image = join(files, 'shot.png');
    await writeNoisePng(image, 24, 24);
    chmodSync(image, 0o644);
    // A failed upload keeps its job (and its answers) in the queue: the host refuses this one.
    host.inject({ kind: 'status', status: 400, body: '{"error":{"message":"no"}}', contentType: 'application/json' });
    await runShotput(profile, 'upload', image, '--uploader', 'custom:private-host', '--answer', `Album password=${MISSED.answer}`, '--json');
    await runShotput(profile, '--set', `uploaders.imge.baseUrl=${imge.url}`, 'config', 'set', 'uploaders.imge.apiKey', KEY);

    const { entries, text } = walk(profile);
    const outsideVault = entries
      .filter((e) => !e.dir && !e.path.endsWith('secrets.json'))
      .map((e) => readFileSync(e.path, 'latin1'))
      .join('\n');
    for (const secret of [TOKEN, ...Object.values(MISSED), KEY]) expect(outsideVault, secret).not.toContain(secret);
    expect(text).toContain(MISSED.pin); // kept, in the vault
    expect(readdirSync(join(profile, 'queue'))).toHaveLength(1);
    // The queued upload is a hard link to the user's own file: Shotput leaves its mode theirs.
    const kept = entries.filter((e) => !e.dir && e.links > 1);
    expect(kept.map((e) => e.path)).toEqual([expect.stringMatching(/queue\/[\w-]+\/shot\.png$/)]);
    expect((statSync(image).mode & 0o777).toString(8)).toBe('644');
    for (const entry of entries.filter((e) => e.links === 1 || e.dir)) expect((entry.mode & 0o077).toString(8), entry.path).toBe('0');
    await removeProfile(profile);
  });

  it('makes an existing profile owner-only at start', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'shotput-opened-'));
    mkdirSync(join(profile, 'history'));
    writeFileSync(join(profile, 'history', 'history.jsonl'), '');
    writeFileSync(join(profile, 'settings.json'), '{}');
    chmodSync(profile, 0o755);
    chmodSync(join(profile, 'history'), 0o755);
    chmodSync(join(profile, 'history', 'history.jsonl'), 0o644);
    chmodSync(join(profile, 'settings.json'), 0o644);
    expect((await runShotput(profile, 'history', '--json')).code).toBe(0);
    for (const entry of walk(profile).entries) expect((entry.mode & 0o077).toString(8), entry.path).toBe('0');
    await removeProfile(profile);
  });
});
