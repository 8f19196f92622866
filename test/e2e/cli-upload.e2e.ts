import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startChevereto, type CheveretoStandIn } from '../servers/chevereto.js';
import { runShotput, spawnShotput, removeProfile } from '../support/bin.js';
import { writeNoisePng } from '../support/images.js';

const KEY = 'chv_test_standin_key';
let imge: CheveretoStandIn;
let profile: string;
let files: string;

beforeAll(async () => {
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} }, maxBytes: 64 * 1024 * 1024 });
  files = mkdtempSync(join(tmpdir(), 'shotput-files-'));
});
afterAll(async () => {
  await imge.close();
  rmSync(files, { recursive: true, force: true });
});
beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-cli-'));
  imge.clearFaults();
});
afterEach(() => removeProfile(profile));

const imgeArgs = () => ['--set', `uploaders.imge.baseUrl=${imge.url}`, '--set', `uploaders.imge.apiKey=${KEY}`];
const parseLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

describe('shotput upload', () => {
  it('uploads a file through the queue and prints the link as JSON', async () => {
    const path = join(files, 'shot.png');
    await writeNoisePng(path, 64, 48);
    const run = await runShotput(profile, ...imgeArgs(), 'upload', path, '--json');
    expect(run.code, run.stderr).toBe(0);
    const [result] = parseLines(run.stdout);
    expect(result).toMatchObject({ ok: true, input: path, uploader: 'imge', width: 64, height: 48, error: null });
    expect(result!.url).toMatch(new RegExp(`^${imge.url}/images/\\w+\\.png$`));
    expect(result!.viewerUrl).toMatch(/\/image\/\w+$/);
    expect(result!.deleteUrl).toMatch(/\/delete\//);
    const seen = imge.last('/api/1/upload')!;
    expect(seen.headers['x-api-key']).toBe(KEY);
    expect(seen.fields).toMatchObject({ key: KEY, format: 'json' });
    expect(seen.files).toMatchObject([{ field: 'source', filename: 'shot.png', size: result!.bytes }]);

    // Local thumbnails for the History view, in the sizes GroupMe serves, made after the command ends.
    let history: Array<Record<string, any>> = [];
    await expect
      .poll(async () => (history = parseLines((await runShotput(profile, 'history', '--json')).stdout))[0]?.thumbnails, { timeout: 20_000 })
      .toBeDefined();
    expect(history).toMatchObject([{ fileName: 'shot.png', url: result!.url, uploaderId: 'imge' }]);
    const thumbs = history[0]!.thumbnails as Record<string, string>;
    expect(Object.keys(thumbs).sort()).toEqual(['avatar', 'large', 'square']);
    expect((await readdir(join(profile, 'thumbnails'))).sort()).toEqual(Object.values(thumbs).sort());
    expect(await readdir(join(profile, 'queue'))).toEqual([]);
  });

  it('uploads a PNG that needs no change without loading the image decoder or the window contracts', async () => {
    // sharp (libvips) and zod take about 90 ms to load; a file that passes through needs neither.
    const packagesLoadedBy = async (...args: string[]) => {
      const log = join(files, `packages-${args.length}-${Date.now()}.log`);
      const run = spawnShotput(profile, args, { packageLog: log });
      expect(await run.exit, run.stderr()).toBe(0);
      return new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean));
    };
    const path = join(files, 'as-is.png');
    await writeNoisePng(path, 64, 48);
    const uploadsBefore = imge.uploads.length;
    const passedThrough = await packagesLoadedBy(...imgeArgs(), 'upload', path);
    expect(passedThrough.has('sharp')).toBe(false);
    expect(passedThrough.has('zod')).toBe(false);
    // Made to fit 32 px wide, the same file is decoded: the log sees sharp when it is used.
    const resized = await packagesLoadedBy(...imgeArgs(), '--set', 'pipeline.maxWidth=32', 'upload', path);
    expect(resized.has('sharp')).toBe(true);
    expect(imge.uploads.length - uploadsBefore).toBe(2);
  });

  it('prints the link in the format asked for', async () => {
    const path = join(files, 'link.png');
    await writeNoisePng(path, 8, 8);
    const run = await runShotput(profile, ...imgeArgs(), 'upload', path, '--link', 'markdown');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^!\[link\.png\]\(http:\/\/127\.0\.0\.1:\d+\/images\/\w+\.png\)\n$/);
  });

  it('reports a refused key with the service and its code, exits 1, and keeps the job with its file', async () => {
    const path = join(files, 'key.png');
    await writeNoisePng(path, 8, 8);
    const run = await runShotput(profile, '--set', `uploaders.imge.baseUrl=${imge.url}`, '--set', 'uploaders.imge.apiKey=wrong', 'upload', path, '--json');
    expect(run.code).toBe(1);
    const [result] = parseLines(run.stdout);
    expect(result).toMatchObject({ ok: false, url: null, error: { code: 'auth_failed' } });
    expect(result!.error.message).toContain('IM.GE rejected the API key (code 100');
    expect(run.stderr.match(/IM\.GE rejected the API key/g), run.stderr).toHaveLength(1);
    const queue = parseLines((await runShotput(profile, 'queue', '--json')).stdout);
    expect(queue).toMatchObject([{ fileName: 'key.png', state: 'failed', error: { code: 'auth_failed' } }]);
    expect(await readdir(join(profile, 'queue', queue[0]!.id))).toContain('key.png');
  });

  it('retries a server error and succeeds, without the user noticing more than a delay', async () => {
    const path = join(files, 'retry.png');
    await writeNoisePng(path, 8, 8);
    imge.inject({ kind: 'status', status: 503 });
    const run = await runShotput(profile, ...imgeArgs(), 'upload', path, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(parseLines(run.stdout)[0]).toMatchObject({ ok: true });
    expect(imge.log.filter((r) => r.path === '/api/1/upload').slice(-2).map((r) => r.status)).toEqual([503, 200]);
  });

  it('refuses missing files and unknown uploaders clearly, and still uploads the rest', async () => {
    const good = join(files, 'good.png');
    await writeNoisePng(good, 8, 8);
    const run = await runShotput(profile, ...imgeArgs(), 'upload', join(files, 'missing.png'), good, '--json');
    expect(run.code).toBe(1);
    const [missing, ok] = parseLines(run.stdout);
    expect(missing).toMatchObject({ ok: false, error: { code: 'file_unreadable' } });
    expect(missing!.error.message).toContain('missing.png does not exist');
    expect(ok).toMatchObject({ ok: true });

    const unknown = await runShotput(profile, 'upload', good, '--uploader', 'nosuchhost');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no uploader "nosuchhost"');
  });

  it('finishes an upload after the process is killed mid-upload and started again', async () => {
    const path = join(files, 'big.png');
    // Large enough that loopback socket buffers cannot swallow the rest of it.
    const bytes = await writeNoisePng(path, 3700, 3700);
    // The server stops reading part-way, as a dying network would; the process is then killed.
    // Past 25%: outside a terminal progress is printed per quarter, so the 25% line must come
    // before the stall whatever the loopback buffers absorb.
    imge.inject({ kind: 'stall', afterBytes: Math.floor(bytes * 0.3) });
    const first = spawnShotput(profile, [...imgeArgs(), 'upload', path, '--json']);
    await expect.poll(() => first.stderr(), { timeout: 20_000 }).toMatch(/big\.png: [1-9]\d% /);
    expect(first.stderr()).not.toMatch(/big\.png: 100%/);
    first.child.kill('SIGKILL');
    await first.exit;
    const completeBefore = imge.uploads.length;

    const second = await runShotput(profile, ...imgeArgs(), 'upload', path, '--json');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('resuming the upload an earlier run left unfinished');
    const [result] = parseLines(second.stdout);
    expect(result).toMatchObject({ ok: true, width: 3700, height: 3700 });
    expect(imge.uploads.length).toBe(completeBefore + 1);
    // The bytes that reached the server are the whole prepared file, sent once in full.
    expect(imge.last('/api/1/upload')!.files[0]!.size).toBe(result!.bytes);
    expect(parseLines((await runShotput(profile, 'history', '--json')).stdout)).toHaveLength(1);
    expect(await readdir(join(profile, 'queue'))).toEqual([]);
  });
});
