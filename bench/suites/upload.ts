/**
 * The upload path as a user runs it: whole `shotput` processes (start-up included) against a
 * loopback Chevereto stand-in, beside curl and `node -e 0` measured in the same run.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { drawScreenshot } from '../fixtures/screenshot.js';
import { mb, median, ms, printTable } from '../measure.js';
import type { BenchSuite } from './suite.js';

const KEY = 'bench-key';
const ROUNDS = 5;
const TIME = '/usr/bin/time';
const CONVERT = '/usr/bin/convert';
const MIB = 1024 * 1024;
const SMALL_FILES = 50;

interface Run {
  ms: number;
  /** Peak resident memory of the process, in bytes (from GNU time). */
  rss: number;
  stdout: string;
}

/** Runs a command to the end under GNU time, without blocking this process. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(TIME, ['-f', '%M', command, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const elapsed = performance.now() - start;
      const lines = stderr.trim().split('\n');
      if (code !== 0) return reject(new Error(`${command} ${args.slice(0, 6).join(' ')} exited ${code}: ${stderr.slice(-600)}`));
      resolve({ ms: elapsed, rss: Number(lines.at(-1)) * 1024, stdout });
    });
  });
}

export async function startTarget(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'bench-upload-target.js'), KEY], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the stand-in exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** A PNG of about `bytes` that needs no change: noise, stored uncompressed, no metadata. */
async function noisePng(path: string, bytes: number): Promise<number> {
  const side = Math.round(Math.sqrt(bytes / 3));
  const info = await sharp({ create: { width: side, height: side, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png({ compressionLevel: 0 })
    .toFile(path);
  return info.size;
}

const medianOf = (runs: Run[]) => ({ ms: median(runs.map((r) => r.ms)), rss: median(runs.map((r) => r.rss)) });
const verdict = (ok: boolean) => (ok ? 'yes' : 'NO');

export const uploadSuite: BenchSuite = {
  name: 'upload',
  description: `whole processes as a user runs them, against a loopback Chevereto stand-in; Shotput beside curl and \`node -e 0\`, same run, median of ${ROUNDS}`,
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'shotput-bench-'));
    const target = await startTarget();
    const cli = join(import.meta.dirname, 'cli.js');
    const profile = join(dir, 'profile');
    const env = { SHOTPUT_HOME: profile };
    // The self-hosted Chevereto uploader: IM.GE itself takes at most 50 MB.
    const sets = ['--set', `uploaders.chevereto.baseUrl=${target.url}`, '--set', `uploaders.chevereto.apiKey=${KEY}`, '--set', 'defaultUploader=chevereto', '--set', 'queue.concurrency=8'];
    const shotput = (...args: string[]) => measure(process.execPath, [cli, ...args], env);
    const curl = (file: string) =>
      measure('curl', ['-sS', '--fail-with-body', '-o', '/dev/null', '-H', `X-API-Key: ${KEY}`, '-F', `source=@${file}`, '-F', `key=${KEY}`, '-F', 'format=json', `${target.url}/api/1/upload`]);
    const nodeBare = () => measure(process.execPath, ['-e', '0']);
    try {
      const sizes = [
        { label: '1 MB', bytes: 1 * MIB },
        { label: '20 MB', bytes: 20 * MIB },
        { label: '100 MB', bytes: 100 * MIB },
      ];
      const files: Array<{ label: string; path: string; size: number }> = [];
      for (const { label, bytes } of sizes) {
        const path = join(dir, `noise-${label.replace(' ', '')}.png`);
        files.push({ label, path, size: await noisePng(path, bytes) });
      }
      const small: string[] = [];
      for (let i = 0; i < SMALL_FILES; i++) {
        const path = join(dir, `small-${i}.png`);
        await sharp({ create: { width: 32 + i, height: 24, channels: 3, background: { r: i * 5, g: 100, b: 200 } } }).png().toFile(path);
        small.push(path);
      }

      // Warm-up: page cache, the stand-in's JIT, the profile's first settings file.
      await shotput(...sets, 'upload', files[0]!.path);
      await curl(files[0]!.path);
      await nodeBare();

      const bare: Run[] = [];
      const version: Run[] = [];
      const perFile = files.map(() => ({ shotput: [] as Run[], curl: [] as Run[] }));
      const batch: Run[] = [];
      const curlLoop: number[] = [];
      // Interleaved, so background load on the machine hits every tool alike.
      for (let round = 0; round < ROUNDS; round++) {
        bare.push(await nodeBare());
        version.push(await shotput('--version'));
        for (const [i, file] of files.entries()) {
          perFile[i]!.curl.push(await curl(file.path));
          perFile[i]!.shotput.push(await shotput(...sets, 'upload', file.path));
        }
        batch.push(await shotput(...sets, 'upload', ...small));
        const start = performance.now();
        for (const path of small) await curl(path);
        curlLoop.push(performance.now() - start);
      }

      const node0 = medianOf(bare).ms;
      const rows: string[][] = [];
      let ok = true;
      for (const [i, file] of files.entries()) {
        const ours = medianOf(perFile[i]!.shotput);
        const theirs = medianOf(perFile[i]!.curl);
        if (i === 0) {
          const limit = node0 + theirs.ms + 50;
          const met = ours.ms <= limit;
          ok &&= met;
          rows.push([`upload ${file.label} PNG (${mb(file.size)}), whole process`, ms(ours.ms), ms(theirs.ms), ms(node0), `≤ node + curl + 50 = ${ms(limit)}`, verdict(met)]);
        } else {
          const ratio = ours.ms / theirs.ms;
          const met = ratio <= 1.5;
          ok &&= met;
          rows.push([`upload ${file.label} PNG needing no change: time`, `${ms(ours.ms)} (${ratio.toFixed(2)}×)`, ms(theirs.ms), '', '≤ 1.5× curl', verdict(met)]);
        }
        const rssMet = ours.rss <= 100 * MIB;
        if (i > 0) ok &&= rssMet;
        rows.push([`  peak RSS, ${file.label}`, mb(ours.rss), mb(theirs.rss), mb(medianOf(bare).rss), i > 0 ? '≤ 100 MB' : '', i > 0 ? verdict(rssMet) : '']);
      }
      const batchMs = medianOf(batch).ms;
      const filesPerSecond = (SMALL_FILES * 1000) / batchMs;
      const curlPerSecond = (SMALL_FILES * 1000) / median(curlLoop);
      ok &&= filesPerSecond >= 100;
      rows.push([`${SMALL_FILES} small files in one command`, `${filesPerSecond.toFixed(0)} files/s`, `${curlPerSecond.toFixed(0)} files/s (loop)`, '', '≥ 100 files/s', verdict(filesPerSecond >= 100)]);
      const versionMs = medianOf(version).ms;
      ok &&= versionMs <= 1.5 * node0;
      rows.push(['`shotput --version`, cold start', `${ms(versionMs)} (${(versionMs / node0).toFixed(2)}× node)`, '', ms(node0), '≤ 1.5× node -e 0', verdict(versionMs <= 1.5 * node0)]);

      const processRow = await processVersusImageMagick(dir, shotput);
      if (processRow) {
        ok &&= processRow.met;
        rows.push(...processRow.rows);
      }
      printTable(['work', 'Shotput', 'curl / ImageMagick', 'node -e 0', 'target', 'met'], rows);
      console.log(
        `\nTimes are whole processes from spawn to exit (median of ${ROUNDS}, interleaved); RSS is GNU time's maximum resident set. Shotput runs dist/cli.js with a profile on ${tmpdir()}, queue.concurrency 8; curl posts the same multipart form to the same stand-in.`,
      );
      return ok;
    } finally {
      target.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** `shotput process` of a 4K screenshot PNG to PNG vs `convert -strip`, whole processes. */
async function processVersusImageMagick(dir: string, shotput: (...args: string[]) => Promise<Run>): Promise<{ rows: string[][]; met: boolean } | undefined> {
  if (!existsSync(CONVERT)) {
    console.log(`${CONVERT} is missing (apt-get install imagemagick): the process row is left out.`);
    return undefined;
  }
  const shot = drawScreenshot(3840, 2160);
  const input = join(dir, 'screenshot-4k.png');
  // Saved the way capture tools write screenshots: RGBA, default zlib settings, with a text chunk.
  await sharp(shot.data, { raw: { width: shot.width, height: shot.height, channels: 4 } }).withMetadata().png().toFile(input);
  const ours = join(dir, 'shotput-4k.png');
  const theirs = join(dir, 'im-4k.png');
  const oursRuns: Run[] = [];
  const theirsRuns: Run[] = [];
  await shotput('process', input, '--out', ours);
  await measure(CONVERT, [input, '-strip', theirs]);
  for (let i = 0; i < ROUNDS; i++) {
    await rm(ours, { force: true });
    oursRuns.push(await shotput('process', input, '--out', ours));
    theirsRuns.push(await measure(CONVERT, [input, '-strip', theirs]));
  }
  const oursMs = medianOf(oursRuns).ms;
  const theirsMs = medianOf(theirsRuns).ms;
  const oursBytes = (await stat(ours)).size;
  const theirsBytes = (await stat(theirs)).size;
  const ratio = oursMs / theirsMs;
  const met = ratio <= 1 / 3 && oursBytes <= theirsBytes;
  return {
    met,
    rows: [
      [`\`shotput process\` 4K screenshot → PNG (input ${mb((await stat(input)).size)})`, `${ms(oursMs)} (${ratio.toFixed(2)}×)`, ms(theirsMs), '', '≤ 0.33× convert -strip', verdict(ratio <= 1 / 3)],
      ['  output size', `${oursBytes.toLocaleString('en-US')} B`, `${theirsBytes.toLocaleString('en-US')} B`, '', '≤ ImageMagick', verdict(oursBytes <= theirsBytes)],
    ],
  };
}
