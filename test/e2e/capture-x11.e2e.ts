import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChevereto, type CheveretoStandIn } from '../servers/chevereto.js';
import { spawnShotput } from '../support/bin.js';
import { writeNoisePng } from '../support/images.js';
import { x11AreaGrabber } from '../../electron/core/capture/sources/x11-area.js';
import { screenPixels, showImage, startXServer, type ShownImage, type XServer } from '../support/xserver.js';

// Real capture: the built `shotput` command against a private Xvfb with openbox, reading back
// a noise image shown by ImageMagick. Every pixel must come back exactly.
const KEY = 'chv_capture_key';
let x: XServer;
let dir: string;
let profile: string;
let noise: string;
let shown: ShownImage;
let imge: CheveretoStandIn;

function shotput(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return shotputWith(x.env, ...args);
}

async function shotputWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnShotput(profile, args, { env, cwd: dir });
  const code = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

async function rgb(file: string | Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

beforeAll(async () => {
  x = await startXServer({ size: '1280x800' });
  dir = mkdtempSync(join(tmpdir(), 'shotput-capture-'));
  profile = join(dir, 'profile');
  noise = join(dir, 'noise.png');
  await writeNoisePng(noise, 320, 200);
  shown = await showImage(x, noise, 'shotput-noise', '+200+150');
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} } });
});

