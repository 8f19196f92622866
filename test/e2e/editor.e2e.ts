import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChevereto } from '../servers/chevereto.js';
import { runShotput } from '../support/bin.js';
import { axeViolations } from '../support/axe.js';
import { launchChromium, startHarnessWith, type HarnessProcess } from '../support/harness-process.js';

const BLUE = [0x33, 0x66, 0xcc];
const YELLOW = [0xff, 0xcc, 0x00];
const RED = [0xe1, 0x1d, 0x48];

let browser: Browser;
let dir: string;
let image: string;
const running: HarnessProcess[] = [];

/** An 800×500 blue screenshot with a yellow box at (100,100)–(300,250): flat colours, exact pixels. */
async function writeScreenshot(path: string): Promise<void> {
  const yellow = await sharp({ create: { width: 201, height: 151, channels: 3, background: { r: YELLOW[0]!, g: YELLOW[1]!, b: YELLOW[2]! } } }).png().toBuffer();
  await sharp({ create: { width: 800, height: 500, channels: 3, background: { r: BLUE[0]!, g: BLUE[1]!, b: BLUE[2]! } } })
    .composite([{ input: yellow, left: 100, top: 100 }])
    .png()
    .toFile(path);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shotput-editor-'));
  image = join(dir, 'screenshot.png');
  await writeScreenshot(image);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(running.map((h) => h.stop()));
  rmSync(dir, { recursive: true, force: true });
});

interface Editor {
  page: Page;
  harness: HarnessProcess;
  output: string;
  /** Where image pixel (x, y) is on the page at the editor's opening view. */
  at(x: number, y: number): { x: number; y: number };
}

async function openEditor(name: string, extra: string[] = [], profile = dir): Promise<Editor> {
  const output = join(dir, `${name}.png`);
  const harness = await startHarnessWith(['--port', '0', '--editor', image, '--output', output, ...extra], profile, /Editor ready at (http:\/\/127\.0\.0\.1:\d+\/\S*)/, { built: true });
  running.push(harness);
  const page = await (await browser.newContext({ viewport: { width: 1100, height: 720 } })).newPage();
  await page.goto(harness.url);
  await page.locator('body[data-ready="true"]').waitFor();
  const canvas = (await page.locator('.editor-canvas').boundingBox())!;
  // An image that fits opens at 100 %, centred in the canvas area.
  const panX = Math.round((Math.floor(canvas.width) - 800) / 2);
  const panY = Math.round((Math.floor(canvas.height) - 500) / 2);
  return { page, harness, output, at: (x, y) => ({ x: canvas.x + panX + x, y: canvas.y + panY + y }) };
}

async function drag(editor: Editor, from: [number, number], to: [number, number]): Promise<void> {
  const a = editor.at(...from);
  const b = editor.at(...to);
  await editor.page.mouse.move(a.x, a.y);
  await editor.page.mouse.down();
  await editor.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 3 });
  await editor.page.mouse.move(b.x, b.y, { steps: 3 });
  await editor.page.mouse.up();
}

async function save(editor: Editor): Promise<{ width: number; height: number; pixel(x: number, y: number): number[] }> {
  const before = editor.harness.output().split(`Saved ${editor.output}`).length;
  await editor.page.keyboard.press('Control+s');
  await expect.poll(() => editor.harness.output().split(`Saved ${editor.output}`).length, { timeout: 10_000 }).toBeGreaterThan(before);
  const { data, info } = await sharp(editor.output).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, pixel: (x, y) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)] };
}

const near = (actual: number[], expected: number[], tolerance = 6) => actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance);

