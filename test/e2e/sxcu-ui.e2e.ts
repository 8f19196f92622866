import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJsonHost, type SxcuHost } from '../servers/sxcu-hosts.js';
import { runShotput } from '../support/bin.js';
import { launchChromium, startHarnessProcess, type HarnessProcess } from '../support/harness-process.js';
import { writeNoisePng } from '../support/images.js';
import { dropFiles } from '../support/window.js';

const TOKEN = 'tok_ui_5e4d3c2b1a09';
let host: SxcuHost;
let browser: Browser;
let harness: HarnessProcess;
let profile: string;
let files: string;
let sxcuPath: string;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-sxcu-ui-'));
  files = mkdtempSync(join(tmpdir(), 'shotput-sxcu-ui-files-'));
  host = await startJsonHost(TOKEN);
  sxcuPath = join(files, 'JSON host.sxcu');
  writeFileSync(
    sxcuPath,
    JSON.stringify(
      {
        Version: '17.0.0',
        Name: 'JSON host',
        DestinationType: 'ImageUploader, FileUploader',
        RequestMethod: 'POST',
        RequestURL: `${host.url}/api/upload`,
        Headers: { Authorization: `Bearer ${TOKEN}` },
        Body: 'MultipartFormData',
        Arguments: { album: '{inputbox:Album|inbox}' },
        FileFormName: 'file',
        URL: '{json:files[0].url}',
      },
      null,
      2,
    ),
  );
  [browser, harness] = await Promise.all([launchChromium(), startHarnessProcess(profile)]);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  await host?.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  rmSync(files, { recursive: true, force: true });
});

async function open(url = harness.url): Promise<Page> {
  const page = await browser.newPage();
  // These tests set up their own uploaders: past the first-run step.
  await page.addInitScript(() => localStorage.setItem('shotput.firstRunDone', '1'));
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
  return page;
}

const customStatus = (page: Page) => page.getByRole('region', { name: 'Custom uploaders (ShareX .sxcu)' }).getByRole('status');

describe('custom uploaders in the window', () => {
  it('imports with the file picker, then exports without keys and removes', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Settings' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import .sxcu file…' }).click();
    await (await chooser).setFiles(sxcuPath);
    await expect.poll(() => customStatus(page).textContent()).toBe('Imported JSON host as custom:json-host: an image uploader and file uploader.');
    await page.getByRole('listitem', { name: 'JSON host' }).waitFor();
    // Its key is a secret setting: shown as set, never as text.
    await page.getByRole('group', { name: 'JSON host' }).waitFor();
    expect(await page.content()).not.toContain(TOKEN);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON host' }).click();
    const saved = await (await download).path();
    const exported = JSON.parse(readFileSync(saved, 'utf8')) as Record<string, any>;
    expect(exported).toMatchObject({ Name: 'JSON host', Headers: { Authorization: '<your Authorization>' }, FileFormName: 'file' });
    await expect.poll(() => customStatus(page).textContent()).toContain('Exported JSON host.sxcu. Keys are left out (Headers.Authorization)');

    await page.getByRole('button', { name: 'Remove JSON host' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => customStatus(page).textContent()).toBe('Removed JSON host and its keys.');
    await page.getByText('No custom uploaders yet.').waitFor();
    await page.close();
  });

  it('imports a .sxcu dropped on the window, offers to replace one of the same name, and asks its question before an upload', async () => {
    const page = await open();
    await dropFiles(page, [{ name: 'JSON host.sxcu', path: sxcuPath, type: '' }]);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    await page.getByRole('listitem', { name: 'JSON host' }).waitFor();

    await dropFiles(page, [{ name: 'JSON host.sxcu', path: sxcuPath, type: '' }]);
    await page.getByRole('alert').getByText('A custom uploader named "JSON host" is already imported as custom:json-host.').waitFor();
    await page.getByRole('button', { name: 'Replace it' }).click();
    await expect.poll(() => customStatus(page).textContent()).toBe('Replaced JSON host as custom:json-host: an image uploader and file uploader.');

    const broken = join(files, 'broken.sxcu');
    writeFileSync(broken, readFileSync(sxcuPath, 'utf8').replace('{json:files[0].url}', '{jsn:files[0].url}'));
    await dropFiles(page, [{ name: 'broken.sxcu', path: broken, type: '' }]);
    await expect
      .poll(() => page.getByRole('region', { name: 'Custom uploaders (ShareX .sxcu)' }).getByRole('alert').textContent())
      .toMatch(/^broken\.sxcu, line 15, URL: \{jsn\} at character 1 is not a ShareX function .* Nothing was imported\.$/);

    await page.getByLabel('Default uploader').selectOption('custom:json-host');
    const image = join(files, 'asked.png');
    await writeNoisePng(image, 16, 16);
    await dropFiles(page, [{ name: 'asked.png', path: image, type: 'image/png' }]);
    const dialog = page.getByRole('dialog', { name: 'Before this upload' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Album').inputValue()).toBe('inbox');
    await dialog.getByLabel('Album').fill('Cats');
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => host.uploads.length).toBe(1);
    expect(host.uploads[0]).toMatchObject({ fields: { album: 'Cats' }, file: { filename: 'asked.png' } });
    await page.close();
  });
});

describe('a .sxcu file opened with Shotput', () => {
  it('is imported only after the user confirms', async () => {
    const other = mkdtempSync(join(tmpdir(), 'shotput-sxcu-open-'));
    const opened = await startHarnessProcess(other, [sxcuPath]);
    try {
      const page = await open(opened.url);
      const dialog = page.getByRole('dialog', { name: 'Import this custom uploader?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('JSON host.sxcu adds JSON host, an image uploader and file uploader, as custom:json-host.');
      expect(await dialog.textContent()).toContain('Kept as secrets: Headers.Authorization.');
      expect((await runShotput(other, 'custom-uploaders', '--json')).stdout).toBe('[]\n');
      await dialog.getByRole('button', { name: 'Import' }).click();
      await expect.poll(async () => JSON.parse((await runShotput(other, 'custom-uploaders', '--json')).stdout).length).toBe(1);
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('listitem', { name: 'JSON host' }).waitFor();
      await page.close();
    } finally {
      await opened.stop();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
