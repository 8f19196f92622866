/**
 * The editor's ways in on the BUILT main process (running on the electron double): a region
 * capture with "Open in the editor" on opens the editor window; its page, driven in Chromium with
 * the window's preload bridge standing in (calls go to the app's ipcMain handlers for that
 * window, pages and the image come from the app's app:// handler), redacts and presses Enter; the
 * stand-in host receives the edited pixels. Esc (discard) cancels the upload.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR_CHANNELS } from '../../shared/ipc/editor-channels.js';
import { displayPattern, type DisplayConfig } from '../electron-double/electron.js';
import type { WindowSnapshot } from '../electron-double/control.js';
import { startChevereto, type CheveretoStandIn } from '../servers/chevereto.js';
import { shotputBin } from '../support/bin.js';
import { buildElectronDouble, showOverlays, startMainOnDouble, type RunningMain } from '../support/electron-main.js';
import { launchChromium } from '../support/harness-process.js';

const KEY = 'chv_editor_double_key';
const DISPLAYS: DisplayConfig[] = [{ id: 11, bounds: { x: 0, y: 0, width: 1280, height: 720 }, scaleFactor: 1 }];
const REGION = { x: 100, y: 50, width: 300, height: 200 };
const PAGE_ORIGIN = 'http://shotput.test';

let imge: CheveretoStandIn;
let profile: string;
let app: RunningMain;
let browser: Browser;

type Result = { ok: true; value: any } | { ok: false; error: { code: string; message: string } };
const invoke = (windowId: number, channel: string, payload: unknown = {}) => app.send('invoke', windowId, channel, payload) as Promise<Result>;
const isEditor = (w: WindowSnapshot) => w.url === 'app://shotput/editor.html' && !w.destroyed;

/** The display's known picture as RGB, pixel (x, y) on the virtual screen. */
const screen = (() => {
  const bgra = displayPattern(0, 1280, 720);
  return (x: number, y: number) => {
    const i = (y * 1280 + x) * 4;
    return [bgra[i + 2]!, bgra[i + 1]!, bgra[i]!];
  };
})();

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--renderer-if-missing'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('The build failed');
  await buildElectronDouble();
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} } });
  profile = mkdtempSync(join(tmpdir(), 'shotput-editor-double-'));
  for (const [key, value] of [
    ['uploaders.imge.baseUrl', imge.url],
    ['uploaders.imge.apiKey', KEY],
    ['capture.source', 'desktop-capturer'],
    ['afterCapture.openEditor', 'true'],
  ]) {
    const run = shotputBin(profile, 'config', 'set', key!, value!);
    if (run.code !== 0) throw new Error(`config set ${key}: ${run.stderr}`);
  }
  app = startMainOnDouble({ profileDir: profile, displays: DISPLAYS });
  await app.waitFor((s) => s.tray?.menu.length, 'the tray menu');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await imge?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Captures REGION through the overlay and answers the editor window that opens on it. */
async function captureIntoEditor(): Promise<WindowSnapshot> {
  await app.send('pressHotkey', 'Control+PrintScreen');
  const [overlay] = await showOverlays(app, 1);
  expect(await invoke(overlay!.webContentsId, 'overlay.confirm', REGION)).toEqual({ ok: true, value: null });
  return app.waitFor((s) => s.windows.find(isEditor), 'the editor window');
}

/**
 * The editor page in Chromium as the editor window would show it: its files and image from the
 * app's protocol handler, and `window.shotputEditor` (what the preload exposes) invoking the app's
 * ipcMain handlers as that window. Bytes cross as base64 here; Electron clones them.
 */
