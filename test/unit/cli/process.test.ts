import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { filesIn, fromRaw, noise, write } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

async function profileWithPhoto() {
  const dir = await tempProfile();
  await write(dir, 'in.png', await fromRaw(noise(300, 200), 300, 200).png().toBuffer());
  return dir;
}

/** Everything in the profile folder that is an image the command might have written. */
const outputs = async (dir: string) => (await filesIn(dir)).filter((f) => f !== 'in.png' && f !== 'settings.json' && !f.startsWith('bad'));

describe('shotput process', () => {
  it('is listed in --help', async () => {
    expect((await cli(await tempProfile(), '--help')).stdout).toContain('process <file> --out <file>');
  });

  it("writes the result in the format --out's extension names", async () => {
    const dir = await profileWithPhoto();
    const run = await cli(dir, 'process', 'in.png', '--out', 'out.webp');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Wrote ${join(dir, 'out.webp')}: WebP, 300×200, \\d+ KB\\.\\n$`));
    expect((await sharp(join(dir, 'out.webp')).metadata()).format).toBe('webp');
  });

  it('applies --format, --max-width, --max-height and --quality', async () => {
    const dir = await profileWithPhoto();
    expect((await cli(dir, 'process', 'in.png', '--out', 'a.jpg', '--format', 'jpeg', '--max-width', '150', '--quality', '30')).code).toBe(0);
    expect((await cli(dir, 'process', 'in.png', '--out', 'b.jpg', '--format', 'jpeg', '--max-width', '150', '--quality', '95')).code).toBe(0);
    const [a, b] = await Promise.all([readFile(join(dir, 'a.jpg')), readFile(join(dir, 'b.jpg'))]);
    expect((await sharp(a).metadata()).width).toBe(150);
    expect(a.length).toBeLessThan(b.length);
    expect((await cli(dir, 'process', 'in.png', '--out', 'c.png', '--max-height', '50')).code).toBe(0);
    expect((await sharp(join(dir, 'c.png')).metadata()).height).toBe(50);
  });

  it('follows the pipeline settings, and --set for one run', async () => {
    const dir = await profileWithPhoto();
    expect((await cli(dir, 'config', 'set', 'pipeline.maxWidth', '100')).code).toBe(0);
    await cli(dir, 'process', 'in.png', '--out', 'set.png');
    expect((await sharp(join(dir, 'set.png')).metadata()).width).toBe(100);
    await cli(dir, '--set', 'pipeline.format=avif', 'process', 'in.png', '--out', 'auto-name');
    expect((await sharp(join(dir, 'auto-name')).metadata()).format).toBe('heif');
  });

  it('prints one JSON object with --json', async () => {
    const dir = await profileWithPhoto();
    const run = await cli(dir, 'process', 'in.png', '--out', 'j.png', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, input: 'in.png', path: join(dir, 'j.png'), format: 'png', mime: 'image/png', width: 300, height: 200, frames: 1 });
    await write(dir, 'bad.png', Buffer.from('not an image at all'));
    const bad = await cli(dir, 'process', 'bad.png', '--out', 'k.png', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({ ok: false, input: 'bad.png', error: { code: 'image_unsupported', message: expect.stringContaining('bad.png is a text file') } });
    expect(await outputs(dir)).toEqual(['j.png']);
  });

  it('exits 1 with the reason and writes nothing when the image is bad', async () => {
    const dir = await profileWithPhoto();
    const good = await readFile(join(dir, 'in.png'));
    await write(dir, 'bad-cut.png', good.subarray(0, good.length / 2));
    const run = await cli(dir, 'process', 'bad-cut.png', '--out', 'out.png');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('shotput process: bad-cut.png is cut short: the file ends before the image does, so it was probably not completely downloaded or copied. Get the file again.\n');
    expect(run.stdout).toBe('');
    expect(await outputs(dir)).toEqual([]);
  });

  it('exits 2 on a wrong command line, before touching anything', async () => {
    const dir = await profileWithPhoto();
    const cases: Array<[string[], string]> = [
      [['process', 'in.png'], 'process needs --out <file>'],
      [['process', '--out', 'x.png'], 'Usage: shotput process <file>'],
      [['process', 'in.png', 'in.png', '--out', 'x.png'], 'process takes one file'],
      [['process', 'in.png', '--out', 'x.png', '--format', 'bmp'], '--format takes png, jpeg, webp, avif or auto; got "bmp"'],
      [['process', 'in.png', '--out', 'x.png', '--format', 'jpeg'], 'names a PNG file but --format is jpeg'],
      [['process', 'in.png', '--out', 'x.png', '--quality', '80'], 'PNG is lossless'],
      [['process', 'in.png', '--out', 'x.jpg', '--quality', '0'], '--quality takes a whole number from 1 to 100; got "0"'],
      [['process', 'in.png', '--out', 'x.jpg', '--max-width', 'wide'], '--max-width takes a whole number'],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(dir, ...argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
    expect(await outputs(dir)).toEqual([]);
  });
});
