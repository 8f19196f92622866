import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChevereto, type CheveretoStandIn } from '../servers/chevereto.js';
import { startImgur, type ImgurStandIn } from '../servers/imgur.js';
import { axeViolations } from '../support/axe.js';
import { configure, imgurAccountSettings } from '../support/settings.js';
import { launchChromium, startHarnessProcess, type HarnessProcess } from '../support/harness-process.js';
import { writeNoisePng } from '../support/images.js';
import { dropFiles } from '../support/window.js';

const KEY = 'chv_options_standin_key';
const CLIENT_ID = 'options_client_7a1c';
// Made up per run for the stand-in: no credential is written in the repository.
const CLIENT_SECRET = `standin-${randomUUID()}`;
let imge: CheveretoStandIn;
let imgur: ImgurStandIn;
let browser: Browser;
let harness: HarnessProcess;
let profile: string;
let files: string;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-options-'));
  files = mkdtempSync(join(tmpdir(), 'shotput-options-files-'));
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: { albums: ['alb1', 'alb2'] } } });
  imgur = await startImgur({ clients: { [CLIENT_ID]: { secret: CLIENT_SECRET } }, account: 'ada' });
  imgur.addAlbum('Holiday');
  // ImgBB is the default uploader; IM.GE is set up with a default album, chosen per upload in the dialog.
  await configure(profile, [
    ['defaultUploader', 'imgbb'],
    ['uploaders.imge.baseUrl', imge.url],
    ['uploaders.imge.apiKey', KEY],
    ['uploaders.imge.albumId', 'alb1'],
    // An Imgur account connected before, with an album.
    ...imgurAccountSettings(imgur, CLIENT_ID, CLIENT_SECRET),
    ['afterUpload.notify', 'false'],
  ]);
  [browser, harness] = await Promise.all([launchChromium(), startHarnessProcess(profile)]);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  await imge?.close();
  await imgur?.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  rmSync(files, { recursive: true, force: true });
});

async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1100, height: 720 } });
  const page = await context.newPage();
  await page.goto(harness.url);
  await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
  return page;
}

async function png(name: string): Promise<string> {
  const path = join(files, name);
  await writeNoisePng(path, 24, 16);
  return path;
}

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Upload with options' });

describe('Upload with options… in the window', () => {
  it('sends the uploader, album, title, description, expiration and NSFW chosen in the dialog, and History shows them', async () => {
    const path = await png('options.png');
    const page = await open();
    await page.getByRole('button', { name: 'Queue' }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Upload with options…' }).click()]);
    await chooser.setFiles(path);
    const dialog = dialogOf(page);
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('options.png');

    // Defaults come from Settings: the default uploader, then the chosen uploader's album.
    const uploader = dialog.getByLabel('Uploader');
    expect(await uploader.inputValue()).toBe('imgbb');
    await uploader.selectOption({ label: 'IM.GE' });
    const album = dialog.getByLabel('Album');
    expect(await album.inputValue()).toBe('alb1');
    await album.fill('alb2');
    await dialog.getByLabel('Title').fill('Quarterly chart');
    await dialog.getByLabel('Description').fill('Taken for the report');
    await dialog.getByLabel('Delete after').selectOption({ label: '1 week' });
    await dialog.getByLabel('Not safe for work (NSFW)').check();
    expect(await axeViolations(page)).toEqual([]);

    const before = imge.uploads.length;
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => imge.uploads.length).toBe(before + 1);
    expect(imge.uploads.at(-1)).toMatchObject({ title: 'Quarterly chart', description: 'Taken for the report', album: 'alb2', expiration: 'P1W', nsfw: true });
    await expect.poll(() => dialog.count()).toBe(0);

    await page.getByRole('list', { name: 'Finished uploads' }).getByRole('listitem', { name: 'options.png' }).waitFor();
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('option', { name: 'options.png' }).click();
    const details = page.getByRole('complementary', { name: 'Details' });
    await expect.poll(() => details.textContent()).toContain('Quarterly chart');
    const text = await details.textContent();
    expect(text).toContain('alb2');
    expect(text).toContain('Taken for the report');
    expect(text).toContain('Marked NSFW');
    expect(text).toContain('Expires');
    await page.context().close();
  });

  it('opens the dialog on Shift+drop; Escape cancels without uploading anything', async () => {
    const path = await png('shifted.png');
    const page = await open('dark');
    const before = imge.log.length;
    await dropFiles(page, [{ name: 'shifted.png', path, type: 'image/png' }], { shiftKey: true });
    const dialog = dialogOf(page);
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('shifted.png');
    // Keyboard first: focus is in the dialog, and every control is named (axe, dark theme).
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Uploads in the queue' }).count()).toBe(0);
    expect(imge.log.length).toBe(before);
    await page.context().close();
  });

  it('explains an expiration the chosen host does not offer, keeps the choices, and uploads once corrected', async () => {
    const path = await png('expiring.png');
    const page = await open();
    await dropFiles(page, [{ name: 'expiring.png', path, type: 'image/png' }], { shiftKey: true });
    const dialog = dialogOf(page);
    await dialog.getByLabel('Uploader').selectOption({ label: 'IM.GE' });
    await dialog.getByLabel('Title').fill('Kept title');
    await dialog.getByLabel('Delete after').selectOption({ label: '1 year' });
    // Imgur keeps images until deleted: the choice carried over is marked, and the core refuses it with the reason.
    await dialog.getByLabel('Uploader').selectOption({ label: 'Imgur' });
    expect(await dialog.getByLabel('Delete after').inputValue()).toBe('1y');
    expect(await dialog.textContent()).toContain('Imgur does not offer this expiration');
    const before = imge.log.length;
    await dialog.getByRole('button', { name: 'Upload' }).click();
    const alert = dialog.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Imgur keeps images until they are deleted');
    expect(await alert.textContent()).toContain('Choose Never');
    expect(imge.log.length).toBe(before);
    expect(await dialog.getByLabel('Title').inputValue()).toBe('Kept title');

    await dialog.getByLabel('Uploader').selectOption({ label: 'IM.GE' });
    const uploads = imge.uploads.length;
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => imge.uploads.length).toBe(uploads + 1);
    expect(imge.uploads.at(-1)).toMatchObject({ title: 'Kept title', expiration: 'P1Y' });
    await page.context().close();
  });

  it("offers the Imgur account's albums by name and puts the upload in the one chosen", async () => {
    const path = await png('to-album.png');
    const holiday = [...imgur.albums.values()].find((a) => a.title === 'Holiday')!;
    const page = await open();
    await dropFiles(page, [{ name: 'to-album.png', path, type: 'image/png' }], { shiftKey: true });
    const dialog = dialogOf(page);
    await dialog.getByLabel('Uploader').selectOption({ label: 'Imgur' });
    const album = dialog.getByRole('combobox', { name: 'Album' });
    await album.waitFor();
    await album.selectOption({ label: 'Holiday' });
    await dialog.getByLabel('Title').fill('Beach');
    await dialog.getByRole('button', { name: 'Upload' }).click();
    const uploaded = () => [...imgur.images.values()].find((i) => i.name === 'to-album.png');
    await expect.poll(() => uploaded()?.title).toBe('Beach');
    expect(imgur.albums.get(holiday.id)!.images).toContain(uploaded()!.id);
    await page.context().close();
  });
});