async function openPage(editor: WindowSnapshot): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  await context.route(`${PAGE_ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const response = await app.send('appResponse', `app://shotput${path}`);
    await route.fulfill({ status: response.status, headers: response.headers, body: Buffer.from(response.base64, 'base64') });
  });
  await context.exposeFunction('shotputDoubleInvoke', async (channel: string, payload: unknown) => {
    const decode = (value: unknown): unknown =>
      value && typeof value === 'object' && '__bytes' in value
        ? new Uint8Array(Buffer.from((value as { __bytes: string }).__bytes, 'base64'))
        : value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]))
          : value;
    return app.send('invoke', editor.webContentsId, channel, decode(payload), 'app://shotput/editor.html');
  });
  await context.addInitScript(() => {
    const toBase64 = (bytes: Uint8Array) => {
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    };
    const encode = (value: unknown): unknown =>
      ArrayBuffer.isView(value)
        ? { __bytes: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) }
        : value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]))
          : value;
    const call = (window as unknown as { shotputDoubleInvoke(c: string, p: unknown): Promise<unknown> }).shotputDoubleInvoke;
    (window as unknown as { shotputEditor: unknown }).shotputEditor = { invoke: (channel: string, payload: unknown) => call(channel, encode(payload)) };
  });
  const page = await context.newPage();
  await page.goto(`${PAGE_ORIGIN}/editor.html`);
  await page.locator('body[data-ready="true"]').waitFor();
  return page;
}

describe('the editor window on the built main process', () => {
  it('is a sandboxed window with the editor preload, offered in the tray, and talks only its own contract', async () => {
    const snap = await app.snapshot();
    expect(snap.ipcChannels).toEqual(expect.arrayContaining([...EDITOR_CHANNELS]));
    expect(snap.tray!.menu.map((i) => i.label)).toContain('Open image in editor…');
    const main = snap.windows.find((w) => w.url === 'app://shotput/index.html')!;
    expect(await invoke(main.webContentsId, 'editor.init')).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('region capture → editor → redact → Enter: the host receives the edited image', async () => {
    const editor = await captureIntoEditor();
    expect(editor.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webviewTag: false });
    expect(editor.options.webPreferences.preload).toMatch(/dist\/electron\/preload-editor\.cjs$/);
    expect(await invoke(editor.webContentsId, 'settings.get')).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    // Nothing is uploaded while the editor is open.
    expect(imge.uploads).toHaveLength(0);

    const page = await openPage(editor);
    const canvas = (await page.locator('.editor-canvas').boundingBox())!;
    const at = (x: number, y: number) => ({
      x: canvas.x + Math.round((Math.floor(canvas.width) - REGION.width) / 2) + x,
      y: canvas.y + Math.round((Math.floor(canvas.height) - REGION.height) / 2) + y,
    });
    await page.keyboard.press('d');
    const from = at(20, 30);
    const to = at(121, 101);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.press('Enter');

    await app.waitFor((s) => !s.windows.some(isEditor), 'the editor window to close');
    await expect.poll(() => imge.uploads[0]?.file?.bytes, { timeout: 20_000 }).toBeTruthy();
    const sent = await sharp(imge.uploads[0]!.file!.bytes!).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([sent.info.width, sent.info.height]).toEqual([REGION.width, REGION.height]);
    const px = (x: number, y: number) => [...sent.data.subarray((y * REGION.width + x) * 3, (y * REGION.width + x) * 3 + 3)];
    for (let y = 30; y <= 100; y += 5) for (let x = 20; x <= 120; x += 5) expect(px(x, y), `redacted ${x},${y}`).toEqual([0, 0, 0]);
    // Outside the redaction, the captured pixels, unchanged.
    for (const [x, y] of [[5, 5], [200, 150], [299, 199], [130, 110]] as const) expect(px(x, y), `kept ${x},${y}`).toEqual(screen(REGION.x + x, REGION.y + y));
    await page.context().close();
  });

  it('Esc (discard) in the editor cancels the tasks after it: nothing is uploaded', async () => {
    const editor = await captureIntoEditor();
    expect(await invoke(editor.webContentsId, 'editor.discard')).toEqual({ ok: true, value: null });
    await app.waitFor((s) => !s.windows.some(isEditor), 'the editor window to close');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(imge.uploads).toHaveLength(1);
  });

  it('closing the editor window discards the edit the same way', async () => {
    const editor = await captureIntoEditor();
    await app.send('closeWindow', editor.webContentsId);
    await app.waitFor((s) => !s.windows.some(isEditor), 'the editor window to close');
    // The next capture works: the first did not stay busy waiting for the closed editor.
    const next = await captureIntoEditor();
    await invoke(next.webContentsId, 'editor.discard');
    await app.waitFor((s) => !s.windows.some(isEditor), 'the second editor window to close');
    expect(imge.uploads).toHaveLength(1);
  });
});
