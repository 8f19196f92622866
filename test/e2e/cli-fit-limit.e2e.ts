/**
 * A file over the host's limit through `shotput upload`: made to fit before any byte is sent (the
 * host receives fewer bytes than its limit, and the user reads what was done), or refused at once
 * with the limit named, leaving nothing queued to retry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startChevereto, type CheveretoStandIn } from '../servers/chevereto.js';
import { runShotput, removeProfile } from '../support/bin.js';
import { writeNoisePng } from '../support/images.js';

const KEY = 'chv_fit_standin_key';
const LIMIT = 1024 * 1024;
let site: CheveretoStandIn;
let files: string;
let big: string;
let profile: string;

beforeAll(async () => {
  // A self-hosted Chevereto whose owner set a 1 MB limit, and a photo-like PNG of about 3 MB.
  site = await startChevereto({ name: 'chevereto', keys: { [KEY]: {} }, maxBytes: LIMIT });
  files = mkdtempSync(join(tmpdir(), 'shotput-fit-'));
  big = join(files, 'big.png');
  await writeNoisePng(big, 1000, 1000);
});
afterAll(async () => {
  await site.close();
  rmSync(files, { recursive: true, force: true });
});
beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-fit-profile-'));
});
afterEach(() => removeProfile(profile));

const upload = (fit: string) =>
  runShotput(
    profile,
    ...['uploaders.chevereto.baseUrl=' + site.url, `uploaders.chevereto.apiKey=${KEY}`, 'uploaders.chevereto.maxMegabytes=1', `pipeline.fitToLimit=${fit}`, 'queue.retries=0'].flatMap(
      (kv) => ['--set', kv],
    ),
    'upload',
    big,
    '--uploader',
    'chevereto',
    '--json',
  );
const uploadsSeen = () => site.log.filter((r) => r.path === '/api/1/upload').length;
const queued = async () => (await runShotput(profile, 'queue', '--json')).stdout.trim();

describe('shotput upload of a file over the host\'s limit', () => {
  it('lowers the quality until it fits, says so, and the host receives less than its limit', async () => {
    const run = await upload('quality');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim()) as Record<string, any>;
    expect(result).toMatchObject({ ok: true, error: null });
    expect(result.note).toMatch(/^Re-encoded as JPEG quality \d+ to fit Chevereto's 1 MB limit \(2\.\d MB → \d+ KB\)\.$/);
    expect(run.stderr).toContain(`${big}: ${result.note}`);
    const sent = site.last('/api/1/upload')!.files[0]!;
    expect(sent).toMatchObject({ field: 'source', filename: 'big.jpg' });
    expect(sent.size).toBeLessThan(LIMIT);
    expect(sent.size).toBe(result.bytes);
  });

  it('refuses it before any request when Settings say refuse, naming the limit', async () => {
    const before = uploadsSeen();
    const run = await upload('refuse');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout.trim()) as Record<string, any>;
    expect(result).toMatchObject({ ok: false, url: null, error: { code: 'too_big' } });
    expect(result.error.message).toMatch(/^big\.png is 2\.\d MB; Chevereto accepts files up to 1 MB\./);
    expect(run.stderr).toContain(result.error.message);
    expect(uploadsSeen()).toBe(before);
    expect(await queued()).toBe('');
  });

  it('refuses a file that cannot be made to fit, naming the limit and offering no retry', async () => {
    const before = uploadsSeen();
    // Noise does not shrink without loss: no lossless attempt gets it under 1 MB.
    const run = await upload('lossless');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout.trim()) as Record<string, any>;
    expect(result.error.code).toBe('too_big');
    expect(result.error.message).toMatch(/Chevereto accepts files up to 1 MB\. Even recompressed without loss it is 2\.\d MB\./);
    expect(uploadsSeen()).toBe(before);
    expect(await queued()).toBe('');
  });
});
