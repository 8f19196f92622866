import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyPaths } from '../../electron/core/history/index.js';
import { sqlite } from '../../electron/core/history/sqlite.js';
import type { HistoryChange } from '../../shared/uploads.js';
import { startChevereto, type CheveretoStandIn } from '../servers/chevereto.js';
import { spawnShotput } from '../support/bin.js';
import { openTestCore } from '../support/core.js';
import { writeNoisePng } from '../support/images.js';

const KEY = 'chv_test_standin_key';
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'shotput-history-e2e-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('one history for every process', () => {
  let imge: CheveretoStandIn;
  beforeAll(async () => {
    imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} } });
  });
  afterAll(() => imge.close());

  it('shows an upload made by `shotput upload` in the running core within a second, while the core writes too', async () => {
    const profile = mkdtempSync(join(scratch, 'profile-'));
    const core = await openTestCore(profile);
    const seen: HistoryChange[] = [];
    core.events.on('history.changed', (change) => seen.push(change));
    const file = join(profile, 'one.png');
    await writeNoisePng(file, 40, 30);

    const cli = spawnShotput(profile, ['--set', `uploaders.imge.baseUrl=${imge.url}`, '--set', `uploaders.imge.apiKey=${KEY}`, 'upload', file, '--json']);
    // The app's own writes while the CLI runs (an import, say): both must keep everything.
    const ours: string[] = [];
    for (let n = 0; n < 20; n++) ours.push((await core.history.add({ uploaderId: 'imgur', fileName: `app-${n}.png`, url: `https://i.example/app/${n}.png`, origin: 'import' })).id);
    expect(await cli.exit, cli.stderr()).toBe(0);
    const links = cli
      .stdout()
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { url: string }).url);
    expect(links).toHaveLength(1);

    // No reload: the records arrive as `added` events, the way the window hears of them.
    const addedUrls = () => seen.flatMap((c) => c.added.map((r) => r.url));
    await expect.poll(addedUrls, { timeout: 1000, interval: 25 }).toEqual(expect.arrayContaining(links));
    const added = seen.flatMap((c) => c.added).filter((r) => links.includes(r.url));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ uploaderId: 'imge', uploaderLabel: 'IM.GE', status: 'done', jobId: expect.any(String) });

    const everything = core.history.page({ limit: 100 });
    expect(everything.total).toBe(21);
    expect(new Set(everything.records.map((r) => r.id)).size).toBe(21);
    expect(everything.records.map((r) => r.id)).toEqual(expect.arrayContaining(ours));
    // And the CLI reads the same store, finding the upload by the uploader's displayed name.
    const listed = spawnShotput(profile, ['history', '--search', 'IM.GE', '--json']);
    expect(await listed.exit).toBe(0);
    expect(listed.stdout().trim().split('\n').map((l) => (JSON.parse(l) as { url: string }).url)).toEqual(links);
    await core.close();
  });
});

describe('kill -9 while writing history', () => {
  let writer: string;
  beforeAll(async () => {
    writer = join(scratch, 'history-writer.mjs');
    await build({ entryPoints: ['test/support/history-writer.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node22', outfile: writer, logLevel: 'warning' });
  });

  /** Runs the writer until it has committed a few records, then kills it at a random moment. */
  async function writeAndKill(store: string, prefix: string, resumed: string[]): Promise<{ committed: string[]; resumedAs: Map<string, string> }> {
    const child = spawn(process.execPath, [writer, store, prefix, ...resumed], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await expect.poll(() => out.split('\n').filter((l) => l.startsWith('committed')).length, { timeout: 20_000, interval: 10 }).toBeGreaterThan(3);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
    child.kill('SIGKILL');
    await exited;
    expect(err).toBe('');
    const lines = out.split('\n');
    return {
      committed: lines.filter((l) => l.startsWith('committed ')).map((l) => l.slice('committed '.length)),
      resumedAs: new Map(lines.filter((l) => l.startsWith('resumed ')).map((l) => l.split(' ').slice(1) as [string, string])),
    };
  }

  it('keeps every committed record exactly once and the store intact, across many kills and resumes', async () => {
    const store = historyPaths(mkdtempSync(join(scratch, 'kill-'))).store;
    const committed: string[] = [];
    const firstIdOfJob = new Map<string, string>();
    for (let trial = 0; trial < 8; trial++) {
      // Each run first records again the last jobs of the run before, as a resumed queue would.
      const resumed = committed.slice(-3).map((id) => `job-${id}`);
      const run = await writeAndKill(store, `t${trial}`, resumed);
      for (const [jobId, id] of run.resumedAs) expect(id, `${jobId} recorded twice`).toBe(firstIdOfJob.get(jobId));
      for (const id of run.committed) firstIdOfJob.set(`job-${id}`, id);
      committed.push(...run.committed);

      const db = new (sqlite().DatabaseSync)(store);
      try {
        expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
        db.exec("INSERT INTO records_search (records_search) VALUES ('integrity-check')");
        const counts = new Map((db.prepare('SELECT id, count(*) AS n FROM records GROUP BY id').all() as Array<{ id: string; n: number }>).map((r) => [r.id, r.n]));
        for (const id of committed) expect(counts.get(id), `record ${id}`).toBe(1);
        expect(db.prepare('SELECT job_id FROM records GROUP BY job_id HAVING count(*) > 1').all()).toEqual([]);
        // At most the one write in flight at the kill may have landed without being reported.
        expect(counts.size - committed.length).toBeLessThanOrEqual(trial + 1);
      } finally {
        db.close();
      }
    }
    expect(committed.length).toBeGreaterThan(8 * 3);
  });
});
