/**
 * The BUILT Electron main process (dist/electron/main.js), started in plain Node with 'electron'
 * resolved to the typed double in test/electron-double, and driven like a user and the OS would:
 * hotkeys, tray clicks, IPC from its windows. What this proves and what only a real desktop run
 * proves is written in the README ("Electron without Electron").
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { channelNames } from '../../shared/ipc/contract.js';
import { overlayChannelNames } from '../../shared/ipc/overlay-channels.js';
import { displayPattern, type DisplayConfig } from '../electron-double/electron.js';
import { startChevereto, type CheveretoStandIn } from '../servers/chevereto.js';
import { runShotput, shotputBin } from '../support/bin.js';
import { buildElectronDouble, isOverlayWindow, isShownOverlay, showOverlays, startMainOnDouble, type RunningMain } from '../support/electron-main.js';

const KEY = 'chv_double_standin_key';
/** Two displays of different scale: 1280×720 DIP at 1×, and 960×540 DIP at 2× (1920×1080 physical) to its right. */
const DISPLAYS: DisplayConfig[] = [
  { id: 11, bounds: { x: 0, y: 0, width: 1280, height: 720 }, scaleFactor: 1 },
  { id: 22, bounds: { x: 1280, y: 0, width: 960, height: 540 }, scaleFactor: 2 },
];

let imge: CheveretoStandIn;
let profile: string;
let saved: string;
let app: RunningMain;

const mainWindow = async () => (await app.snapshot()).windows.find((w) => w.url === 'app://shotput/index.html')!;
type Result = { ok: true; value: any } | { ok: false; error: { code: string; message: string } };
const invoke = (windowId: number, channel: string, payload: unknown = {}) => app.send('invoke', windowId, channel, payload) as Promise<Result>;

/** Display `index`'s known picture as RGBA (the double hands it out as BGRA, like Chromium). */
function expectedRgba(index: number, width: number, height: number): Buffer {
  const bgra = displayPattern(index, width, height);
  for (let i = 0; i < bgra.length; i += 4) [bgra[i], bgra[i + 2]] = [bgra[i + 2]!, bgra[i]!];
  return bgra;
}

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--renderer-if-missing'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('The build failed');
  await buildElectronDouble();
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} } });
  profile = mkdtempSync(join(tmpdir(), 'shotput-double-'));
  saved = mkdtempSync(join(tmpdir(), 'shotput-saved-'));
  for (const [key, value] of [
    ['uploaders.imge.baseUrl', imge.url],
    ['uploaders.imge.apiKey', KEY],
    // The double's desktopCapturer hands out known pictures; on a real desktop 'auto' picks node-screenshots or the portal.
    ['capture.source', 'desktop-capturer'],
    ['afterCapture.save', 'true'],
    ['afterCapture.folder', saved],
    ['afterCapture.fileNamePattern', 'shot_%i_%width-%height'],
  ]) {
    const run = shotputBin(profile, 'config', 'set', key!, value!);
    if (run.code !== 0) throw new Error(`config set ${key}: ${run.stderr}`);
  }
  // Another application holds PrtSc: its registration must fail loudly, the others must work.
  app = startMainOnDouble({ profileDir: profile, displays: DISPLAYS, takenAccelerators: ['PrintScreen'], packageLog: join(saved, '..', `${basename(saved)}-packages.log`) });
  await app.waitFor((s) => s.tray?.menu.length, 'the tray menu');
});

afterAll(async () => {
  await app?.stop();
  await imge?.close();
  for (const dir of [profile, saved]) if (dir) rmSync(dir, { recursive: true, force: true });
  if (saved) rmSync(join(saved, '..', `${basename(saved)}-packages.log`), { force: true });
});

