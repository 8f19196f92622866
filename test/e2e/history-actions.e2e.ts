import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImgur, type ImgurStandIn } from '../servers/imgur.js';
import { axeViolations } from '../support/axe.js';
import { runShotput } from '../support/bin.js';
import { configure, imgurAccountSettings } from '../support/settings.js';
import { launchChromium, startHarnessProcess, type HarnessProcess } from '../support/harness-process.js';
import { writeNoisePng } from '../support/images.js';

const CLIENT_ID = 'history_actions_client';
// Made up per run for the stand-in: no credential is written in the repository.
const CLIENT_SECRET = `standin-${randomUUID()}`;
let imgur: ImgurStandIn;
let browser: Browser;
let harness: HarnessProcess;
let profile: string;
let files: string;
const path = (name: string) => join(files, name);

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-history-actions-'));
  files = mkdtempSync(join(tmpdir(), 'shotput-history-actions-files-'));
  imgur = await startImgur({ clients: { [CLIENT_ID]: { secret: CLIENT_SECRET } }, account: 'ada' });
  imgur.addAlbum('Holiday');
  imgur.addAlbum('Work');
  await configure(profile, [['defaultUploader', 'imgur'], ...imgurAccountSettings(imgur, CLIENT_ID, CLIENT_SECRET), ['afterUpload.notify', 'false']]);
  // Uploaded from files, as `shotput upload` does: history knows where each came from.
  for (const [i, name] of ['kept.png', 'moved.png', 'third.png'].entries()) {
    await writeNoisePng(path(name), 120 + i, 90);
    const run = await runShotput(profile, 'upload', path(name), '--json');
    expect(run.code, run.stderr).toBe(0);
  }
  rmSync(path('moved.png'));
  [browser, harness] = await Promise.all([launchChromium(), startHarnessProcess(profile)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  await imgur?.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  rmSync(files, { recursive: true, force: true });
});

async function open(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: { width: 1100, height: 720 } });
  const page = await context.newPage();
  page.on('close', () => void context.close());
  await page.goto(harness.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

const uploads = (page: Page) => page.getByRole('listbox', { name: 'Uploads' });
const details = (page: Page) => page.getByRole('complementary', { name: 'Details' });
const toasts = (page: Page) => page.getByRole('region', { name: 'Messages' });
/** What the harness's desktop was asked to open or show, in order. */
const desktopLines = () =>
  harness
    .output()
    .split('\n')
    .filter((line) => line.startsWith('Desktop: '));

describe('an upload made from a file, in History', () => {
  it('opens its file and shows it in its folder, from the details panel and the keyboard, and says when the file is gone', async () => {
    const page = await open();
    await uploads(page)
      .getByRole('option', { name: /kept\.png/ })
      .click();
    await details(page).getByRole('heading', { name: 'kept.png' }).waitFor();

    await details(page).getByRole('button', { name: 'Open file' }).click();
    await expect.poll(desktopLines).toEqual([`Desktop: open file ${path('kept.png')}`]);
    await details(page).getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(desktopLines).toEqual([`Desktop: open file ${path('kept.png')}`, `Desktop: show in folder ${path('kept.png')}`]);

    // From the list: Ctrl+O opens the focused upload's file, Ctrl+Shift+O shows it.
    await uploads(page).focus();
    await page.keyboard.press('Control+o');
    await page.keyboard.press('Control+Shift+O');
    await expect.poll(() => desktopLines().slice(2)).toEqual([`Desktop: open file ${path('kept.png')}`, `Desktop: show in folder ${path('kept.png')}`]);

    // The row's menu, by right-click and by Shift+F10 from the list.
    await uploads(page).getByRole('option', { name: /kept\.png/ }).click({ button: 'right' });
    await page.getByRole('menu', { name: 'Actions for kept.png' }).getByRole('menuitem', { name: 'Show in folder' }).click();
    await expect.poll(() => desktopLines().slice(4)).toEqual([`Desktop: show in folder ${path('kept.png')}`]);
    await uploads(page).focus();
    await page.keyboard.press('Shift+F10');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Open file');
    await page.keyboard.press('Enter');
    await expect.poll(() => desktopLines().slice(5)).toEqual([`Desktop: open file ${path('kept.png')}`]);
    expect(await page.getByRole('menu').count()).toBe(0);

    // Moved away after the upload: both disabled, with the reason.
    await uploads(page)
      .getByRole('option', { name: /moved\.png/ })
      .click();
    await details(page).getByRole('heading', { name: 'moved.png' }).waitFor();
    await expect.poll(() => details(page).getByRole('button', { name: 'Open file' }).isDisabled()).toBe(true);
    expect(await details(page).getByRole('button', { name: 'Show in folder' }).isDisabled()).toBe(true);
    expect(await details(page).getByRole('button', { name: 'Open file' }).getAttribute('aria-describedby')).toBeTruthy();
    expect(await details(page).textContent()).toContain(`${path('moved.png')} was moved or deleted`);
    // The keyboard way is refused with the reason, and nothing is opened.
    await uploads(page).focus();
    await page.keyboard.press('Control+o');
    await expect.poll(() => toasts(page).getByRole('alert').last().textContent()).toContain('is no longer there');
    expect(desktopLines()).toHaveLength(6);

    // axe with the row's menu open, in both themes.
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu', { name: 'Actions for moved.png' }).waitFor();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.close();
  });
});

describe('albums in the sidebar', () => {
  it('adds a dragged selection of uploads to the album it is dropped on, and explains a refusal from the host', async () => {
    const page = await open();
    const holiday = [...imgur.albums.values()].find((a) => a.title === 'Holiday')!;
    const albums = page.getByRole('list', { name: 'Albums' });
    await albums.getByRole('button', { name: 'Holiday' }).waitFor();

    await uploads(page)
      .getByRole('option', { name: /kept\.png/ })
      .click();
    await uploads(page)
      .getByRole('option', { name: /third\.png/ })
      .click({ modifiers: ['Control'] });
    await expect.poll(() => uploads(page).locator('[aria-selected="true"]').count()).toBe(2);
    await uploads(page)
      .getByRole('option', { name: /third\.png/ })
      .dragTo(albums.getByRole('button', { name: 'Holiday' }));
    await expect.poll(() => toasts(page).textContent()).toContain('Added 2 uploads to “Holiday”.');
    const byName = (name: string) => [...imgur.images.values()].find((i) => i.name === name)!.id;
    expect([...holiday.images].sort()).toEqual([byName('kept.png'), byName('third.png')].sort());
    expect(await axeViolations(page)).toEqual([]);

    // An unselected row drags alone; the host refuses, and the message says so where the eye is.
    const work = [...imgur.albums.values()].find((a) => a.title === 'Work')!;
    imgur.inject({ kind: 'status', status: 500 }, { times: 5 });
    await uploads(page)
      .getByRole('option', { name: /moved\.png/ })
      .dragTo(albums.getByRole('button', { name: 'Work' }));
    await expect
      .poll(() => toasts(page).getByRole('alert').last().textContent(), { timeout: 20_000 })
      .toContain('Not added to “Work”: Imgur had a problem on its side');
    expect(work.images).toEqual([]);
    imgur.clearFaults();

    // Choosing the album opens it as a gallery.
    await albums.getByRole('button', { name: 'Holiday' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Albums');
    await expect.poll(() => page.getByRole('list', { name: 'Images in Holiday' }).getByRole('listitem').count()).toBe(2);
    await page.close();
  });
});
