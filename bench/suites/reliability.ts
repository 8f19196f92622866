import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import type { Core } from '../../electron/core/app.js';
import { openNodeCore } from '../../electron/core/node-core.js';
import { selectJsonPath } from '../../electron/core/uploaders/sxcu/jsonpath.js';
import { regexMatch } from '../../electron/core/uploaders/sxcu/regex.js';
import { readSxcu } from '../../electron/core/uploaders/sxcu/read.js';
import { mb, printTable, sampleRss } from '../measure.js';
import type { BenchSuite } from './suite.js';

const KEY = 'bench-key';
const LOAD_FILES = 1000;
const MEMORY_TARGET = 300 * 1024 * 1024;
const STALL_TARGET_MS = 50;
const KILLS = 10;

async function startTarget(): Promise<{ url: string; stop(): void; fault(fault: object, times?: number): Promise<void> }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'bench-upload-target.js'), KEY], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the stand-in exited with ${code}`)));
  });
  return {
    url,
    stop: () => child.kill('SIGTERM'),
    async fault(fault, times = 1) {
      await fetch(`${url}/__standin/fault`, { method: 'POST', body: JSON.stringify({ fault, times }) });
    },
  };
}

async function coreOn(profile: string, url: string, extra: Record<string, string> = {}): Promise<Core> {
  const core = await openNodeCore({ profileDir: profile, host: 'cli' });
  const settings: Record<string, string> = {
    'uploaders.imge.baseUrl': url,
    'uploaders.imge.apiKey': KEY,
    'afterUpload.copyLink': 'false',
    'afterUpload.notify': 'false',
    ...extra,
  };
  for (const [key, value] of Object.entries(settings)) await core.settings.setFromText(key, value);
  return core;
}

async function png(path: string, seed: number): Promise<void> {
  await sharp({ create: { width: 24 + (seed % 17), height: 24, channels: 3, background: { r: seed % 256, g: (seed * 7) % 256, b: 90 } } })
    .png()
    .toFile(path);
}

/** One file through the queue with `fault` on its first request; what the user ends up with. */
async function survive(core: Core, file: string): Promise<string> {
  const [outcome] = await core.uploads.addFiles([file], 'imge');
  if (!outcome?.job) return `refused: ${outcome?.error?.message}`;
  const settled = await core.uploads.queue.waitFor(outcome.job.id, 60_000);
  if (!settled.final) return `kept queued until ${new Date(settled.retryAt).toISOString().slice(11, 19)}: ${settled.job.error?.message}`;
  return settled.job.state === 'done' ? 'uploaded' : `failed: ${settled.job.error?.message ?? settled.job.state}`;
}

async function faultsTable(dir: string, target: Awaited<ReturnType<typeof startTarget>>): Promise<string[][]> {
  const profile = await mkdtemp(join(dir, 'faults-'));
  const core = await coreOn(profile, target.url, { 'network.idleTimeoutSeconds': '1', 'queue.retries': '3' });
  core.uploads.queue.start();
  const kinds: Array<[string, object, (said: string) => boolean]> = [
    ['connection reset mid-upload', { kind: 'reset' }, (s) => s === 'uploaded'],
    ['server error 503', { kind: 'status', status: 503 }, (s) => s === 'uploaded'],
    ['host stops reading (stall)', { kind: 'stall', afterBytes: 10 }, (s) => s === 'uploaded'],
    ['slow answer (2 s)', { kind: 'slow', ms: 2000 }, (s) => s === 'uploaded'],
    // Chevereto announces no reset: the job waits (5 minutes) instead of hammering the host.
    ['rate limit (Chevereto, no reset given)', { kind: 'rate-limit' }, (s) => s.startsWith('kept queued')],
    // A 2xx that cannot be read: the host has the file; sending it again would leave copies.
    ['2xx with malformed JSON', { kind: 'malformed' }, (s) => s.startsWith('failed') && !/Gave up/.test(s)],
  ];
  const rows: string[][] = [];
  let n = 0;
  for (const [name, fault, ok] of kinds) {
    const file = join(dir, `fault-${n}.png`);
    await png(file, n++);
    await target.fault(fault);
    const said = await survive(core, file);
    rows.push([name, ok(said) ? 'survived' : 'LOST', said.slice(0, 100)]);
  }
  await core.close();
  return rows;
}

/** kill -9 of the CLI at spread points of uploads; then a restart; records lost or doubled. */
async function killTable(dir: string, url: string): Promise<{ rows: string[][]; lost: number; doubled: number }> {
  const profile = await mkdtemp(join(dir, 'kills-'));
  const inputs: string[] = [];
  for (let i = 0; i < 4; i++) {
    inputs.push(join(dir, `kill-${i}.png`));
    await png(inputs[i]!, 100 + i);
  }
  const cli = join(import.meta.dirname, 'cli.js');
  const args = ['--set', `uploaders.imge.baseUrl=${url}`, '--set', `uploaders.imge.apiKey=${KEY}`];
  const run = (extra: string[], killAfter?: number) =>
    new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [cli, ...args, ...extra], { env: { ...process.env, SHOTPUT_HOME: profile }, stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      if (killAfter !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfter);
      child.on('exit', () => resolve(out));
    });
  for (let k = 0; k < KILLS; k++) await run(['upload', ...inputs, '--json'], 300 + ((k * 397) % 2500));
  await run(['upload', ...inputs, '--json']);
  await run(['queue', 'resume']);
  const records = (await run(['history', '--json', '--limit', '1000'])).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { url: string; fileName: string });
  const names = new Set(records.map((r) => r.fileName));
  const lost = inputs.filter((p) => !names.has(p.split('/').at(-1)!)).length;
  const doubled = records.length - new Set(records.map((r) => r.url)).size;
  const left = await readdir(join(profile, 'queue')).catch(() => []);
  return {
    rows: [
      ['kill -9 during uploads and history writes', String(KILLS), `${lost} lost, ${doubled} recorded twice, ${left.length} left in the queue`],
    ],
    lost: lost + doubled + left.length,
    doubled,
  };
}

/** Hostile inputs, each of which must be refused (an error that says why), never obeyed or crash. */
function hostileTable(): { rows: string[][]; refused: number; tried: number } {
  // Each either refuses with a sentence, or (the deep and wide replies) is read without harm.
  const attempts: Array<[string, () => string | void]> = [
    ['catastrophic {regex} ^(a+)+$ on 32 chars', () => void regexMatch(`${'a'.repeat(32)}!`, '^(a+)+$', '')],
    ['$..x over JSON nested 100,000 deep', () => `read safely: ${selectJsonPath(JSON.parse(`${'{"a":'.repeat(100_000)}{"x":1}${'}'.repeat(100_000)}`), '$..x').length} match`],
    ['$..* over JSON 300,000 wide', () => `read safely: ${selectJsonPath({ list: new Array(300_000).fill(0) }, '$..*').length} matches`],
    ['.sxcu RequestURL file:///etc/passwd', () => void readSxcu(JSON.stringify({ Version: '16.0.0', RequestURL: 'file:///etc/passwd', Body: 'Binary' }))],
    ['.sxcu RequestURL javascript:alert(1)', () => void readSxcu(JSON.stringify({ Version: '16.0.0', RequestURL: 'javascript:alert(1)', Body: 'Binary' }))],
    ['.sxcu header name with CR/LF', () => void readSxcu(JSON.stringify({ Version: '16.0.0', RequestURL: 'https://h.example', Headers: { 'X-A\r\nX-Injected': '1' }, Body: 'Binary' }))],
  ];
  const rows: string[][] = [];
  let refused = 0;
  for (const [name, attempt] of attempts) {
    const started = performance.now();
    let said: string;
    try {
      const handled = attempt();
      said = handled ?? 'ACCEPTED';
      if (handled) refused++;
    } catch (err) {
      said = `refused: ${(err as Error).message.replace(/\s+/g, ' ').slice(0, 80)}`;
      if (!/Maximum call stack/.test(said)) refused++;
    }
    rows.push([name, said, `${(performance.now() - started).toFixed(0)} ms`]);
  }
  return { rows, refused, tried: attempts.length };
}

/** 1,000 files queued at once, as a dropped folder: memory, event-loop stalls, every outcome. */
async function loadTable(dir: string, url: string): Promise<{ rows: string[][]; ok: boolean }> {
  const folder = join(dir, 'load');
  await rm(folder, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(folder));
  const files: string[] = [];
  for (let i = 0; i < LOAD_FILES; i++) {
    const path = join(folder, `shot-${i}.png`);
    await png(path, i);
    files.push(path);
  }
  await writeFile(join(folder, 'not-an-image.png'), 'plain text, not a PNG');
  files.push(join(folder, 'not-an-image.png'));
  global.gc?.();
  const profile = await mkdtemp(join(dir, 'load-'));
  const core = await coreOn(profile, url, { 'queue.concurrency': '4' });
  core.uploads.queue.start();
  const rss = sampleRss(5);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const outcomes = await core.uploads.addFiles(files, 'imge');
  const settled = await Promise.all(outcomes.map((o) => (o.job ? core.uploads.queue.waitFor(o.job.id) : Promise.resolve(undefined))));
  const seconds = (performance.now() - started) / 1000;
  loop.disable();
  const peak = rss.stop();
  const uploaded = settled.filter((s) => s?.job.state === 'done').length;
  const failedWithReason = settled.filter((s) => s && s.job.state === 'failed' && s.job.error?.message).length + outcomes.filter((o) => o.error?.message).length;
  const stallMs = loop.max / 1e6;
  const p99Ms = loop.percentile(99) / 1e6;
  await core.close();
  const ok = peak < MEMORY_TARGET && uploaded + failedWithReason === files.length && stallMs <= STALL_TARGET_MS;
  return {
    ok,
    rows: [
      ['files queued at once', String(files.length)],
      ['uploaded / failed with a reason / unaccounted', `${uploaded} / ${failedWithReason} / ${files.length - uploaded - failedWithReason}`],
      ['peak memory (RSS, whole process)', `${mb(peak)} (target < ${mb(MEMORY_TARGET)})`],
      ['longest event-loop stall', `${stallMs.toFixed(1)} ms (target <= ${STALL_TARGET_MS} ms); 99th percentile ${p99Ms.toFixed(1)} ms`],
      ['time', `${seconds.toFixed(1)} s`],
    ],
  };
}

export const reliabilitySuite: BenchSuite = {
  name: 'reliability',
  description: 'faults injected by kind, kill -9 of the CLI, hostile inputs, and 1,000 files queued at once',
  async run(options = []) {
    const dir = await mkdtemp(join(tmpdir(), 'shotput-bench-reliability-'));
    const target = await startTarget();
    try {
      // `npm run bench -- reliability --load-only`: the 1,000-file table alone, to measure stalls quickly.
      if (options.includes('--load-only')) {
        const load = await loadTable(dir, target.url);
        printTable(['1,000-file load', 'measured'], load.rows);
        return load.ok;
      }
      const faults = await faultsTable(dir, target);
      printTable(['fault injected', 'outcome', 'what the user saw'], faults);
      console.log('');
      const kills = await killTable(dir, target.url);
      printTable(['kills', 'count', 'records lost'], kills.rows);
      console.log('');
      const hostile = hostileTable();
      printTable(['hostile input', 'outcome', 'time'], hostile.rows);
      console.log(`\n${hostile.refused} of ${hostile.tried} hostile inputs refused.\n`);
      const load = await loadTable(dir, target.url);
      printTable(['1,000-file load', 'measured'], load.rows);
      const faultsOk = faults.every((r) => r[1] === 'survived');
      return faultsOk && kills.lost === 0 && hostile.refused === hostile.tried && load.ok;
    } finally {
      target.stop();
      await rm(dir, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
    }
  },
};
