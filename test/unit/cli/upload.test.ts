import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChevereto, type CheveretoStandIn } from '../../servers/chevereto.js';
import { cli } from '../../support/cli.js';
import { writeNoisePng } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

const KEY = 'chv_cli_upload_key';
let imge: CheveretoStandIn;

beforeAll(async () => {
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: { albums: ['AlbOne', 'AlbTwo'] } } });
});
afterAll(() => imge.close());

const imgeArgs = () => ['--set', `uploaders.imge.baseUrl=${imge.url}`, '--set', `uploaders.imge.apiKey=${KEY}`];
const jsonLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

async function pngs(dir: string, count: number): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `shot-${i}.png`);
    await writeNoisePng(path, 4 + (i % 5), 4);
    paths.push(path);
  }
  return paths;
}

describe('shotput upload of several files', () => {
  it('reports every one of three files as uploaded, with its link, and exits 0', async () => {
    const profile = await tempProfile();
    const files = await pngs(profile, 3);
    const run = await cli(profile, ...imgeArgs(), 'upload', ...files, '--json');
    expect(run.code, run.stderr).toBe(0);
    const results = jsonLines(run.stdout);
    expect(results.map((r) => r.input)).toEqual(files);
    expect(results.every((r) => r.ok && typeof r.url === 'string')).toBe(true);
    expect(run.stderr).not.toContain('failed');
  });

  it('prints a link for each of 252 files', async () => {
    const profile = await tempProfile();
    const files = await pngs(profile, 252);
    const run = await cli(profile, ...imgeArgs(), '--set', 'queue.concurrency=8', 'upload', ...files);
    expect(run.code, run.stderr).toBe(0);
    const links = run.stdout.trim().split('\n');
    expect(links).toHaveLength(252);
    expect(new Set(links).size).toBe(252);
    for (const link of links) expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/images\/\w+\.png$/);
  }, 120_000);
});

describe('history thumbnails of command-line uploads', () => {
  it('are made after the upload, by `shotput thumbnails`, and added to the record', async () => {
    const profile = await tempProfile();
    const [file] = await pngs(profile, 1);
    const run = await cli(profile, ...imgeArgs(), 'upload', file!, '--json');
    expect(run.code, run.stderr).toBe(0);
    const before = jsonLines((await cli(profile, 'history', '--json')).stdout);
    expect(before[0]!.thumbnails).toBeUndefined();
    expect(await cli(profile, 'thumbnails')).toMatchObject({ code: 0, stderr: 'Made the thumbnails of 1 upload.\n' });
    const after = jsonLines((await cli(profile, 'history', '--json')).stdout);
    expect(Object.keys(after[0]!.thumbnails).sort()).toEqual(['avatar', 'large', 'square']);
    expect((await readdir(join(profile, 'thumbnails'))).sort()).toEqual(Object.values(after[0]!.thumbnails as Record<string, string>).sort());
    expect(await readdir(join(profile, 'thumbnails-pending'))).toEqual([]);
  });
});

describe('shotput upload options', () => {
  it('applies the options given now when it resumes an earlier failed upload of the same file', async () => {
    const profile = await tempProfile();
    const [file] = await pngs(profile, 1);
    const failed = await cli(profile, '--set', `uploaders.imge.baseUrl=${imge.url}`, '--set', 'uploaders.imge.apiKey=wrong', 'upload', file!, '--album', 'AlbOne');
    expect(failed.code).toBe(1);
    const run = await cli(profile, ...imgeArgs(), 'upload', file!, '--album', 'AlbTwo', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('resuming');
    expect(imge.uploads.at(-1)).toMatchObject({ album: 'AlbTwo' });
  });

  it('refuses an unknown or misspelt flag with exit 2 and the usage, naming the flag, and uploads nothing', async () => {
    const profile = await tempProfile();
    const [file] = await pngs(profile, 1);
    const before = imge.uploads.length;
    const run = await cli(profile, ...imgeArgs(), 'upload', file!, '--tilte', 'foo');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--tilte');
    expect(run.stderr).toContain('Usage: shotput upload');
    const other = await cli(profile, 'history', '--serch', 'x');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--serch');
    expect(imge.uploads.length).toBe(before);
  });

  it('sends --title, --description and --nsfw, and does not take the title for a file', async () => {
    const profile = await tempProfile();
    const [file] = await pngs(profile, 1);
    const run = await cli(profile, ...imgeArgs(), 'upload', file!, '--title', 'foo', '--description', 'a shot', '--nsfw', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(jsonLines(run.stdout)).toHaveLength(1);
    expect(imge.uploads.at(-1)).toMatchObject({ title: 'foo', description: 'a shot', nsfw: true });
  });

  it('checks --expiration against the values the host accepts, listing them', async () => {
    const profile = await tempProfile();
    const [file] = await pngs(profile, 1);
    const before = imge.uploads.length;
    const bad = await cli(profile, ...imgeArgs(), 'upload', file!, '--expiration', '5months');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--expiration');
    expect(bad.stderr).toContain('5m, 15m, 30m, 1h');
    expect(bad.stderr).toContain('5mo');
    const noExpiry = await cli(profile, '--set', 'uploaders.groupme.accessToken=t', 'upload', file!, '--uploader', 'groupme', '--expiration', '1d');
    expect(noExpiry.code).toBe(2);
    expect(noExpiry.stderr).toContain('GroupMe');
    expect(imge.uploads.length).toBe(before);
    const good = await cli(profile, ...imgeArgs(), 'upload', file!, '--expiration', '5mo', '--category', '4', '--json');
    expect(good.code, good.stderr).toBe(0);
    expect(imge.uploads.at(-1)).toMatchObject({ expiration: 'P5M', categoryId: '4' });
    const badCategory = await cli(profile, ...imgeArgs(), 'upload', file!, '--category', 'news');
    expect(badCategory.code).toBe(2);
    expect(badCategory.stderr).toContain('--category takes a whole number');
  });
});
