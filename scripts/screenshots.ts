/**
 * `npm run screenshots`: the README's pictures of the real renderer, through the harness in
 * Debian's Chromium, on a throwaway profile filled by real uploads to a local IM.GE stand-in.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { openNodeCore } from '../electron/core/node-core.js';
import { startChevereto } from '../test/servers/chevereto.js';
import { startHarness } from '../test/harness/harness.js';
import { CHROMIUM_ARGS } from '../test/support/harness-process.js';
import { takeOverlayScreenshot } from './screenshot-overlay.js';

const KEY = 'chv_screenshot_key';
const out = (name: string) => join('docs/screenshots', name);

/** A small UI-like picture to upload: a title bar, panels and a line of text. */
function sample(title: string, hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400">
    <rect width="640" height="400" fill="hsl(${hue},30%,96%)"/>
    <rect width="640" height="36" fill="hsl(${hue},55%,45%)"/>
    <text x="16" y="24" font-family="sans-serif" font-size="16" fill="#fff">${title}</text>
    <rect x="16" y="56" width="180" height="320" rx="8" fill="hsl(${hue},25%,88%)"/>
    <rect x="212" y="56" width="412" height="150" rx="8" fill="hsl(${(hue + 40) % 360},60%,70%)"/>
    <rect x="212" y="222" width="412" height="154" rx="8" fill="#fff" stroke="hsl(${hue},20%,80%)"/>
    <text x="228" y="256" font-family="monospace" font-size="14" fill="#333">$ shotput upload ${title.toLowerCase()}.png</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

// `npm run screenshots -- overlay` retakes only the region overlay's picture.
if (process.argv.includes('overlay')) {
  await takeOverlayScreenshot(out('overlay.png'));
  process.exit(0);
}

const dir = await mkdtemp(join(tmpdir(), 'shotput-shots-'));
const imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} } });
const core = await openNodeCore({ profileDir: join(dir, 'profile'), host: 'harness' });
await core.settings.set('uploaders.imge.baseUrl', imge.url);
await core.settings.set('uploaders.imge.apiKey', KEY);
core.uploads.queue.start();
for (const [i, title] of ['Terminal', 'Dashboard', 'Diagram'].entries()) {
  const job = await core.uploads.addData(`${title.toLowerCase()}.png`, await sample(title, 200 + i * 50));
  await core.uploads.queue.waitFor(job.id);
}
// One upload that cannot go through, to show how the queue keeps it.
await core.settings.set('uploaders.imge.apiKey', 'chv_revoked_key');
const failed = await core.uploads.addData('release-notes.png', await sample('Release notes', 20));
await core.uploads.queue.waitFor(failed.id);

