import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseCaptureSource, type CaptureEnvironment } from '../../../electron/core/capture/select.js';
import { openTestCore } from '../../support/core.js';

const base: CaptureEnvironment = { platform: 'linux', env: {}, electron: false, preferred: 'auto', command: '' };
const choose = (over: Partial<CaptureEnvironment>) => {
  const { source, reason } = chooseCaptureSource({ ...base, ...over });
  return { id: source.id, reason };
};

describe('choosing the capture source', () => {
  it('uses the portal on Wayland even when XWayland sets DISPLAY, and says why', () => {
    expect(choose({ env: { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' } })).toEqual({ id: 'portal', reason: expect.stringMatching(/Wayland session \(WAYLAND_DISPLAY=wayland-0\)/) });
    expect(choose({ env: { XDG_SESSION_TYPE: 'wayland' } }).id).toBe('portal');
  });

  it('uses node-screenshots on X11, Windows and macOS', () => {
    expect(choose({ env: { DISPLAY: ':3' } })).toEqual({ id: 'node-screenshots', reason: expect.stringContaining('X11 session (DISPLAY=:3)') });
    expect(choose({ platform: 'win32' }).reason).toMatch(/^Windows/);
    expect(choose({ platform: 'darwin' }).reason).toMatch(/^macOS/);
  });

  it('lets a set command win, and a set source override the automatic choice', () => {
    expect(choose({ env: { DISPLAY: ':0' }, command: 'grim {file}' })).toEqual({ id: 'command', reason: expect.stringMatching(/capture\.command is set/) });
    expect(choose({ env: { DISPLAY: ':0' }, preferred: 'portal' })).toEqual({ id: 'portal', reason: 'capture.source is set to portal' });
    expect(() => choose({ preferred: 'command' })).toThrow(/capture\.command is empty/);
  });

  it("falls back to Electron's desktopCapturer where there is no session, and explains when it is absent", () => {
    const desktopCapturer = { id: 'desktop-capturer', label: 'desktopCapturer', listDisplays: async () => [], listWindows: async () => [], captureDisplay: async () => Promise.reject(new Error()), captureWindow: async () => Promise.reject(new Error()) };
    expect(choose({ desktopCapturer }).id).toBe('desktop-capturer');
    expect(() => choose({})).toThrow(/No X11 \(DISPLAY\) or Wayland \(WAYLAND_DISPLAY\) session.*capture\.command/);
  });

  it('capture.status tells Settings the source and why, from the settings', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'shotput-status-'));
    const core = await openTestCore(profile, { capture: { env: { DISPLAY: ':9' }, electron: false } });
    try {
      expect(await core.dispatch('capture.status', {})).toEqual({ ok: true, value: { source: 'node-screenshots', label: expect.any(String), reason: expect.stringContaining('DISPLAY=:9') } });
      await core.settings.set('capture.command', 'grim {file}');
      expect(await core.dispatch('capture.status', {})).toMatchObject({ ok: true, value: { source: 'command', reason: expect.stringMatching(/capture\.command is set/) } });
      const bare = await openTestCore(join(profile, 'other'));
      expect(await bare.dispatch('capture.status', {})).toMatchObject({ ok: true, value: { source: 'none' } });
      await bare.close();
    } finally {
      await core.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
