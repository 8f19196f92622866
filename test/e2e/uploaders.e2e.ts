import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { startChevereto, type CheveretoStandIn } from '../servers/chevereto.js';
import { startImgur, type ImgurStandIn } from '../servers/imgur.js';
import { cli } from '../support/cli.js';
import { launchChromium, startHarnessProcess, type HarnessProcess } from '../support/harness-process.js';
import { freePort } from '../unit/uploaders/imgur-setup.js';

const IMGE_KEY = 'chv_e2e_key';
const CLIENT_ID = 'e2eclient';
const CLIENT_SECRET = 'e2esecret';

let browser: Browser;
let harness: HarnessProcess;
let profile: string;
let imge: CheveretoStandIn;
let imgur: ImgurStandIn;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-e2e-uploaders-'));
  const callbackPort = await freePort();
  [imge, imgur] = await Promise.all([
    startChevereto({ name: 'imge', keys: { [IMGE_KEY]: {} } }),
    startImgur({ clients: { [CLIENT_ID]: { secret: CLIENT_SECRET, callback: `http://127.0.0.1:${callbackPort}/imgur/callback` } }, account: 'ada' }),
  ]);
  for (const [key, value] of [
    ['uploaders.imge.baseUrl', imge.url],
    ['uploaders.imge.apiKey', IMGE_KEY],
    ['uploaders.imgur.baseUrl', imgur.url],
    ['uploaders.imgur.clientId', CLIENT_ID],
    ['uploaders.imgur.clientSecret', CLIENT_SECRET],
    ['uploaders.imgur.callbackPort', String(callbackPort)],
  ]) {
    expect((await cli(profile, 'config', 'set', key!, value!)).code).toBe(0);
  }
  [browser, harness] = await Promise.all([launchChromium(), startHarnessProcess(profile)]);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  await Promise.all([imge?.close(), imgur?.close()]);
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

async function openSettings(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'IM.GE' }).waitFor();
  return page;
}

