import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/logger.js';
import { startOverlayHarness } from '../harness/overlay.js';
import { launchChromium, startOverlayHarnessProcess, type OverlayHarnessProcess } from '../support/harness-process.js';
import { fromRaw, paint, pixelAt, rgba } from '../support/images.js';

const WIDTH = 800;
const HEIGHT = 600;
let browser: Browser;
let dir: string;
let desktop: string;
let flat: string;
const running: OverlayHarnessProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shotput-overlay-'));
  desktop = join(dir, 'desktop.png');
  flat = join(dir, 'flat.png');
  // A desktop-like picture: a gradient wallpaper with two flat "windows".
  await fromRaw(
    paint(WIDTH, HEIGHT, (x, y) =>
      x >= 60 && x < 460 && y >= 40 && y < 340 ? [240, 240, 245] : x >= 300 && x < 760 && y >= 200 && y < 560 ? [40, 44, 52] : [x % 256, y % 256, 128],
    ),
    WIDTH,
    HEIGHT,
  )
    .png()
    .toFile(desktop);
  // Left half #3366CC, right half #E04020.
  await fromRaw(paint(WIDTH, HEIGHT, (x) => (x < WIDTH / 2 ? [0x33, 0x66, 0xcc] : [0xe0, 0x40, 0x20])), WIDTH, HEIGHT).png().toFile(flat);
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.stop()));
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  harness: OverlayHarnessProcess;
  problems: string[];
}

/** The overlay on `image` in a page whose CSS pixels are the image's pixels (unless `viewport` says otherwise). */
async function openOverlay(
  image: string,
  options: string[] = [],
  viewport = { width: WIDTH, height: HEIGHT, deviceScaleFactor: 1 },
  how = { built: true },
): Promise<Opened> {
  const harness = await startOverlayHarnessProcess(image, options, how);
  running.push(harness);
  const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: viewport.deviceScaleFactor });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(harness.url);
  await page.locator('#overlay[data-ready="true"]').waitFor();
  return { page, harness, problems };
}

async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(...from);
  await page.mouse.down();
  await page.mouse.move(...to, { steps: 6 });
  await page.mouse.up();
}

const sizeLabel = (page: Page) => page.getByTestId('size-label').innerText();

