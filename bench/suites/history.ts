import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { historyPaths, openProfileHistory } from '../../electron/core/history/index.js';
import { keystrokeToPainted } from '../history-keystroke.js';
import { COMMON_WORD, fillProfile, fillThumbnails, generatedUploads, RARE_WORD } from '../history-profile.js';
import { mb, median, printTable } from '../measure.js';
import type { BenchSuite } from './suite.js';

const run = promisify(execFile);
const SIZES = [100_000, 1_000_000];
const ROUNDS = 9;
const APPENDS = 200;
const TARGETS = { firstPageMs: 100, searchMs: 5, appendMs: 2, extraMemory: 50 * 1024 * 1024, cliRatio: 2, keystrokeMs: 30 };

const ms2 = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
const distDir = () => dirname(resolve(process.argv[1]!));

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
}

async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Wall time, and this process's CPU time (what the wall time would be on an idle machine, at most). */
interface Timing {
  wall: number;
  cpu: number;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Median timing of `work` over ROUNDS, each on a new connection (no warm statement or count cache). */
async function perConnection(profile: string, work: (history: Awaited<ReturnType<typeof openProfileHistory>>) => unknown, includeOpen: boolean): Promise<Timing> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = { wall: performance.now(), cpu: cpuMs() };
    const history = await openProfileHistory(profile);
    history.connect();
    const from = includeOpen ? started : { wall: performance.now(), cpu: cpuMs() };
    work(history);
    wall.push(performance.now() - from.wall);
    cpu.push(cpuMs() - from.cpu);
    await history.close();
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const timing = (t: Timing) => `${ms2(t.wall)} (CPU ${ms2(t.cpu)})`;

async function peakMemory(profile: string): Promise<number> {
  const { stdout } = await run(process.execPath, [join(distDir(), 'bench-history-memory.js'), profile, RARE_WORD]);
  return Number(stdout.trim());
}

/**
 * `shotput history --search` (the store alone) and `shotput queue` (the whole core: settings,
 * profile, queue) as a user runs them, against `node -e 0`, alternating, same run.
 */
function cliVsNode(profile: string): { cli: number; core: number; node: number } {
  const cli: number[] = [];
  const core: number[] = [];
  const node: number[] = [];
  const env = { ...process.env, SHOTPUT_HOME: profile };
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now();
    const listed = spawnSync(process.execPath, [join(distDir(), 'cli.js'), 'history', '--search', RARE_WORD], { env, encoding: 'utf8' });
    cli.push(performance.now() - started);
    if (listed.status !== 0 || !listed.stdout.includes(RARE_WORD)) throw new Error(`shotput history failed: ${listed.stderr}`);
    started = performance.now();
    const queue = spawnSync(process.execPath, [join(distDir(), 'cli.js'), 'queue'], { env, encoding: 'utf8' });
    core.push(performance.now() - started);
    if (queue.status !== 0) throw new Error(`shotput queue failed: ${queue.stderr}`);
    started = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    node.push(performance.now() - started);
  }
  return { cli: median(cli), core: median(core), node: median(node) };
}

interface SizeResult {
  entries: number;
  generateMs: number;
  fileBytes: number;
  firstPage: Timing;
  search: Timing;
  searchHits: number;
  broadSearch: Timing;
  broadHits: number;
  append: Timing;
  appendP95Ms: number;
  extraMemory: number;
  cli: { cli: number; core: number; node: number };
  thumbnailFiles: number;
  keystrokeMs: number;
}