/** dist/cli.js as a user runs it, without blocking this process (the stand-ins live here). */
function shotput(home: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/cli.js', ...args], { env: { ...process.env, SHOTPUT_HOME: home } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const section = (page: Page, name: string): Locator => page.getByRole('group', { name, exact: true });

describe('uploaders in the Settings view', () => {
  it('tests the IM.GE connection and says why a wrong key is refused', async () => {
    const page = await openSettings();
    const imgeSection = section(page, 'IM.GE');
    await imgeSection.getByRole('button', { name: 'Test connection to IM.GE' }).click();
    await expect.poll(() => imgeSection.getByRole('status', { name: 'IM.GE connection' }).textContent()).toBe(`IM.GE accepted the API key (${new URL(imge.url).host}).`);
    expect(imge.last()).toMatchObject({ path: '/api/1/upload', headers: { 'x-api-key': IMGE_KEY }, fields: { key: IMGE_KEY, format: 'json' } });

    const key = imgeSection.getByRole('textbox', { name: 'API key' });
    await key.fill('chv_wrong');
    await key.press('Enter');
    await imgeSection.getByRole('button', { name: 'Test connection to IM.GE' }).click();
    await expect
      .poll(() => imgeSection.getByRole('status', { name: 'IM.GE connection' }).textContent())
      .toBe('IM.GE rejected the API key (code 100: Invalid API key.). Check it in Settings → IM.GE.');
    await key.fill(IMGE_KEY);
    await key.press('Enter');
    await expect.poll(() => imgeSection.getByRole('button', { name: 'Remove API key' }).count()).toBe(1);
    // Tokens the app keeps for itself are not form fields.
    expect(await section(page, 'Imgur').getByLabel('Access token').count()).toBe(0);
    await page.close();
  });
});

describe('Imgur account and albums', () => {
  it('connects the account in the browser, manages its albums, and disconnects', async () => {
    const page = await openSettings();
    const imgurSection = section(page, 'Imgur');
    await expect.poll(() => imgurSection.getByRole('status', { name: 'Imgur account status' }).textContent()).toMatch(/No Imgur account connected/);
    await imgurSection.getByRole('button', { name: 'Connect account' }).click();
    await expect.poll(() => imgurSection.getByRole('status', { name: 'Imgur account status' }).textContent()).toMatch(/Waiting for you to allow Shotput/);
    const authorizeUrl = await imgurSection.locator('.authorize-url').textContent();
    expect(authorizeUrl).toMatch(new RegExp(`^${imgur.url}/oauth2/authorize\\?client_id=${CLIENT_ID}&response_type=token&state=[0-9a-f]{32}$`));

    // The user's browser: Imgur (the stand-in) sends it to Shotput's callback page, whose script
    // hands the token fragment to Shotput.
    const consent = await browser.newPage();
    await consent.goto(authorizeUrl!);
    await expect.poll(() => consent.getByRole('status').textContent()).toBe('Shotput is connected to Imgur as ada. You can close this tab.');
    expect(new URL(consent.url()).hash).toBe('');
    await consent.close();
    await expect.poll(() => imgurSection.getByRole('status', { name: 'Imgur account status' }).textContent()).toMatch(/^Connected as ada: uploads go to your account\./);

    // An upload to the account, from the command line on the same profile.
    const file = join(profile, 'shot.png');
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#c33' } }).png().toFile(file);
    const upload = await shotput(profile, 'upload', file, '--uploader', 'imgur', '--json');
    expect(upload.code, upload.stderr).toBe(0);
    const link = (JSON.parse(upload.stdout) as { url: string }).url;
    const imageId = link.split('/').pop()!.replace(/\.png$/, '');
    expect(imgur.images.get(imageId)?.owner).toBe('ada');

    // Forgotten here (as on a new computer), it comes back with the account's other images.
    const historyId = (JSON.parse(upload.stdout) as { historyId: string }).historyId;
    expect((await shotput(profile, 'delete', historyId, '--local')).code).toBe(0);
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Import from Imgur' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Messages' }).textContent()).toContain('Imported 1 image from Imgur.');
    const imported = page.getByRole('listbox', { name: 'Uploads' }).getByRole('option').filter({ hasText: 'shot.png' });
    expect(await imported.textContent()).toContain('Imgur · ');
    expect(await imported.textContent()).toContain('imported');
    expect(await imported.textContent()).toContain(link);

    await page.getByRole('button', { name: 'Albums' }).click();
    await page.getByRole('form', { name: 'Create an album' }).waitFor();
    await page.getByLabel('New album').fill('Holiday');
    await page.getByLabel('Privacy').selectOption({ label: 'Secret (only you)' });
    await page.getByRole('button', { name: 'Create album' }).click();
    const albums = page.getByRole('list', { name: 'Albums' });
    await albums.getByRole('listitem', { name: 'Holiday' }).waitFor();
    expect(await albums.getByRole('listitem', { name: 'Holiday' }).textContent()).toContain('0 images · secret');

    await page.getByRole('button', { name: 'Show images of Holiday' }).click();
    await page.getByRole('heading', { name: 'Images in “Holiday”' }).waitFor();
    await page.getByLabel('Add images').fill(link);
    await page.getByRole('button', { name: 'Add to album' }).click();
    // The gallery names an image by its file name when history knows it (the import above).
    await page.getByRole('list', { name: 'Images in Holiday' }).getByRole('listitem', { name: 'shot.png' }).waitFor();
    await expect.poll(() => albums.getByRole('listitem', { name: 'Holiday' }).textContent()).toContain('1 image · secret');

    await page.getByRole('button', { name: 'Remove shot.png from Holiday' }).click();
    await expect.poll(() => page.getByText('This album is empty.').count()).toBe(1);

    await page.getByRole('button', { name: 'Delete album Holiday' }).click();
    await page.getByRole('button', { name: 'Delete album', exact: true }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Albums status' }).textContent()).toMatch(/^Deleted the album “Holiday”/);
    expect([...imgur.albums.values()].map((a) => a.title)).toEqual([]);

    // Every control on these views has a name.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select')].filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label') && !(el.textContent ?? '').trim()).map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);

    await page.getByRole('button', { name: 'Settings' }).click();
    await section(page, 'Imgur').getByRole('button', { name: 'Disconnect account' }).click();
    await expect.poll(() => section(page, 'Imgur').getByRole('status', { name: 'Imgur account status' }).textContent()).toMatch(/No Imgur account connected/);
    await page.getByRole('button', { name: 'Albums' }).click();
    await page.getByText('Connect an Imgur account in Settings to see them.').waitFor();
    await page.close();
  });
});
