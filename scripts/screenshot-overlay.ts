/**
 * The README's picture of the region overlay: the real page in Chromium through the overlay
 * harness, on a desktop drawn in code (wallpaper, a browser-like window, a terminal), with a
 * region being adjusted and the magnifier under the pointer.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { drawScreenshot } from '../bench/fixtures/screenshot.js';
import { silentLogger } from '../electron/core/logger.js';
import { startOverlayHarness } from '../test/harness/overlay.js';
import { launchChromium } from '../test/support/harness-process.js';

const WIDTH = 1600;
const HEIGHT = 900;
const browserWindow = { x: 70, y: 70, width: 1040, height: 660 };
const terminal = { x: 900, y: 430, width: 620, height: 380 };
const TITLE = 32;

const svg = (width: number, height: number, body: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`);

function wallpaper(): Buffer {
  return svg(
    WIDTH,
    HEIGHT,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1d4e6b"/><stop offset="1" stop-color="#5b2c6f"/></linearGradient></defs>
     <rect width="100%" height="100%" fill="url(#g)"/>
     <circle cx="1350" cy="180" r="260" fill="#ffffff" opacity="0.06"/><circle cx="260" cy="820" r="340" fill="#ffffff" opacity="0.05"/>
     <rect width="100%" height="28" fill="#15171a"/>
     <text x="800" y="19" font-family="sans-serif" font-size="13" fill="#e8e8e8" text-anchor="middle">Wed 14:32</text>
     <text x="14" y="19" font-family="sans-serif" font-size="13" fill="#e8e8e8">Activities</text>`,
  );
}

function titleBar(width: number, title: string, dark: boolean): Buffer {
  return svg(
    width,
    TITLE,
    `<rect width="100%" height="100%" rx="8" fill="${dark ? '#2b2d31' : '#e9eaec'}"/><rect y="16" width="100%" height="16" fill="${dark ? '#2b2d31' : '#e9eaec'}"/>
     <text x="${width / 2}" y="21" font-family="sans-serif" font-size="13" font-weight="bold" fill="${dark ? '#ddd' : '#333'}" text-anchor="middle">${title}</text>
     <circle cx="${width - 18}" cy="16" r="6" fill="#e5534b"/><circle cx="${width - 38}" cy="16" r="6" fill="#c9a227"/><circle cx="${width - 58}" cy="16" r="6" fill="#57ab5a"/>`,
  );
}

function terminalBody(): Buffer {
  const lines = [
    ['#8fd18f', '$ shotput capture --list'],
    ['#ddd', 'source: node-screenshots (X11)'],
    ['#ddd', 'display 0  1600×900 at 0,0  scale 1  primary'],
    ['#8fd18f', '$ shotput upload release-notes.png --link markdown'],
    ['#7fb4ff', '![release-notes.png](https://i.example.com/a1B2c3.png)'],
    ['#8fd18f', '$ ▍'],
  ];
  return svg(
    terminal.width,
    terminal.height - TITLE,
    `<rect width="100%" height="100%" fill="#1e1f22"/>${lines
      .map(([colour, text], i) => `<text x="16" y="${30 + i * 24}" font-family="monospace" font-size="14" fill="${colour}">${text}</text>`)
      .join('')}`,
  );
}

async function desktopImage(path: string): Promise<void> {
  const page = drawScreenshot(browserWindow.width, browserWindow.height - TITLE, 3);
  const content = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 4 } }).png().toBuffer();
  await sharp(wallpaper())
    .composite([
      { input: titleBar(browserWindow.width, 'Release notes — Browser', false), left: browserWindow.x, top: browserWindow.y },
      { input: content, left: browserWindow.x, top: browserWindow.y + TITLE },
      { input: titleBar(terminal.width, 'Terminal', true), left: terminal.x, top: terminal.y },
      { input: terminalBody(), left: terminal.x, top: terminal.y + TITLE },
    ])
    .png()
    .toFile(path);
}

export async function takeOverlayScreenshot(output: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'shotput-overlay-shot-'));
  const image = join(dir, 'desktop.png');
  const windowsFile = join(dir, 'windows.json');
  await desktopImage(image);
  await writeFile(
    windowsFile,
    JSON.stringify([
      { id: '2', title: 'Terminal', app: 'gnome-terminal', ...terminal },
      { id: '1', title: 'Release notes — Browser', app: 'firefox', ...browserWindow },
    ]),
  );
  const overlay = await startOverlayHarness({
    image,
    windowsFile,
    port: 0,
    rendererDir: join(dirname(fileURLToPath(import.meta.url)), 'renderer'),
    logger: silentLogger,
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
    await page.goto(overlay.url);
    await page.locator('#overlay[data-ready="true"]').waitFor();
    await page.mouse.move(520, 250);
    await page.mouse.down();
    await page.mouse.move(1060, 560, { steps: 8 });
    await page.mouse.up();
    await page.mouse.move(1040, 330);
    await page.getByTestId('magnifier').waitFor();
    await page.waitForTimeout(100);
    await page.screenshot({ path: output });
  } finally {
    await browser.close();
    await overlay.close();
    await rm(dir, { recursive: true, force: true });
  }
}