describe('region overlay through the harness', () => {
  it('drag selects the exact rectangle in image pixels, shows W × H and the position, and Enter prints it', async () => {
    // Started as a developer starts it: through the npm script.
    const { page, harness, problems } = await openOverlay(desktop, [], undefined, { built: false });
    await drag(page, [100, 80], [400, 300]);
    await expect.poll(() => sizeLabel(page)).toMatch(/300 × 220\s*100, 80/);
    await page.keyboard.press('Enter');
    expect(await harness.result()).toEqual({ printed: { x: 100, y: 80, width: 300, height: 220 }, code: 0 });
    expect(problems).toEqual([]);
  });

  it('a drag from bottom-right to top-left gives the same rectangle; on a scaled page the result is still image pixels', async () => {
    // A 1600×1200 image shown in an 800×600 page at device scale 2, as on a HiDPI display.
    const big = join(dir, 'big.png');
    await sharp(desktop).resize(1600, 1200, { kernel: 'nearest' }).toFile(big);
    const { page, harness } = await openOverlay(big, [], { width: 800, height: 600, deviceScaleFactor: 2 });
    await drag(page, [300, 250], [100, 100]);
    await expect.poll(() => sizeLabel(page)).toMatch(/400 × 300\s*200, 200/);
    await page.keyboard.press('Enter');
    expect((await harness.result()).printed).toEqual({ x: 200, y: 200, width: 400, height: 300 });
  });

  it('with --scale-factor 1.5 the frame is drawn one image pixel per device pixel, even when the window size was rounded, and regions come back in image pixels', async () => {
    // 1-pixel stripes that any resampling would blur; 1201×901 at 1.5× is an 800.67×600.67 DIP window, rounded to 801×601.
    const stripes = (x: number, y: number) => ((x + y) % 2 === 0 ? [255, 255, 255] : [0, 0, 0]);
    const fine = join(dir, 'stripes.png');
    await fromRaw(paint(1201, 901, stripes), 1201, 901).png().toFile(fine);
    const { page, harness, problems } = await openOverlay(fine, ['--scale-factor', '1.5'], { width: 801, height: 601, deviceScaleFactor: 1.5 });
    await page.keyboard.press('a');
    // The pointer (crosshair, magnifier) away from the two places looked at.
    await page.mouse.move(450, 50);
    await expect.poll(() => sizeLabel(page)).toMatch(/1201 × 901/);
    const shot = await rgba(await page.screenshot({ clip: { x: 100, y: 100, width: 200, height: 200 } }));
    // The clip starts at CSS (100, 100): image pixel (150, 150).
    for (const [x, y] of [[0, 0], [1, 0], [33, 77], [120, 5], [299, 299]] as const) expect(pixelAt(shot, x, y).slice(0, 3)).toEqual(stripes(150 + x, 150 + y));
    // Near the right edge too (clear of the toolbar), where a frame scaled to fit the rounded window would have drifted.
    const edge = await rgba(await page.screenshot({ clip: { x: 700, y: 300, width: 100, height: 100 } }));
    for (const [x, y] of [[140, 10], [141, 46], [146, 41], [147, 97]] as const) expect(pixelAt(edge, x, y).slice(0, 3)).toEqual(stripes(1050 + x, 450 + y));
    await page.keyboard.press('Escape');
    await harness.result();

    const again = await openOverlay(fine, ['--scale-factor', '1.5'], { width: 801, height: 601, deviceScaleFactor: 1.5 });
    await drag(again.page, [100, 100], [300, 200]);
    await again.page.keyboard.press('Enter');
    expect((await again.harness.result()).printed).toEqual({ x: 150, y: 150, width: 300, height: 150 });
    expect([...problems, ...again.problems]).toEqual([]);
  });

  it('arrow keys move the selection 1 px, Shift+arrows 10 px, and it stops at the frame edge', async () => {
    const { page, harness } = await openOverlay(desktop);
    await drag(page, [100, 80], [400, 300]);
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'Shift+ArrowLeft']) await page.keyboard.press(key);
    await expect.poll(() => sizeLabel(page)).toMatch(/300 × 220\s*93, 81/);
    for (let i = 0; i < 12; i++) await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => sizeLabel(page)).toMatch(/300 × 220\s*93, 0/);
    await page.keyboard.press('Enter');
    expect((await harness.result()).printed).toEqual({ x: 93, y: 0, width: 300, height: 220 });
  });

  it('Alt+arrows resize from the bottom-right corner (Shift: 10 px), never below 1 px', async () => {
    const { page, harness } = await openOverlay(desktop);
    await drag(page, [100, 80], [400, 300]);
    for (const key of ['Alt+ArrowRight', 'Alt+ArrowRight', 'Alt+Shift+ArrowDown', 'Alt+ArrowUp']) await page.keyboard.press(key);
    await expect.poll(() => sizeLabel(page)).toMatch(/302 × 229\s*100, 80/);
    await page.keyboard.press('Enter');
    expect((await harness.result()).printed).toEqual({ x: 100, y: 80, width: 302, height: 229 });
  });

  it('dragging a corner grip resizes the selection, dragging inside moves it, and a double-click confirms', async () => {
    const { page, harness } = await openOverlay(desktop);
    await drag(page, [100, 80], [400, 300]);
    await drag(page, [400, 300], [450, 320]);
    await expect.poll(() => sizeLabel(page)).toMatch(/350 × 240\s*100, 80/);
    await drag(page, [200, 200], [220, 190]);
    await expect.poll(() => sizeLabel(page)).toMatch(/350 × 240\s*120, 70/);
    await page.mouse.dblclick(250, 200);
    expect(await harness.result()).toEqual({ printed: { x: 120, y: 70, width: 350, height: 240 }, code: 0 });
  });

  it('hovering a window highlights it with its title; a click without a drag takes its bounds, cut to the frame', async () => {
    const windowsFile = join(dir, 'windows.json');
    await writeFile(
      windowsFile,
      JSON.stringify([
        { id: '2', title: 'Terminal', app: 'xterm', x: 300, y: 200, width: 460, height: 360 },
        { id: '1', title: 'Files', app: 'nautilus', x: 60, y: 40, width: 400, height: 300 },
        { id: '3', title: 'Off the edge', app: 'gimp', x: -50, y: 500, width: 200, height: 300 },
      ]),
    );
    const { page, harness } = await openOverlay(desktop, ['--windows', windowsFile]);
    // Where the two overlap, the topmost (listed first) wins.
    await page.mouse.move(350, 250);
    await expect.poll(() => sizeLabel(page)).toMatch(/Terminal\s*460 × 360\s*300, 200/);
    await page.mouse.move(100, 100);
    await expect.poll(() => sizeLabel(page)).toMatch(/Files\s*400 × 300\s*60, 40/);
    await page.mouse.move(20, 550);
    await expect.poll(() => sizeLabel(page)).toMatch(/Off the edge\s*150 × 100\s*0, 500/);
    await page.mouse.click(20, 550);
    await page.keyboard.press('Enter');
    expect((await harness.result()).printed).toEqual({ x: 0, y: 500, width: 150, height: 100 });
  });

  it('a double-click on a window takes and confirms it', async () => {
    const windowsFile = join(dir, 'one-window.json');
    await writeFile(windowsFile, JSON.stringify([{ id: '1', title: 'Files', app: 'nautilus', x: 60, y: 40, width: 400, height: 300 }]));
    const { page, harness } = await openOverlay(desktop, ['--windows', windowsFile]);
    await page.mouse.dblclick(100, 100);
    expect((await harness.result()).printed).toEqual({ x: 60, y: 40, width: 400, height: 300 });
  });

  it('R reuses the last region, and the toolbar button does the same', async () => {
    const { page, harness } = await openOverlay(desktop, ['--last-region', '50,60,200,100']);
    await page.keyboard.press('r');
    await expect.poll(() => sizeLabel(page)).toMatch(/200 × 100\s*50, 60/);
    await page.keyboard.press('Enter');
    expect((await harness.result()).printed).toEqual({ x: 50, y: 60, width: 200, height: 100 });

    const again = await openOverlay(desktop, ['--last-region', '700,500,300,300']);
    // A last region that reaches past this frame is cut to it.
    await again.page.getByRole('button', { name: /Last region/ }).click();
    await again.page.getByRole('button', { name: /Capture/ }).click();
    expect((await again.harness.result()).printed).toEqual({ x: 700, y: 500, width: 100, height: 100 });
  });

  it('without a last region, its button is disabled and R says so instead of selecting', async () => {
    const { page } = await openOverlay(desktop);
    expect(await page.getByRole('button', { name: /Last region/ }).isDisabled()).toBe(true);
    await page.keyboard.press('r');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/no last region/);
    expect(await page.getByTestId('size-label').isVisible()).toBe(false);
  });

  it('Esc cancels, even after selecting', async () => {
    const { page, harness } = await openOverlay(desktop);
    await drag(page, [100, 80], [400, 300]);
    await page.keyboard.press('Escape');
    expect(await harness.result()).toEqual({ printed: { cancelled: true }, code: 0 });
  });

  it('a right-click cancels', async () => {
    const { page, harness } = await openOverlay(desktop);
    await page.mouse.click(300, 300, { button: 'right' });
    expect(await harness.result()).toEqual({ printed: { cancelled: true }, code: 0 });
  });

  it('kept ready: the loaded page waits for a capture, then draws the frame and says so, and only then is it shown', async () => {
    const overlay = await startOverlayHarness({ image: flat, port: 0, rendererDir: join(process.cwd(), 'dist/renderer'), logger: silentLogger, keptReady: true });
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
    try {
      let painted = false;
      void overlay.keptReady.painted().then(() => (painted = true));
      await page.goto(overlay.url);
      await overlay.keptReady.pageWaiting();
      await new Promise((r) => setTimeout(r, 300));
      // No frame yet: nothing drawn, nothing reported.
      expect(painted).toBe(false);
      expect(await page.locator('#overlay').getAttribute('data-ready')).toBeNull();
      overlay.keptReady.capture();
      await overlay.keptReady.painted();
      // By the time main hears "painted", the frame is on the canvas.
      const drawn = await page.evaluate(() => {
        const canvas = document.getElementById('overlay-frame') as HTMLCanvasElement;
        const at = (x: number) => [...canvas.getContext('2d')!.getImageData(x, 300, 1, 1).data];
        return { width: canvas.width, left: at(10), right: at(790) };
      });
      expect(drawn).toEqual({ width: WIDTH, left: [0x33, 0x66, 0xcc, 255], right: [0xe0, 0x40, 0x20, 255] });
    } finally {
      await page.close();
      await overlay.close();
    }
  });

  it('shows the frame exactly as captured inside the selection, and dimmed everywhere else', async () => {
    // Full HD and not flat: Chromium gives such a canvas a layer of its own, which must stay under the mask.
    const gradient = (x: number, y: number) => [x % 256, y % 256, 128];
    const wide = join(dir, 'gradient-wide.png');
    await fromRaw(paint(1920, 1080, gradient), 1920, 1080).png().toFile(wide);
    const { page } = await openOverlay(wide, [], { width: 1920, height: 1080, deviceScaleFactor: 1 });
    const pixel = async (x: number, y: number) => pixelAt(await rgba(await page.screenshot()), x, y).slice(0, 3);
    // The blue channel is 128 everywhere in the image; dimmed, it is about half that.
    const isDimmed = async (x: number, y: number) => {
      const blue = (await pixel(x, y))[2]!;
      return blue > 128 * 0.3 && blue < 128 * 0.7;
    };
    expect(await isDimmed(150, 150)).toBe(true);
    await drag(page, [100, 100], [300, 300]);
    await page.mouse.move(700, 500);
    await expect.poll(() => pixel(150, 150)).toEqual(gradient(150, 150));
    for (const [x, y] of [[50, 150], [150, 50], [350, 150], [150, 350], [1900, 1060]] as const) expect(await isDimmed(x, y)).toBe(true);
  });

  it('the magnifier shows the colour and position of the pixel under the pointer, enlarged', async () => {
    const { page } = await openOverlay(flat);
    const magnifier = page.getByTestId('magnifier');
    const centre = () =>
      page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('.magnifier-pixels')!;
        const [r, g, b] = canvas.getContext('2d')!.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
        return [r, g, b];
      });
    await page.mouse.move(200, 150);
    await expect.poll(() => magnifier.innerText()).toMatch(/#3366CC\s*200, 150/);
    expect(await centre()).toEqual([0x33, 0x66, 0xcc]);
    await page.mouse.move(401, 20);
    await expect.poll(() => magnifier.innerText()).toMatch(/#E04020\s*401, 20/);
    expect(await centre()).toEqual([0xe0, 0x40, 0x20]);
  });

  it('works by keyboard alone: labelled for screen readers, arrows start a centred selection, Tab reaches every button', async () => {
    const { page, harness } = await openOverlay(desktop);
    const overlay = page.getByRole('application', { name: 'Select a region of the screen' });
    expect(await overlay.getAttribute('aria-describedby')).toBe('overlay-help');
    expect(await page.locator('#overlay-help').innerText()).toMatch(/Arrow keys move the selection/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Selected 400 × 300 at 200, 150/);
    await page.keyboard.press('Alt+ArrowLeft');
    // Tab cycles through the toolbar's enabled buttons (no last region here), each named with its key.
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      names.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-keyshortcuts') + ' ' + document.activeElement?.textContent?.trim()));
    }
    expect(names.slice(0, 3)).toEqual(['A Whole screen A', 'Enter Capture Enter', 'Escape Cancel Esc']);
    // Shift+Tab back to Capture; Enter on a focused button presses that button.
    while (!(await page.evaluate(() => document.activeElement?.textContent?.includes('Capture')))) await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect((await harness.result()).printed).toEqual({ x: 200, y: 150, width: 399, height: 300 });
  });
});
