import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startChevereto, type CheveretoStandIn } from '../../servers/chevereto.js';
import { runShotput, removeProfile } from '../../support/bin.js';
import { seedHistory } from '../../support/history-seed.js';
import { writeNoisePng } from '../../support/images.js';

const KEY = 'chv_test_standin_key';
let imge: CheveretoStandIn;
let profile: string;
let files: string;

beforeAll(async () => {
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} } });
  files = mkdtempSync(join(tmpdir(), 'shotput-files-'));
});
afterAll(async () => {
  await imge.close();
  rmSync(files, { recursive: true, force: true });
});
beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-two-'));
});
afterEach(() => removeProfile(profile));

const imgeArgs = () => ['--set', `uploaders.imge.baseUrl=${imge.url}`, '--set', `uploaders.imge.apiKey=${KEY}`];
const parseLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

async function makeFiles(prefix: string, count: number): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(files, `${prefix}-${i}.png`);
    await writeNoisePng(path, 16 + i, 16);
    paths.push(path);
  }
  return paths;
}

describe('two shotput processes on one profile', () => {
  it('each prints every link when both upload 20 files at the same moment', async () => {
    const a = await makeFiles('a', 20);
    const b = await makeFiles('b', 20);
    const [runA, runB] = await Promise.all([
      runShotput(profile, ...imgeArgs(), 'upload', ...a, '--json'),
      runShotput(profile, ...imgeArgs(), 'upload', ...b, '--json'),
    ]);
    for (const [run, inputs] of [
      [runA, a],
      [runB, b],
    ] as const) {
      expect(run.code, run.stderr).toBe(0);
      const results = parseLines(run.stdout);
      expect(results.map((r) => r.input)).toEqual(inputs);
      expect(results.every((r) => r.ok && /^http:\/\/127\.0\.0\.1:\d+\/images\//.test(r.url))).toBe(true);
    }
    const history = parseLines((await runShotput(profile, 'history', '--json')).stdout);
    expect(history).toHaveLength(40);
    expect(new Set(history.map((r) => r.url)).size).toBe(40);
    expect(await readdir(join(profile, 'queue'))).toEqual([]);
  });

  it('each prints every link when both upload the same 10 files at once, and each file is recorded once', async () => {
    const same = await makeFiles('same', 10);
    const [runA, runB] = await Promise.all([
      runShotput(profile, ...imgeArgs(), 'upload', ...same, '--json'),
      runShotput(profile, ...imgeArgs(), 'upload', ...same, '--json'),
    ]);
    for (const run of [runA, runB]) {
      expect(run.code, run.stderr).toBe(0);
      const results = parseLines(run.stdout);
      expect(results.map((r) => r.input)).toEqual(same);
      expect(results.every((r) => r.ok && typeof r.url === 'string')).toBe(true);
    }
    const history = parseLines((await runShotput(profile, 'history', '--json')).stdout);
    const perFile = new Map<string, number>();
    for (const r of history) perFile.set(r.fileName, (perFile.get(r.fileName) ?? 0) + 1);
    // Two runs asked for each file: one or two uploads of it, never lost.
    expect([...perFile.keys()].sort()).toEqual(same.map((p) => p.split('/').at(-1)!).sort());
    expect(await readdir(join(profile, 'queue'))).toEqual([]);
  }, 120_000);
  it('makes each upload\'s thumbnails once when two `shotput thumbnails` run at the same moment', async () => {
    const count = 12;
    await seedHistory(profile, count);
    const pending = join(profile, 'thumbnails-pending');
    mkdirSync(pending, { recursive: true });
    for (let n = 1; n <= count; n++) await writeNoisePng(join(pending, `seed-${String(n).padStart(7, '0')}.png`), 400, 300);
    const runs = await Promise.all([runShotput(profile, 'thumbnails'), runShotput(profile, 'thumbnails')]);
    const made = runs.map((run) => {
      expect(run.code, run.stderr).toBe(0);
      return Number(/Made the thumbnails of (\d+) upload/.exec(run.stderr)?.[1]);
    });
    expect(made[0]! + made[1]!).toBe(count);
    expect(await readdir(pending)).toEqual([]);
    const listed = parseLines((await runShotput(profile, 'history', '--json', '--limit', String(count))).stdout);
    expect(listed.filter((r) => r['thumbnails']?.square)).toHaveLength(count);
  });
  it('opens a new profile from four processes at the same moment without "database is locked"', async () => {
    // Switching a new store to WAL needs it alone, and SQLite does not wait for that: before the
    // retry about one start in twenty here failed. Forty fresh profiles, four processes each.
    for (let round = 0; round < 40; round++) {
      const fresh = mkdtempSync(join(tmpdir(), 'shotput-fresh-'));
      try {
        const runs = await Promise.all(Array.from({ length: 4 }, () => runShotput(fresh, 'history')));
        for (const run of runs) expect(run.code, `round ${round}: ${run.stderr}`).toBe(0);
      } finally {
        rmSync(fresh, { recursive: true, force: true });
      }
    }
  }, 120_000);
});
