import { describe, expect, it } from 'vitest';
import { ACTIONS, ActionRunner, acceleratorColumn, hotkeysSection } from '../../../electron/core/actions.js';
import { HotkeyService, type ShortcutRegistrar } from '../../../electron/core/hotkeys.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { isValidHotkey } from '../../../shared/settings/fields.js';

describe('the actions table', () => {
  it('follows ShareX on Windows and plain X11, and avoids PrtSc where the desktop owns it', () => {
    const defaults = (platform: string, desktop?: string) => Object.fromEntries(hotkeysSection(platform, desktop).fields.map((f) => [f.key, f.default]));
    expect(defaults('win32')).toMatchObject({ 'hotkeys.capture.region': 'Control+PrintScreen', 'hotkeys.capture.screen': 'PrintScreen', 'hotkeys.capture.window': 'Alt+PrintScreen' });
    expect(defaults('linux', 'XFCE')).toMatchObject({ 'hotkeys.capture.region': 'Control+PrintScreen' });
    for (const desktop of ['GNOME', 'ubuntu:GNOME', 'KDE']) {
      expect(Object.values(defaults('linux', desktop)).some((a) => String(a).includes('PrintScreen')), desktop).toBe(false);
    }
    expect(acceleratorColumn('darwin', undefined)).toBe('darwin');
    expect(Object.values(defaults('darwin'))).not.toContain('Command+Shift+4');
  });

  it('gives every default a valid accelerator, and no two actions the same keys on one platform', () => {
    for (const column of ['win32', 'darwin', 'linux', 'linuxPrintScreenTaken'] as const) {
      const used = ACTIONS.map((a) => a.defaultAccelerator[column]).filter((a) => a !== '');
      for (const accelerator of used) expect(isValidHotkey(accelerator), `${column}: ${accelerator}`).toBe(true);
      expect(new Set(used).size, column).toBe(used.length);
    }
  });

  it('runs a bound action, and says an unbound one needs the app', async () => {
    const notes: string[] = [];
    const runner = new ActionRunner({ platform: { notify: (t, b) => void notes.push(`${t}: ${b}`) }, logger: silentLogger });
    await expect(runner.run('capture.region')).rejects.toThrow(/needs the Shotput app/);
    let ran = 0;
    runner.bind({ 'capture.region': () => void ran++, 'capture.screen': async () => Promise.reject(new Error('boom')) });
    await runner.run('capture.region');
    expect(ran).toBe(1);
    runner.trigger('capture.screen');
    await new Promise((r) => setImmediate(r));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Capture the full screen failed: /);
  });
});

describe('hotkeys', () => {
  function setup(values: Record<string, string>, taken: string[] = []) {
    const registered = new Map<string, () => void>();
    const registrar: ShortcutRegistrar = {
      register: (a, cb) => (taken.includes(a) ? false : (registered.set(a, cb), true)),
      unregisterAll: () => registered.clear(),
    };
    const listeners: Array<(keys: string[]) => void> = [];
    const settings = {
      getString: (k: string) => values[k] ?? '',
      onChange: (l: (keys: string[]) => void) => (listeners.push(l), () => {}),
    };
    const notes: string[] = [];
    const ran: string[] = [];
    const service = new HotkeyService({ settings, registrar, run: (id) => void ran.push(id), platform: { notify: (t, b) => void notes.push(`${t} | ${b}`) }, logger: silentLogger });
    const change = (key: string, value: string) => {
      values[key] = value;
      listeners.forEach((l) => l([key]));
    };
    return { service, registered, notes, ran, change };
  }

  it('registers each set accelerator and runs its action when pressed', () => {
    const { service, registered, ran } = setup({ 'hotkeys.capture.region': 'Control+PrintScreen', 'hotkeys.upload.clipboard': 'Control+Alt+V' });
    service.apply();
    expect([...registered.keys()]).toEqual(['Control+PrintScreen', 'Control+Alt+V']);
    registered.get('Control+PrintScreen')!();
    expect(ran).toEqual(['capture.region']);
    expect(service.status().find((s) => s.action === 'capture.screen')!.state).toBe('off');
  });

  it('names failed hotkeys in one notification, and not again until the failures change', () => {
    const { service, notes, change } = setup({ 'hotkeys.capture.region': 'Control+PrintScreen', 'hotkeys.capture.screen': 'PrintScreen', 'hotkeys.capture.window': 'Alt+PrintScreen' }, [
      'PrintScreen',
      'Alt+PrintScreen',
    ]);
    service.apply();
    expect(notes).toEqual(['2 hotkeys are not available | Capture the full screen (PrintScreen), Capture the active window (Alt+PrintScreen). Choose other keys in Settings › Hotkeys.']);
    service.apply();
    expect(notes).toHaveLength(1);
    change('hotkeys.capture.window', 'Control+Alt+W');
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatch(/^A hotkey is not available \| Capture the full screen \(PrintScreen\)/);
    expect(service.status().find((s) => s.action === 'capture.window')!.state).toBe('registered');
  });

  it('refuses the same keys for two actions instead of letting one silently win', () => {
    const { service } = setup({ 'hotkeys.capture.region': 'Control+Alt+R', 'hotkeys.capture.screen': 'Control+Alt+R' });
    const status = service.apply();
    expect(status.find((s) => s.action === 'capture.screen')).toMatchObject({ state: 'failed', reason: expect.stringMatching(/already used for "Capture a region"/) });
  });

  it('pausing leaves only the pause hotkey', () => {
    const { service, registered } = setup({ 'hotkeys.capture.region': 'Control+PrintScreen', 'hotkeys.hotkeys.pause': 'Control+Alt+P' });
    service.setPaused(true);
    expect([...registered.keys()]).toEqual(['Control+Alt+P']);
    expect(service.status().find((s) => s.action === 'capture.region')!.state).toBe('paused');
    service.setPaused(false);
    expect([...registered.keys()]).toEqual(['Control+PrintScreen', 'Control+Alt+P']);
  });
});

describe('hotkey settings from before the actions table', () => {
  it('move a chosen accelerator to the action id, and drop the never-used old defaults', async () => {
    const { writeFile, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tempProfile } = await import('../../support/profile.js');
    const { openConfStore } = await import('../../../electron/core/settings/conf-store.js');
    const { migrateSettings } = await import('../../../electron/core/settings/migrations.js');
    const dir = await tempProfile();
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ meta: { schemaVersion: 1 }, hotkeys: { captureRegion: 'Control+Alt+S', captureScreen: 'CommandOrControl+Shift+3', uploadClipboard: '' } }),
    );
    migrateSettings(openConfStore(dir));
    const stored = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(stored.hotkeys).toEqual({ capture: { region: 'Control+Alt+S' }, upload: { clipboard: '' } });
  });
});