async function measure(entries: number, emptyPeak: number): Promise<SizeResult> {
  const profile = await mkdtemp(join(tmpdir(), 'shotput-bench-history-'));
  try {
    console.error(`Generating ${entries.toLocaleString('en')} uploads…`);
    const generated = await fillProfile(profile, entries);
    const thumbnails = fillThumbnails(profile, entries);
    const firstPage = await perConnection(profile, (h) => h.page({ limit: 100 }), true);
    const search = await perConnection(profile, (h) => h.page({ limit: 100, search: RARE_WORD }), false);
    const broadSearch = await perConnection(profile, (h) => h.page({ limit: 100, search: COMMON_WORD }), false);
    const history = await openProfileHistory(profile);
    const searchHits = history.page({ limit: 1, search: RARE_WORD }).total;
    const broadHits = history.page({ limit: 1, search: COMMON_WORD }).total;
    const appends: number[] = [];
    const appendCpu: number[] = [];
    let n = 0;
    for (const record of generatedUploads(APPENDS, Date.UTC(2027, 0, 1))) {
      const cpuBefore = cpuMs();
      const { ms } = await timed(() => history.add({ ...record, id: `append-${n}`, jobId: `append-job-${n++}` }));
      appends.push(ms);
      appendCpu.push(cpuMs() - cpuBefore);
    }
    await history.close();
    appends.sort((a, b) => a - b);
    const extraMemory = (await peakMemory(profile)) - emptyPeak;
    const cli = cliVsNode(profile);
    const keystrokeMs = await keystrokeToPainted(distDir(), profile, entries + APPENDS);
    const { store } = historyPaths(profile);
    const fileBytes = (await stat(store)).size + (await stat(`${store}-wal`).catch(() => ({ size: 0 }))).size;
    return {
      entries,
      generateMs: generated.ms,
      fileBytes,
      firstPage,
      search,
      searchHits,
      broadSearch,
      broadHits,
      append: { wall: median(appends), cpu: median(appendCpu) },
      appendP95Ms: appends[Math.floor(appends.length * 0.95)]!,
      extraMemory,
      cli,
      thumbnailFiles: thumbnails.files,
      keystrokeMs,
    };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

export const historySuite: BenchSuite = {
  name: 'history',
  description: `the history store at ${SIZES.map((s) => s.toLocaleString('en')).join(' and ')} uploads (median of ${ROUNDS}; options: --entries N, --home DIR only fills DIR)`,
  async run(args = []) {
    const entriesText = option(args, 'entries');
    const entries = entriesText === undefined ? undefined : Number(entriesText);
    if (entries !== undefined && (!Number.isInteger(entries) || entries < 1)) throw new Error(`--entries needs a whole number of at least 1; got ${JSON.stringify(entriesText)}.`);
    const home = option(args, 'home');
    if (home) {
      const count = entries ?? 100_000;
      const { inserted, ms } = await fillProfile(resolve(home), count);
      console.log(`Added ${inserted.toLocaleString('en')} uploads to ${historyPaths(resolve(home)).store} in ${(ms / 1000).toFixed(1)} s.`);
      console.log(`Open it with: SHOTPUT_HOME=${resolve(home)} npm run cli -- history --search ${RARE_WORD}   (or npm run harness, or the app)`);
      return true;
    }

    const empty = await mkdtemp(join(tmpdir(), 'shotput-bench-history-empty-'));
    const emptyPeak = await peakMemory(empty).finally(() => rm(empty, { recursive: true, force: true }));
    const results: SizeResult[] = [];
    for (const size of entries ? [entries] : SIZES) results.push(await measure(size, emptyPeak));

    const ok = (value: number, target: number) => (value <= target ? 'ok' : 'MISSED');
    const columns = results.map((r) => r.entries.toLocaleString('en'));
    const row = (name: string, target: string, cell: (r: SizeResult) => string) => [name, target, ...results.map(cell)];
    printTable(['', 'target', ...columns], [
      row('first page ready (open + 100 rows)', `≤ ${TARGETS.firstPageMs} ms`, (r) => `${timing(r.firstPage)} ${ok(r.firstPage.wall, TARGETS.firstPageMs)}`),
      row(`search "${RARE_WORD}" (100 rows + total)`, `≤ ${TARGETS.searchMs} ms`, (r) => `${timing(r.search)} ${ok(r.search.wall, TARGETS.searchMs)}, ${r.searchHits.toLocaleString('en')} hits`),
      row(`search "${COMMON_WORD}" (broad; 100 rows + total)`, '(info)', (r) => `${timing(r.broadSearch)}, ${r.broadHits.toLocaleString('en')} hits`),
      row('append one upload (on disk)', `≤ ${TARGETS.appendMs} ms`, (r) => `${timing(r.append)} ${ok(r.append.wall, TARGETS.appendMs)}, p95 ${ms2(r.appendP95Ms)}`),
      row('search box: keystroke → rows painted (window)', `≤ ${TARGETS.keystrokeMs} ms`, (r) => `${ms2(r.keystrokeMs)} ${ok(r.keystrokeMs, TARGETS.keystrokeMs)}`),
      row('memory above an empty profile', `≤ ${mb(TARGETS.extraMemory)}`, (r) => `${mb(r.extraMemory)} ${ok(r.extraMemory, TARGETS.extraMemory)}`),
      row(`shotput history --search ${RARE_WORD}`, '', (r) => ms2(r.cli.cli)),
      row('node -e 0 (same run)', '', (r) => ms2(r.cli.node)),
      row('ratio', `≤ ${TARGETS.cliRatio}×`, (r) => `${(r.cli.cli / r.cli.node).toFixed(2)}× ${ok(r.cli.cli / r.cli.node, TARGETS.cliRatio)}`),
      row('shotput queue (opens the whole core), with 3 thumbnails per upload on disk', '(info)', (r) => `${ms2(r.cli.core)} (${(r.cli.core / r.cli.node).toFixed(2)}× node), ${r.thumbnailFiles.toLocaleString('en')} files`),
      row('generating the profile', '', (r) => `${(r.generateMs / 1000).toFixed(1)} s`),
      row('store on disk', '', (r) => mb(r.fileBytes)),
    ]);
    return results.every(
      (r) =>
        r.entries > 100_000 ||
        (r.firstPage.wall <= TARGETS.firstPageMs && r.search.wall <= TARGETS.searchMs && r.append.wall <= TARGETS.appendMs && r.extraMemory <= TARGETS.extraMemory && r.cli.cli / r.cli.node <= TARGETS.cliRatio && r.keystrokeMs <= TARGETS.keystrokeMs),
    );
  },
};