describe('editor', () => {
  it('opens at 100 % and saves a rectangle whose edge lands on the pixels it was drawn on', async () => {
    const editor = await openEditor('rect');
    expect(await editor.page.getByText('100 %', { exact: true }).first().isVisible()).toBe(true);
    await editor.page.keyboard.press('r');
    await drag(editor, [400, 300], [600, 450]);
    const out = await save(editor);
    expect([out.width, out.height]).toEqual([800, 500]);
    // A 4 px stroke centred on x = 400: pixels 398–401 are red, 396 and the inside are untouched.
    for (const x of [398, 399, 400, 401]) expect(near(out.pixel(x, 375), RED), `x=${x}`).toBe(true);
    expect(out.pixel(395, 375)).toEqual(BLUE);
    expect(out.pixel(500, 375)).toEqual(BLUE);
    for (const y of [299, 300]) expect(near(out.pixel(500, y), RED), `y=${y}`).toBe(true);
    expect(out.pixel(500, 296)).toEqual(BLUE);
  });

  it('draws an arrow, text and numbered steps, redacts and crops, and the saved pixels match', async () => {
    const editor = await openEditor('marks');
    const { page } = editor;
    await page.keyboard.press('a');
    await drag(editor, [450, 60], [650, 60]);
    await page.keyboard.press('n');
    for (const x of [500, 560]) {
      const p = editor.at(x, 420);
      await page.mouse.click(p.x, p.y);
    }
    await page.keyboard.press('t');
    const t = editor.at(460, 300);
    await page.mouse.click(t.x, t.y);
    await page.getByRole('textbox', { name: /Text to add/ }).fill('Private note');
    await page.getByRole('textbox', { name: /Text to add/ }).press('Enter');
    // Redact part of the yellow box: nothing of it may survive.
    await page.keyboard.press('d');
    await drag(editor, [150, 120], [260, 200]);
    await page.keyboard.press('c');
    await drag(editor, [50, 40], [750, 470]);
    const out = await save(editor);

    expect([out.width, out.height]).toEqual([700, 430]);
    const crop = (x: number, y: number) => out.pixel(x - 50, y - 40);
    for (let y = 120; y < 200; y += 3) for (let x = 150; x < 260; x += 3) expect(crop(x, y), `redacted ${x},${y}`).toEqual([0, 0, 0]);
    expect(crop(149, 160)).toEqual(YELLOW);
    expect(crop(261, 160)).toEqual(YELLOW);
    expect(near(crop(550, 60), RED), 'arrow shaft').toBe(true);
    expect(crop(550, 70)).toEqual(BLUE);
    for (const x of [500, 560]) expect(near(crop(x, 420 - 12), RED), `badge at ${x}`).toBe(true);
    let textPixels = 0;
    for (let y = 300; y < 330; y++) for (let x = 460; x < 600; x++) if (near(crop(x, y), RED, 40)) textPixels++;
    expect(textPixels).toBeGreaterThan(80);
  });

  it('undoes and redoes with the keyboard, and Esc asks before discarding changes', async () => {
    const editor = await openEditor('undo');
    const { page } = editor;
    await page.keyboard.press('e');
    await drag(editor, [500, 300], [700, 450]);
    await page.keyboard.press('Control+z');
    expect(near((await save(editor)).pixel(500, 375), BLUE, 0)).toBe(true);
    await page.keyboard.press('Control+Shift+z');
    expect(near((await save(editor)).pixel(500, 375), RED)).toBe(true);

    await page.keyboard.press('r');
    await drag(editor, [20, 20], [60, 60]);
    await page.keyboard.press('Escape');
    const dialog = page.getByRole('alertdialog', { name: 'Discard your changes?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => editor.harness.child.exitCode, { timeout: 10_000 }).toBe(0);
    expect(editor.harness.output()).toContain('{"discarded":true}');
  });

  it('every tool is a named button with its key, and axe finds nothing in light or dark', async () => {
    const editor = await openEditor('tools');
    for (const colorScheme of ['light', 'dark'] as const) {
      await editor.page.emulateMedia({ colorScheme });
      expect(await axeViolations(editor.page), colorScheme).toEqual([]);
    }
    const names = await editor.page.getByRole('group', { name: 'Tools' }).getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    expect(names).toEqual([
      'Select, move and resize (V)',
      'Rectangle (R)',
      'Ellipse (E)',
      'Line (L)',
      'Arrow (A)',
      'Pen (P)',
      'Highlighter (H)',
      'Text (T)',
      'Step number (N)',
      'Blur (B)',
      'Pixelate (X)',
      'Redact (solid) (D)',
      'Crop (C)',
    ]);
    await editor.page.keyboard.press('x');
    expect(await editor.page.getByRole('button', { name: 'Pixelate (X)' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('Enter uploads the edited image: the host receives the redacted pixels', async () => {
    const imge = await startChevereto({ name: 'imge', keys: { editor_key: {} } });
    const profile = mkdtempSync(join(tmpdir(), 'shotput-editor-profile-'));
    try {
      expect((await runShotput(profile, 'config', 'set', 'uploaders.imge.baseUrl', imge.url)).code).toBe(0);
      expect((await runShotput(profile, 'config', 'set', 'uploaders.imge.apiKey', 'editor_key')).code).toBe(0);
      const editor = await openEditor('upload', ['--upload'], profile);
      await editor.page.keyboard.press('d');
      await drag(editor, [100, 100], [301, 251]);
      await editor.page.keyboard.press('Enter');
      await expect.poll(() => /Uploaded (\S+)/.exec(editor.harness.output())?.[1], { timeout: 30_000 }).toMatch(/^https?:/);
      expect(imge.uploads).toHaveLength(1);
      const sent = await sharp(imge.uploads[0]!.file!.bytes!).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      expect([sent.info.width, sent.info.height]).toEqual([800, 500]);
      const px = (x: number, y: number) => [...sent.data.subarray((y * 800 + x) * 3, (y * 800 + x) * 3 + 3)];
      for (let y = 100; y <= 250; y += 5) for (let x = 100; x <= 300; x += 5) expect(px(x, y)).toEqual([0, 0, 0]);
      expect(px(50, 50)).toEqual(BLUE);
    } finally {
      await imge.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  });
});