const rendererDir = join(dirname(fileURLToPath(import.meta.url)), 'renderer');
const harness = await startHarness({ core, port: 0, rendererDir });
// A second, empty profile: what a new user sees first.
const fresh = await openNodeCore({ profileDir: join(dir, 'fresh'), host: 'harness' });
const freshHarness = await startHarness({ core: fresh, port: 0, rendererDir });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 1180, height: 700 }, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(harness.url);
    const list = page.getByRole('listbox', { name: 'Uploads' });
    await list.getByRole('option', { name: 'terminal.png' }).waitFor();
    await page.screenshot({ path: out(`history-${scheme}.png`) });
    await list.getByRole('option', { name: 'dashboard.png' }).click();
    await page.getByRole('complementary', { name: 'Details' }).getByRole('heading', { name: 'dashboard.png' }).waitFor();
    await page.screenshot({ path: out(`details-${scheme}.png`) });
    await page.getByRole('button', { name: 'Grid' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: out(`history-grid-${scheme}.png`) });
    await page.getByRole('button', { name: 'Queue' }).click();
    await page.getByRole('listitem', { name: 'release-notes.png' }).waitFor();
    // One upload finishing while the window is open: it stays in the Queue with its link.
    await core.settings.set('uploaders.imge.apiKey', KEY);
    await core.uploads.addData(`notes-${scheme}.png`, await sample('Notes', 120));
    await page.getByRole('list', { name: 'Finished uploads' }).getByRole('listitem', { name: `notes-${scheme}.png` }).waitFor();
    await page.screenshot({ path: out(`queue-${scheme}.png`) });
    // "Upload with options…": one upload's uploader, album, title, expiration and NSFW.
    const picked = join(dir, 'diagram-v2.png');
    await writeFile(picked, await sample('Diagram v2', 280));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Upload with options…' }).click()]);
    await chooser.setFiles(picked);
    const options = page.getByRole('dialog', { name: 'Upload with options' });
    await options.getByLabel('Title').fill('Architecture, second draft');
    await options.getByLabel('Delete after').selectOption({ label: '1 month' });
    await page.screenshot({ path: out(`upload-options-${scheme}.png`) });
    await page.keyboard.press('Escape');
    await options.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Uploads at the same time').waitFor();
    await page.screenshot({ path: out(`settings-${scheme}.png`) });
    const first = await context.newPage();
    await first.goto(freshHarness.url);
    await first.getByRole('heading', { level: 1, name: 'Set up uploading' }).waitFor();
    await first.screenshot({ path: out(`first-run-${scheme}.png`) });
    await context.close();
  }
} finally {
  await browser.close();
  await freshHarness.close();
  await fresh.close();
  await harness.close();
  await core.close();
  await imge.close();
  await rm(dir, { recursive: true, force: true });
}
await takeOverlayScreenshot(out('overlay.png'));

await editorScreenshot();

/** The editor on a UI-like capture, with one mark of several tools, as a user leaves it before Done. */
async function editorScreenshot(): Promise<void> {
  const { drawScreenshot } = await import('../bench/fixtures/screenshot.js');
  const { startEditorHarness } = await import('../test/harness/editor.js');
  const work = await mkdtemp(join(tmpdir(), 'shotput-shots-editor-'));
  const shot = drawScreenshot(1280, 720, 7);
  const image = join(work, 'capture.png');
  await sharp(shot.data, { raw: { width: shot.width, height: shot.height, channels: 4 } }).png().toFile(image);
  const editor = await startEditorHarness({ imagePath: image, output: join(work, 'out.png'), rendererDir: join(dirname(fileURLToPath(import.meta.url)), 'renderer'), port: 0, upload: null });
  const shots = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await shots.newPage({ viewport: { width: 1320, height: 860 } });
    await page.goto(editor.url);
    await page.locator('body[data-ready="true"]').waitFor();
    const box = (await page.locator('.editor-canvas').boundingBox())!;
    const origin = { x: box.x + Math.round((Math.floor(box.width) - 1280) / 2), y: box.y + Math.round((Math.floor(box.height) - 720) / 2) };
    const drag = async (key: string, from: [number, number], to: [number, number]) => {
      await page.keyboard.press(key);
      await page.mouse.move(origin.x + from[0], origin.y + from[1]);
      await page.mouse.down();
      await page.mouse.move(origin.x + to[0], origin.y + to[1], { steps: 5 });
      await page.mouse.up();
    };
    const click = async (key: string, at: [number, number]) => {
      await page.keyboard.press(key);
      await page.mouse.click(origin.x + at[0], origin.y + at[1]);
    };
    await drag('r', [330, 120], [760, 330]);
    await drag('a', [900, 480], [780, 340]);
    await click('n', [350, 110]);
    await click('n', [560, 420]);
    await drag('d', [600, 560], [900, 600]);
    await drag('x', [40, 120], [250, 300]);
    await click('t', [910, 490]);
    await page.getByRole('textbox', { name: /Text to add/ }).fill('Click here first');
    await page.getByRole('textbox', { name: /Text to add/ }).press('Enter');
    await page.keyboard.press('a');
    await page.screenshot({ path: out('editor.png') });
  } finally {
    await shots.close();
    await editor.close();
    await rm(work, { recursive: true, force: true });
  }
}
