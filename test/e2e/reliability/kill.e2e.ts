import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChevereto, type CheveretoStandIn } from '../../servers/chevereto.js';
import { runShotput, spawnShotput, removeProfile } from '../../support/bin.js';
import { writeNoisePng } from '../../support/images.js';

const KEY = 'chv_test_standin_key';
const TRIALS = Number(process.env.SHOTPUT_KILL_TRIALS ?? 16);
let imge: CheveretoStandIn;
let files: string;

beforeAll(async () => {
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} } });
  files = mkdtempSync(join(tmpdir(), 'shotput-kill-files-'));
});
afterAll(async () => {
  await imge.close();
  rmSync(files, { recursive: true, force: true });
});

const imgeArgs = () => ['--set', `uploaders.imge.baseUrl=${imge.url}`, '--set', `uploaders.imge.apiKey=${KEY}`];
const lines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

/** Every JSON file the profile keeps (settings, secrets, custom uploaders, job files) still parses. */
function corruptFiles(profile: string): string[] {
  const bad: string[] = [];
  const check = (path: string) => {
    try {
      JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      bad.push(path);
    }
  };
  for (const name of ['settings.json', 'secrets.json', 'custom-uploaders.json']) if (existsSync(join(profile, name))) check(join(profile, name));
  const queue = join(profile, 'queue');
  if (existsSync(queue)) for (const id of readdirSync(queue)) if (existsSync(join(queue, id, 'job.json'))) check(join(queue, id, 'job.json'));
  return bad;
}

describe('kill -9 at any point of an upload', () => {
  it(`loses nothing, records nothing twice and corrupts nothing over ${TRIALS} kills`, async () => {
    const profile = mkdtempSync(join(tmpdir(), 'shotput-kill-'));
    const inputs: string[] = [];
    for (let i = 0; i < 5; i++) {
      const path = join(files, `k${i}.png`);
      await writeNoisePng(path, 40 + i, 40);
      inputs.push(path);
    }
    // Slow answers widen every window: sending, waiting for the reply, writing history.
    imge.inject({ kind: 'slow', ms: 60 }, { times: 100_000 });
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let trial = 0; trial < TRIALS; trial++) {
      const run = spawnShotput(profile, [...imgeArgs(), 'upload', ...inputs, '--json']);
      // Kill points spread from process start to the end of the run.
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 3500));
      run.child.kill('SIGKILL');
      await run.exit;
      expect(corruptFiles(profile), `after kill ${trial}`).toEqual([]);
    }
    imge.clearFaults();

    // Restart: the same command finishes what the killed runs left (and prints every link),
    // then anything else unfinished resumes.
    const again = await runShotput(profile, ...imgeArgs(), 'upload', ...inputs, '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(lines(again.stdout).filter((r) => r.ok)).toHaveLength(inputs.length);
    const resumed = await runShotput(profile, ...imgeArgs(), 'queue', 'resume', '--json');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await runShotput(profile, 'queue', '--json')).stdout.trim()).toBe('');
    expect(corruptFiles(profile)).toEqual([]);

    const history = await runShotput(profile, 'history', '--json', '--limit', '1000');
    expect(history.code, history.stderr).toBe(0);
    const records = lines(history.stdout);
    // Every file asked for is uploaded; no upload (one link on the host) is recorded twice.
    expect(new Set(records.map((r) => r.fileName))).toEqual(new Set(inputs.map((p) => p.split('/').at(-1))));
    const urls = records.map((r) => r.url as string);
    expect(urls.length - new Set(urls).size, 'history records sharing one upload').toBe(0);
    expect(records.length - new Set(records.map((r) => r.id)).size).toBe(0);
    const onHost = new Set(imge.uploads.map((u) => u.url));
    for (const url of urls) expect(onHost.has(url), url).toBe(true);
    await removeProfile(profile);
  }, 240_000);
});
