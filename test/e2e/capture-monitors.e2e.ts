import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenPixels, showImage, startMonitorsXServer, type ShownImage, type XServer } from '../support/xserver.js';

// Two monitors on a real X server (Xorg's dummy driver, one RandR output each): 800×600 at the
// origin and 640×480 to its right. A flat red image is shown on the first, a flat blue one on
// the second; the built `shotput capture` must return exactly what ImageMagick reads there.
const RED = [220, 30, 40];
const BLUE = [30, 60, 230];
let x: XServer;
let dir: string;
let red: ShownImage;
let blue: ShownImage;

function shotput(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [`${process.cwd()}/dist/cli.js`, ...args], { env: { ...x.env, SHOTPUT_HOME: join(dir, 'profile') }, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function flat(name: string, colour: number[]): Promise<string> {
  const file = join(dir, name);
  await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: colour[0]!, g: colour[1]!, b: colour[2]! } } }).png().toFile(file);
  return file;
}

async function captured(file: string) {
  const { data, info } = await sharp(join(dir, file)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const rgbAt = (px: number, py: number) => [...data.subarray((py * info.width + px) * 4, (py * info.width + px) * 4 + 4)];
  const rgb = Buffer.alloc(info.width * info.height * 3);
  for (let i = 0; i < info.width * info.height; i++) data.copy(rgb, i * 3, i * 4, i * 4 + 3);
  return { width: info.width, height: info.height, rgb, at: rgbAt };
}

beforeAll(async () => {
  x = await startMonitorsXServer([
    { width: 800, height: 600 },
    { width: 640, height: 480 },
  ]);
  dir = mkdtempSync(join(tmpdir(), 'shotput-monitors-'));
  red = await showImage(x, await flat('red.png', RED), 'shotput-red', '+400+150');
  blue = await showImage(x, await flat('blue.png', BLUE), 'shotput-blue', '+900+150');
});

afterAll(async () => {
  await x?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('shotput capture on two monitors of a real X server', () => {
  it('--list shows both monitors where RandR put them, the first primary', async () => {
    const { code, stdout } = await shotput('capture', '--list', '--json');
    expect(code).toBe(0);
    const displays = (JSON.parse(stdout) as { displays: Array<Record<string, unknown>> }).displays;
    expect(displays.map((d) => [d.x, d.y, d.width, d.height, d.primary])).toEqual([
      [0, 0, 800, 600, true],
      [800, 0, 640, 480, false],
    ]);
  });

  it('--monitor 1 is the second monitor, the blue image where it is shown', async () => {
    expect((await shotput('capture', '--monitor', '1', '--output', 'second.png')).code).toBe(0);
    const shot = await captured('second.png');
    expect([shot.width, shot.height]).toEqual([640, 480]);
    expect(shot.rgb.equals(screenPixels(x, { x: 800, y: 0, width: 640, height: 480 }))).toBe(true);
    expect(shot.at(blue.x - 800 + 10, blue.y + 10)).toEqual([...BLUE, 255]);
  });

  it('--region across the edge between the monitors joins red from the first and blue from the second', async () => {
    const left = red.x + red.width - 40;
    const region = { x: left, y: Math.max(red.y, blue.y) + 20, width: blue.x + 40 - left, height: 60 };
    const { code } = await shotput('capture', '--region', `${region.x},${region.y},${region.width},${region.height}`, '--output', 'across.png');
    expect(code).toBe(0);
    const shot = await captured('across.png');
    expect([shot.width, shot.height]).toEqual([region.width, region.height]);
    expect(shot.rgb.equals(screenPixels(x, region))).toBe(true);
    expect(shot.at(0, 0)).toEqual([...RED, 255]);
    expect(shot.at(region.width - 1, region.height - 1)).toEqual([...BLUE, 255]);
  });

  it('--all stitches both; the corner no monitor shows (below the smaller one) stays transparent', async () => {
    expect((await shotput('capture', '--all', '--output', 'all.png')).code).toBe(0);
    const shot = await captured('all.png');
    expect([shot.width, shot.height]).toEqual([1440, 600]);
    expect(shot.at(red.x + 5, red.y + 5)).toEqual([...RED, 255]);
    expect(shot.at(blue.x + 5, blue.y + 5)).toEqual([...BLUE, 255]);
    expect(shot.at(1000, 550)[3]).toBe(0);
    expect(shot.rgb.subarray(0, 1440 * 480 * 3).equals(screenPixels(x, { x: 0, y: 0, width: 1440, height: 480 }))).toBe(true);
  });
});