describe('the built main process on the electron double', () => {
  it('creates its window with context isolation and sandbox on, Node off, and serves pages with the CSP', async () => {
    const window = await mainWindow();
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false });
    expect(window.options.webPreferences.preload).toMatch(/dist\/electron\/preload\.cjs$/);
    const page = await app.send('appFetch', 'app://shotput/index.html');
    expect(page.csp).toBe(CONTENT_SECURITY_POLICY);
    expect((await app.send('appFetch', 'app://shotput/../../etc/passwd')).status).not.toBe(200);
    expect((await app.snapshot()).privilegedSchemes).toEqual(['app']);
  });

  it('has a handler for every channel of the main and overlay contracts', async () => {
    const { ipcChannels } = await app.snapshot();
    expect(ipcChannels).toEqual(expect.arrayContaining([...channelNames, ...overlayChannelNames]));
  });

  it('refuses navigation away from the app, new windows and every permission', async () => {
    const { webContentsId } = await mainWindow();
    expect(await app.send('navigate', webContentsId, 'https://example.com/')).toBe(true);
    expect(await app.send('navigate', webContentsId, 'app://shotput/index.html')).toBe(false);
    expect(await app.send('windowOpen', webContentsId, 'https://example.com/help')).toBe('deny');
    expect(await app.send('windowOpen', webContentsId, 'file:///etc/passwd')).toBe('deny');
    await app.waitFor((s) => s.opened.includes('https://example.com/help'), 'the https link to open in the browser');
    expect((await app.snapshot()).opened).not.toContain('file:///etc/passwd');
    expect(await app.send('permission', webContentsId, 'media')).toEqual({ requested: false, checked: false });
  });

  it('registers the hotkeys from settings and names a taken one in Settings and in one notification', async () => {
    const snap = await app.snapshot();
    expect(snap.shortcuts).toEqual(expect.arrayContaining(['Control+PrintScreen', 'Alt+PrintScreen', 'Control+Alt+PrintScreen', 'Control+Alt+V']));
    expect(snap.shortcuts).not.toContain('PrintScreen');
    const failures = snap.notifications.filter((n) => /hotkey/i.test(n.title));
    expect(failures).toHaveLength(1);
    expect(failures[0]!.body).toContain('Capture the full screen (PrintScreen)');
    const status = await invoke((await mainWindow()).webContentsId, 'hotkeys.status');
    expect(status.ok).toBe(true);
    const screen = (status as { value: Array<{ action: string; state: string; reason?: string }> }).value.find((s) => s.action === 'capture.screen');
    expect(screen).toMatchObject({ state: 'failed' });
    expect(screen!.reason).toMatch(/taken by another application/);
  });

  it('re-registers a hotkey changed in Settings', async () => {
    const { webContentsId } = await mainWindow();
    const set = await invoke(webContentsId, 'settings.set', { key: 'hotkeys.capture.screen', value: 'Control+Alt+F' });
    expect(set.ok).toBe(true);
    await app.waitFor((s) => s.shortcuts.includes('Control+Alt+F'), 'the new full-screen hotkey');
    const status = await invoke(webContentsId, 'hotkeys.status');
    expect((status as { value: Array<{ action: string; state: string }> }).value.find((s) => s.action === 'capture.screen')!.state).toBe('registered');
  });

  it('keeps one hidden overlay window loaded per display, so a capture only has to send its frame', async () => {
    const ready = await app.waitFor((s) => {
      const kept = s.windows.filter(isOverlayWindow);
      return kept.length === 2 && kept;
    }, 'two overlay windows kept ready');
    expect(ready.every((w) => !w.visible)).toBe(true);
    expect(ready.map((w) => w.bounds)).toEqual(expect.arrayContaining(DISPLAYS.map((d) => d.bounds)));
    // Hidden, a page waits for a capture: its request for the frame is answered only then.
    let answered = false;
    void invoke(ready[0]!.webContentsId, 'overlay.init').then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(answered).toBe(false);
    expect(await invoke(ready[0]!.webContentsId, 'overlay.confirm', { x: 0, y: 0, width: 10, height: 10 })).toMatchObject({ ok: false, error: { code: 'overlay_closed' } });
  });

  it('loads the image encoder once started, before any capture, so the first capture does not wait for it', async () => {
    const log = join(saved, '..', `${basename(saved)}-packages.log`);
    const loaded = () => {
      try {
        return readFileSync(log, 'utf8').split('\n');
      } catch {
        return [];
      }
    };
    await expect.poll(loaded, { timeout: 15_000 }).toContain('sharp');
    expect(imge.uploads).toHaveLength(0);
  });

  it('opens one overlay per display on the region hotkey, confirms a region, and ends with the link on the clipboard', async () => {
    const ready = (await app.snapshot()).windows.filter(isOverlayWindow).map((w) => w.webContentsId);
    await app.send('pressHotkey', 'Control+PrintScreen');
    // A window shows once its page has drawn the frame, never before.
    await new Promise((r) => setTimeout(r, 300));
    expect((await app.snapshot()).windows.filter(isShownOverlay)).toHaveLength(0);
    const overlays = await showOverlays(app, 2);
    // The windows kept ready, not new ones.
    expect(overlays.map((w) => w.webContentsId).sort()).toEqual([...ready].sort());
    expect(overlays.map((w) => w.bounds)).toEqual(expect.arrayContaining(DISPLAYS.map((d) => d.bounds)));
    for (const w of overlays) {
      expect(w.options).toMatchObject({ frame: false, transparent: false });
      expect(w.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver' });
      expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(w.options.webPreferences.preload).toMatch(/dist\/electron\/preload-overlay\.cjs$/);
    }
    const onSecond = overlays.find((w) => w.bounds.x === 1280)!;
    // The overlay gets only its own contract; the main window's channels are refused to it, and the reverse.
    expect(await invoke(onSecond.webContentsId, 'settings.get')).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await invoke((await mainWindow()).webContentsId, 'overlay.init')).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });

    const init = await invoke(onSecond.webContentsId, 'overlay.init');
    expect(init).toMatchObject({ ok: true, value: { scaleFactor: 2, frame: { width: 1920, height: 1080, format: 'rgba' } } });
    const frameUrl = (init as { value: { frame: { url: string } } }).value.frame.url;
    const frame = await app.send('appFetch', frameUrl);
    expect(frame).toMatchObject({ status: 200, contentType: 'application/octet-stream', bytes: 1920 * 1080 * 4 });
    expect(frame.sha256).toBe(createHash('sha256').update(expectedRgba(1, 1920, 1080)).digest('hex'));

    expect(await invoke(onSecond.webContentsId, 'overlay.confirm', { x: 100, y: 50, width: 300, height: 200 })).toEqual({ ok: true, value: null });
    const link = await app.waitFor((s) => imge.uploads[0]?.url && s.clipboardText === imge.uploads[0].url && s.clipboardText, 'the link on the clipboard');
    expect(link).toMatch(new RegExp(`^${imge.url}/images/`));
    const after = await app.snapshot();
    expect(after.windows.filter(isShownOverlay)).toHaveLength(0);
    // Hidden again and reloaded (the frame gone from the page's memory), ready for the next capture.
    const kept = after.windows.filter(isOverlayWindow);
    expect(kept.map((w) => w.webContentsId).sort()).toEqual([...ready].sort());
    expect(kept.map((w) => w.reloads)).toEqual([1, 1]);
    expect((await app.send('appFetch', frameUrl)).status).toBe(404);
    expect(imge.uploads[0]!.file?.image).toMatchObject({ width: 300, height: 200 });

    // The crop came from the raw bitmap of display 2, at the confirmed place, pixel for pixel.
    const [file] = readdirSync(saved);
    expect(file).toBe('shot_1_300-200.png');
    const { data, info } = await sharp(join(saved, file!)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([300, 200]);
    const whole = expectedRgba(1, 1920, 1080);
    const wanted = Buffer.alloc(300 * 200 * 4);
    for (let row = 0; row < 200; row++) whole.copy(wanted, row * 1200, ((50 + row) * 1920 + 100) * 4, ((50 + row) * 1920 + 400) * 4);
    expect(data.equals(wanted)).toBe(true);
    // Saved and uploaded share one encode: the host got the saved file's very bytes.
    expect(imge.uploads[0]!.file?.sha256).toBe(createHash('sha256').update(readFileSync(join(saved, file!))).digest('hex'));
  });

  it('lists the upload in the tray; clicking it copies the link again', async () => {
    const recent = await app.waitFor((s) => s.tray!.menu.find((i) => i.label === 'Recent uploads')!.submenu!.find((i) => i.label === 'shot_1_300-200.png'), 'the upload in the tray');
    expect(recent.hasIcon).toBe(true);
    await app.send('setClipboard', { 'text/plain': { text: 'something else' } });
    await app.send('clickTray', ['Recent uploads', 'shot_1_300-200.png']);
    await app.waitFor((s) => s.clipboardText === imge.uploads[0]!.url, 'the link copied from the tray');
  });

  it('starts a region capture from the tray menu, and a cancel closes every overlay without uploading', async () => {
    await app.send('clickTray', ['Capture a region']);
    const overlays = await showOverlays(app, 2);
    expect(await invoke(overlays[0]!.webContentsId, 'overlay.cancel')).toEqual({ ok: true, value: null });
    await app.waitFor((s) => s.windows.filter(isShownOverlay).length === 0, 'the overlays to close');
    expect(imge.uploads).toHaveLength(1);
  });

  it('opens the overlay when `shotput capture` (no area) asks the running app, as a Wayland desktop shortcut would', async () => {
    const run = await runShotput(profile, 'capture', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, overlay: 'opened' });
    const overlays = await showOverlays(app, 2);
    await invoke(overlays[1]!.webContentsId, 'overlay.cancel');
    await app.waitFor((s) => s.windows.filter(isShownOverlay).length === 0, 'the overlays to close');
  });

  it('uploads an image from the clipboard through the tray, and puts its link there', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#3366ff' } }).png().toBuffer();
    await app.send('setClipboard', { 'image/png': { base64: png.toString('base64') } });
    await app.send('clickTray', ['Upload from the clipboard']);
    const link = await app.waitFor((s) => imge.uploads[1]?.url && s.clipboardText === imge.uploads[1].url && s.clipboardText, 'the clipboard upload link');
    expect(link).toMatch(/\/images\//);
    expect(imge.uploads[1]!.file?.image).toMatchObject({ width: 40, height: 30 });
  });

  it('pauses hotkeys from the tray, leaving only the pause hotkey (none set) registered', async () => {
    await app.send('clickTray', ['Pause hotkeys']);
    await app.waitFor((s) => s.shortcuts.length === 0 && s.tray!.menu.find((i) => i.label === 'Pause hotkeys')!.checked, 'hotkeys paused');
    await app.send('clickTray', ['Pause hotkeys']);
    await app.waitFor((s) => s.shortcuts.includes('Control+PrintScreen'), 'hotkeys back');
  });

  it('cancels the capture and closes the window when an overlay page crashes, then keeps a new one ready', async () => {
    await app.send('pressHotkey', 'Control+PrintScreen');
    const overlays = await showOverlays(app, 2);
    await app.send('crashRenderer', overlays[0]!.webContentsId);
    await app.waitFor((s) => s.windows.filter(isShownOverlay).length === 0, 'every overlay of the capture to close');
    const ready = await app.waitFor((s) => {
      const kept = s.windows.filter(isOverlayWindow);
      return kept.length === 2 && kept;
    }, 'an overlay kept ready per display again');
    expect(ready.map((w) => w.webContentsId)).not.toContain(overlays[0]!.webContentsId);
    expect(ready.every((w) => !w.visible)).toBe(true);
  });

  it('follows the displays: an unplugged monitor takes its ready overlay with it, a new one gets its own', async () => {
    const one: DisplayConfig[] = [{ id: 33, bounds: { x: 0, y: 0, width: 1600, height: 900 }, scaleFactor: 1 }];
    await app.send('setDisplays', one);
    const ready = await app.waitFor((s) => {
      const kept = s.windows.filter(isOverlayWindow);
      return kept.length === 1 && kept;
    }, 'one ready overlay for the one display');
    expect(ready[0]!.bounds).toEqual(one[0]!.bounds);
    await app.send('setDisplays', DISPLAYS);
    const again = await app.waitFor((s) => {
      const kept = s.windows.filter(isOverlayWindow);
      return kept.length === 2 && kept;
    }, 'a ready overlay per display again');
    expect(again.map((w) => w.bounds)).toEqual(expect.arrayContaining(DISPLAYS.map((d) => d.bounds)));
  });

  it('with "Keep the region overlay ready" off keeps none: each capture opens its own windows and closes them after', async () => {
    const { webContentsId } = await mainWindow();
    expect(await invoke(webContentsId, 'settings.set', { key: 'capture.keepOverlayReady', value: false })).toMatchObject({ ok: true });
    await app.waitFor((s) => s.windows.filter(isOverlayWindow).length === 0, 'the ready overlays to go');
    await app.send('pressHotkey', 'Control+PrintScreen');
    const overlays = await showOverlays(app, 2);
    await invoke(overlays[0]!.webContentsId, 'overlay.cancel');
    await app.waitFor((s) => s.windows.filter(isOverlayWindow).length === 0, 'the overlays to close');
    expect(await invoke(webContentsId, 'settings.set', { key: 'capture.keepOverlayReady', value: true })).toMatchObject({ ok: true });
    await app.waitFor((s) => s.windows.filter(isOverlayWindow).length === 2, 'ready overlays again');
  });

  it('quits from the tray', async () => {
    await app.send('clickTray', ['Quit Shotput']);
    expect(await app.exit).toBe(0);
  });
});
