/**
 * How fast the region overlay page opens on a 3840×2160 frame: from navigation to the frozen
 * frame painted (`overlay-ready`), split into the init call, fetching the raw RGBA bytes and
 * painting, in Debian's Chromium through the harness. Two displays: 4K at 100 % (a 3840×2160
 * window) and 4K at 200 % (1920×1080 CSS pixels at device scale 2). This is the page's part of
 * the 300 ms hotkey-to-overlay budget; capture and window creation come on top of it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startOverlayHarness } from '../../test/harness/overlay.js';
import { launchChromium } from '../../test/support/harness-process.js';
import { silentLogger } from '../../electron/core/logger.js';
import { drawScreenshot } from '../fixtures/screenshot.js';
import { median, ms, printTable } from '../measure.js';
import type { BenchSuite } from './suite.js';

const RUNS = 7;
const PAGE_BUDGET_MS = 300;
const WIDTH = 3840;
const HEIGHT = 2160;

export const overlaySuite: BenchSuite = {
  name: 'overlay',
  description: `region overlay page, navigation to frame painted, ${WIDTH}×${HEIGHT} frame, median of ${RUNS}`,
  async run() {
    const root = join(import.meta.dirname, '..');
    const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--renderer-if-missing'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('Building the renderer failed; see above.');

    const dir = await mkdtemp(join(tmpdir(), 'shotput-bench-overlay-'));
    const screen = drawScreenshot(WIDTH, HEIGHT);
    const image = join(dir, 'screen.png');
    await sharp(screen.data, { raw: { width: WIDTH, height: HEIGHT, channels: 4 } }).png({ compressionLevel: 1 }).toFile(image);
    const overlay = await startOverlayHarness({ image, port: 0, rendererDir: join(import.meta.dirname, 'renderer'), logger: silentLogger });
    const browser = await launchChromium();
    const rows: string[][] = [];
    let withinBudget = true;
    try {
      for (const display of [
        { name: '4K at 100 %', width: WIDTH, height: HEIGHT, deviceScaleFactor: 1 },
        { name: '4K at 200 %', width: WIDTH / 2, height: HEIGHT / 2, deviceScaleFactor: 2 },
      ]) {
        const page = await browser.newPage({ viewport: { width: display.width, height: display.height }, deviceScaleFactor: display.deviceScaleFactor });
        const samples: Record<'init' | 'frame' | 'ready' | 'wall', number[]> = { init: [], frame: [], ready: [], wall: [] };
        for (let run = 0; run < RUNS + 1; run++) {
          const start = performance.now();
          await page.goto(overlay.url);
          await page.locator('#overlay[data-ready="true"]').waitFor();
          const wall = performance.now() - start;
          const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
          if (run === 0) continue; // the first load warms Chromium's caches
          samples.init.push(marks['overlay-init']!);
          samples.frame.push(marks['overlay-frame-loaded']! - marks['overlay-init']!);
          samples.ready.push(marks['overlay-ready']!);
          samples.wall.push(wall);
        }
        await page.close();
        const ready = median(samples.ready);
        withinBudget &&= ready <= PAGE_BUDGET_MS;
        rows.push([display.name, ms(median(samples.init)), ms(median(samples.frame)), ms(ready - median(samples.init) - median(samples.frame)), ms(ready), ms(median(samples.wall))]);
      }
    } finally {
      await browser.close();
      await overlay.close();
      await rm(dir, { recursive: true, force: true });
    }
    printTable(['display', 'page + init', 'fetch 33 MB RGBA', 'paint', 'navigation → ready', 'goto → ready (Node)'], rows);
    console.log(`\nTarget: ready within ${PAGE_BUDGET_MS} ms (the whole hotkey-to-overlay budget): ${withinBudget ? 'met' : 'MISSED'}.`);
    return withinBudget;
  },
};
