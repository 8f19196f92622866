import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChevereto, type CheveretoStandIn } from '../servers/chevereto.js';
import { runShotput } from '../support/bin.js';
import { launchChromium, startHarnessProcess, type HarnessProcess } from '../support/harness-process.js';
import { writeNoisePng } from '../support/images.js';
import { dropFiles } from '../support/window.js';

const KEY = 'chv_ui_standin_key';
let imge: CheveretoStandIn;
let browser: Browser;
let harness: HarnessProcess;
let profile: string;
let files: string;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-ui-'));
  files = mkdtempSync(join(tmpdir(), 'shotput-ui-files-'));
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} } });
  // The user configured IM.GE before opening the window (here with the CLI, same profile).
  expect((await runShotput(profile, 'config', 'set', 'uploaders.imge.baseUrl', imge.url)).code).toBe(0);
  expect((await runShotput(profile, 'config', 'set', 'uploaders.imge.apiKey', KEY)).code).toBe(0);
  [browser, harness] = await Promise.all([launchChromium(), startHarnessProcess(profile)]);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  await imge?.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  rmSync(files, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(harness.url);
  await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
  return page;
}

describe('uploading from the window', () => {
  it('uploads a dropped file, shows it in History, copies its link and deletes it from history', async () => {
    const path = join(files, 'dropped.png');
    await writeNoisePng(path, 40, 30);
    const page = await open();
    await dropFiles(page, [{ name: 'dropped.png', path, type: 'image/png' }]);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Queue');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('1 file queued.');
    await expect.poll(() => imge.uploads.length).toBe(1);
    expect(imge.last('/api/1/upload')!.files[0]).toMatchObject({ field: 'source', filename: 'dropped.png' });

    // The finished upload stays in the Queue with its link.
    const done = page.getByRole('list', { name: 'Finished uploads' }).getByRole('listitem', { name: 'dropped.png' });
    await expect.poll(() => done.textContent()).toContain(imge.uploads[0]!.url);
    await page.getByRole('button', { name: 'Copy link of dropped.png' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`Copied: ${imge.uploads[0]!.url}`);

    await page.getByRole('button', { name: 'History' }).click();
    const row = page.getByRole('option', { name: 'dropped.png' });
    await row.click();
    expect(await row.textContent()).toContain(imge.uploads[0]!.url);

    // IM.GE has no delete API: the user is told, and can remove it from history only.
    await page.getByRole('button', { name: 'Delete from host…' }).click();
    await page.getByRole('button', { name: 'Delete from host', exact: true }).click();
    const messages = page.getByRole('region', { name: 'Messages' });
    await expect.poll(() => messages.textContent()).toContain('has no API to delete uploads');
    await messages.getByRole('button', { name: 'Remove from history only' }).click();
    await expect.poll(() => page.getByText('No uploads yet').count()).toBe(1);
    await page.close();
  });

  it('keeps a failed upload in the queue with its error until the user retries it', async () => {
    const path = join(files, 'flaky.png');
    await writeNoisePng(path, 10, 10);
    imge.inject({ kind: 'rate-limit' });
    const page = await open();
    await page.getByRole('button', { name: 'Queue' }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Add files…' }).click()]);
    await chooser.setFiles(path);
    const row = page.getByRole('listitem', { name: 'flaky.png' });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Rate limit reached');
    expect(await row.textContent()).toContain('Will retry');
    await page.getByRole('button', { name: 'Retry flaky.png' }).click();
    await page.getByRole('list', { name: 'Finished uploads' }).getByRole('listitem', { name: 'flaky.png' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('option', { name: 'flaky.png' }).waitFor();
    await page.close();
  });

  it('refuses a file the uploader cannot take, before anything is sent', async () => {
    const path = join(files, 'notes.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, 'not an image');
    const before = imge.log.length;
    const page = await open();
    await dropFiles(page, [{ name: 'notes.txt', path, type: 'text/plain' }]);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('notes.txt is not an image, and IM.GE accepts only images');
    expect(imge.log.length).toBe(before);
    await page.close();
  });
});