afterAll(async () => {
  await imge?.close();
  await x?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('shotput capture on X11', () => {
  it('--region returns exactly the pixels shown there', async () => {
    const out = join(dir, 'region.png');
    const run = await shotput('capture', '--region', `${shown.x},${shown.y},${shown.width},${shown.height}`, '--output', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(out);
    const got = await rgb(out);
    expect([got.width, got.height]).toEqual([320, 200]);
    expect(got.data.equals((await rgb(noise)).data)).toBe(true);
  });

  it('reads a region alone over the X protocol: exactly the pixels shown, as opaque RGBA', async () => {
    const grabber = x11AreaGrabber({ display: x.display });
    try {
      const image = await grabber.grab({ x: shown.x + 20, y: shown.y + 10, width: 100, height: 60 });
      expect(image).toMatchObject({ x: shown.x + 20, y: shown.y + 10, width: 100, height: 60 });
      const expected = await sharp(noise).extract({ left: 20, top: 10, width: 100, height: 60 }).ensureAlpha().raw().toBuffer();
      expect(image.data.equals(expected)).toBe(true);
    } finally {
      grabber.close();
    }
    const gone = x11AreaGrabber({ display: ':4093' });
    await expect(gone.grab({ x: 0, y: 0, width: 1, height: 1 })).rejects.toThrow(/Could not talk to the X server :4093/);
  });

  it('--region partly off the screen keeps only the on-screen part', async () => {
    const out = join(dir, 'edge.png');
    const run = await shotput('capture', '--region', '1200,700,500,500', '--output', out, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, path: out, width: 80, height: 100, x: 1200, y: 700 });
  });

  it('--all returns the whole screen, the image where it is shown', async () => {
    const out = join(dir, 'all.png');
    const run = await shotput('capture', '--all', '--output', out);
    expect(run.code, run.stderr).toBe(0);
    const got = await rgb(out);
    expect([got.width, got.height]).toEqual([1280, 800]);
    // Compare the whole screen with what ImageMagick reads from the same X server.
    expect(got.data.equals(screenPixels(x, { x: 0, y: 0, width: 1280, height: 800 }))).toBe(true);
    const part = await sharp(out).extract({ left: shown.x, top: shown.y, width: 320, height: 200 }).removeAlpha().raw().toBuffer();
    expect(part.equals((await rgb(noise)).data)).toBe(true);
  });

  it('--monitor 0 is the whole 1280×800 screen; a monitor that does not exist is named', async () => {
    const out = join(dir, 'monitor.jpg');
    const run = await shotput('capture', '--monitor', '0', '--output', out);
    expect(run.code, run.stderr).toBe(0);
    expect(await sharp(out).metadata()).toMatchObject({ format: 'jpeg', width: 1280, height: 800 });
    const missing = await shotput('capture', '--monitor', '3', '--output', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no monitor 3; this desktop has 1/);
  });

  it('--list names the source and why, the display, and the window by title', async () => {
    const table = await shotput('capture', '--list');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/Capture source: node-screenshots/);
    expect(table.stdout).toContain(`X11 session (DISPLAY=${x.display})`);
    expect(table.stdout).toContain('a region is read alone over the X protocol');
    expect(table.stdout).toMatch(/^ {2}0\s+\S+\s+\S+\s+0\s+0\s+1280\s+800\s+1\s+yes$/m);
    expect(table.stdout).toMatch(new RegExp(`^  ${shown.id}\\s+${shown.x}\\s+${shown.y}\\s+320\\s+200\\s.*shotput-noise$`, 'm'));

    const json = await shotput('capture', '--list', '--json');
    const listed = JSON.parse(json.stdout) as { source: { source: string }; displays: unknown[]; windows: Array<{ id: string; title: string }> };
    expect(listed.source.source).toBe('node-screenshots');
    expect(listed.displays).toEqual([expect.objectContaining({ x: 0, y: 0, width: 1280, height: 800, scaleFactor: 1, primary: true })]);
    expect(listed.windows).toContainEqual(expect.objectContaining({ id: shown.id, title: 'shotput-noise', x: shown.x, y: shown.y, width: 320, height: 200 }));
  });

  it('--window captures a real X window found by its title', async () => {
    const listed = JSON.parse((await shotput('capture', '--list', '--json')).stdout) as { windows: Array<{ id: string; title: string }> };
    const window = listed.windows.find((w) => w.title === 'shotput-noise')!;
    const out = join(dir, 'window.png');
    const run = await shotput('capture', '--window', window.id, '--output', out);
    expect(run.code, run.stderr).toBe(0);
    expect((await rgb(out)).data.equals((await rgb(noise)).data)).toBe(true);
    // openbox focuses the window it mapped last: ours.
    const active = join(dir, 'active.png');
    const focused = await shotput('capture', '--window', 'active', '--output', active);
    expect(focused.code, focused.stderr).toBe(0);
    expect((await rgb(active)).data.equals((await rgb(noise)).data)).toBe(true);
    const missing = await shotput('capture', '--window', '999999', '--output', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no window 999999.*--list/);
  });

  it('--upload sends the captured region to the uploader and prints its link', async () => {
    const run = await shotput('--set', `uploaders.imge.baseUrl=${imge.url}`, '--set', `uploaders.imge.apiKey=${KEY}`, 'capture', '--region', `${shown.x},${shown.y},320,200`, '--upload', '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ ok: true, uploader: 'imge', width: 320, height: 200, error: null });
    const sent = imge.last('/api/1/upload')!;
    expect(sent.files[0]!.filename).toMatch(/^Screenshot \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.png$/);
    expect(sent.files[0]).toMatchObject({ contentType: 'image/png', size: result['bytes'], image: expect.objectContaining({ width: 320, height: 200 }) });
  });

  it('refuses bad input with exit 2 and names what was wrong', async () => {
    const unknown = await shotput('capture', '--all', '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option --frobnicate');
    const region = await shotput('capture', '--region', '10,10,0,5');
    expect(region.code).toBe(2);
    expect(region.stderr).toMatch(/at least 1 pixel/);
    const delay = await shotput('capture', '--all', '--delay', '11');
    expect(delay.code).toBe(2);
    expect(delay.stderr).toMatch(/--delay takes seconds from 0 to 10/);
    const two = await shotput('capture', '--all', '--monitor', '0');
    expect(two.code).toBe(2);
  });

  it('counts down on stderr before a delayed capture', async () => {
    const out = join(dir, 'delayed.png');
    const run = await shotput('capture', '--all', '--delay', '2', '--output', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Capturing in 2…\nCapturing in 1…\n/);
  });

  it('names the display and what to check when DISPLAY points at no X server', async () => {
    let number = 150;
    while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number++;
    const env = { ...x.env, DISPLAY: `:${number}` };
    const out = ['--output', join(dir, 'none.png')];
    for (const args of [['--all', ...out], ['--region', '0,0,10,10', ...out], ['--list']]) {
      const run = await shotputWith(env, 'capture', ...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain(`could not reach the X server of DISPLAY=:${number}`);
      expect(run.stderr).toMatch(/desktop session is running/);
      expect(run.stderr).not.toMatch(/went wrong inside Shotput/);
    }
  });

  it('without an area flag and no app running, says so and suggests --region/--all', async () => {
    const run = await shotput('capture');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/app is not running.*--region X,Y,W,H.*--all/);
  });
});
