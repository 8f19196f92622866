import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { WebSocket as NodeWebSocket } from 'ws';
import { channelNames } from '../../shared/ipc/contract.js';
import { shotputBin } from '../support/bin.js';
import { launchChromium, startHarnessProcess, type HarnessProcess } from '../support/harness-process.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let browser: Browser;
let harness: HarnessProcess;
let profile: string;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-e2e-'));
  [browser, harness] = await Promise.all([launchChromium(), startHarnessProcess(profile)]);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

async function openApp(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ colorScheme });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  // The profile has no uploader set up; these tests are about the shell, past the first-run step (window.e2e.ts tests that).
  await page.addInitScript(() => localStorage.setItem('shotput.firstRunDone', '1'));
  await page.goto(harness.url);
  await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
  (page as Page & { problems: string[] }).problems = problems;
  return page;
}

describe('renderer shell through the harness', () => {
  it('reaches all four views by keyboard alone, each with an empty state that says what will appear', async () => {
    const page = await openApp();
    const expected: Array<[string, RegExp]> = [
      ['History', /Every image you upload appears here/],
      ['Albums', /Albums from your Imgur account/],
      ['Queue', /Uploads show up here with their progress/],
      ['Settings', /Uploads at the same time/],
    ];
    for (const [name, text] of expected) {
      // Tab from the top of the page until the navigation button has focus, then press Enter.
      await page.locator('body').focus();
      let focused = '';
      for (let i = 0; i < 10 && focused !== name; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      }
      expect(focused).toBe(name);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
      await expect.poll(() => page.locator('main').textContent()).toMatch(text);
      expect(await page.getByRole('button', { name }).getAttribute('aria-current')).toBe('page');
    }
    await page.keyboard.press('Control+1');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('History');
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
    await page.close();
  });

  it('gives every control an accessible name', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Uploads at the same time').waitFor();
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, textarea, a[href]')]
        .filter((el) => {
          const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
          return !labelled && !(el.textContent ?? '').trim();
        })
        .map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);
    await page.close();
  });

  it('saves a setting changed in the Settings view where `shotput config get` reads it', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: 'Settings' }).click();
    const field = page.getByLabel('Uploads at the same time');
    await field.fill('5');
    await field.press('Enter');
    // Uploader sections have status lines of their own ("Test connection"); this is the save status.
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^Saved: / }).textContent()).toBe('Saved: Uploads at the same time');
    expect(shotputBin(profile, 'config', 'get', 'queue.concurrency')).toMatchObject({ code: 0, stdout: '5\n' });

    await page.getByLabel('Link format').selectOption({ label: 'Markdown' });
    await expect.poll(() => shotputBin(profile, 'config', 'get', 'afterUpload.linkFormat').stdout).toBe('markdown\n');

    await page.getByLabel('2. Show a notification (click opens the link)').uncheck();
    await expect.poll(() => shotputBin(profile, 'config', 'get', 'afterUpload.notify').stdout).toBe('false\n');
    await page.close();
  });

  it('records a hotkey by pressing the keys (no typing), and Backspace clears it', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: 'Settings' }).click();
    const field = page.getByLabel('Capture a region');
    await field.focus();
    await field.press('Control+Alt+KeyR');
    await expect.poll(() => shotputBin(profile, 'config', 'get', 'hotkeys.capture.region').stdout).toBe('Control+Alt+R\n');
    expect(await field.inputValue()).toBe('Control+Alt+R');
    await field.focus();
    await field.press('Backspace');
    await expect.poll(() => shotputBin(profile, 'config', 'get', 'hotkeys.capture.region').stdout).toBe('\n');
    await page.close();
  });

  it('follows the OS dark theme', async () => {
    const light = await openApp('light');
    const dark = await openApp('dark');
    const background = (p: Page) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background(light)).toBe('rgb(246, 247, 249)');
    expect(await background(dark)).toBe('rgb(27, 29, 33)');
    // The Theme setting overrides the system, and "Follow the system" gives it back.
    await light.getByRole('button', { name: 'Settings' }).click();
    await light.getByLabel('Theme').selectOption({ label: 'Dark' });
    await expect.poll(() => background(light)).toBe('rgb(27, 29, 33)');
    await light.getByLabel('Theme').selectOption({ label: 'Follow the system' });
    await expect.poll(() => background(light)).toBe('rgb(246, 247, 249)');
    await light.close();
    await dark.close();
  });

  it('answers malformed payloads on every channel with {ok:false} and a validation message, and keeps serving', async () => {
    const page = await openApp();
    const results = await page.evaluate(async (names) => {
      const ws = new WebSocket(`ws://${location.host}/ipc`);
      await new Promise((r) => ws.addEventListener('open', r, { once: true }));
      const replies = new Map<number, unknown>();
      ws.addEventListener('message', (m) => {
        const data = JSON.parse(String(m.data));
        if (data.type === 'result') replies.set(data.id, data.result);
      });
      const frames: Array<[number, string]> = [];
      let id = 1;
      for (const channel of names) {
        frames.push([id++, JSON.stringify({ type: 'invoke', id: id - 1, channel, payload: 'not an object' })]);
        frames.push([id++, JSON.stringify({ type: 'invoke', id: id - 1, channel, payload: { key: ['x'], value: { deep: true }, extra: 1 } })]);
      }
      frames.push([id++, JSON.stringify({ type: 'invoke', id: id - 1, channel: 'shell.openExternal', payload: { url: 'file:///' } })]);
      for (const [, frame] of frames) ws.send(frame);
      ws.send('{ this is not json');
      const last = id;
      ws.send(JSON.stringify({ type: 'invoke', id: last, channel: 'app.info', payload: {} }));
      while (!replies.has(last)) await new Promise((r) => setTimeout(r, 20));
      return { replies: Object.fromEntries(replies), last };
    }, channelNames);
    type Reply = { ok: boolean; error?: { code: string; message: string } };
    const replies = results.replies as Record<string, Reply>;
    for (let id = 1; id <= channelNames.length * 2; id++) {
      expect(replies[id]?.ok).toBe(false);
      expect(replies[id]?.error?.code).toBe('invalid_payload');
      expect(replies[id]?.error?.message).toMatch(/^Invalid payload for [A-Za-z.]+: /);
    }
    expect(replies[channelNames.length * 2 + 1]).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(replies[0]).toMatchObject({ ok: false, error: { code: 'invalid_message', message: 'The message is not JSON.' } });
    expect(results.replies[results.last]).toMatchObject({ ok: true, value: { name: 'Shotput', host: 'harness' } });
    // The UI still works over its own connection.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Uploads at the same time').waitFor();
    await page.close();
  });

  it('refuses a WebSocket from any other origin, like main refuses untrusted frames', async () => {
    const status = await new Promise<number | string>((resolve) => {
      const ws = new NodeWebSocket(`${harness.url.replace('http', 'ws')}ipc`, { headers: { Origin: 'http://evil.example' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve('opened'));
      ws.on('error', (e) => resolve(e.message));
    });
    expect(status).toBe(403);
  });
});

/** A GET with the path sent exactly as written (fetch would normalise dot segments first). */
function rawGet(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the harness serving files', () => {
  it('answers traversal with 403 and malformed percent-encoding with 400, and keeps serving', async () => {
    expect(await rawGet(harness.url, '/%E0%A4%A')).toBe(400);
    expect(await rawGet(harness.url, '/..%2f..%2f..%2fetc%2fpasswd')).toBe(403);
    // The URL parser already resolves %2e%2e segments against the root: this asks for <renderer>/etc/passwd.
    expect(await rawGet(harness.url, '/%2e%2e/%2e%2e/etc/passwd')).toBe(404);
    expect(await rawGet(harness.url, '/thumbs/..%2F..%2Fsecrets.json')).toBe(403);
    expect(await rawGet(harness.url, '/')).toBe(200);
  });
});

describe('harness lifecycle', () => {
  it('exits cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shotput-e2e-'));
    const own = await startHarnessProcess(dir);
    expect(own.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await own.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});
