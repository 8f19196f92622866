import { describe, expect, it } from 'vitest';
import { useGlobalShortcutsPortal } from '../../../electron/platform/wayland.js';

/** Chromium's command line as Electron exposes it: switches by name, appended ones win. */
function commandLine(initial: Record<string, string> = {}) {
  const switches = new Map(Object.entries(initial));
  return {
    switches,
    appendSwitch: (name: string, value?: string) => void switches.set(name, value ?? ''),
    getSwitchValue: (name: string) => switches.get(name) ?? '',
  };
}

describe('global hotkeys on Wayland', () => {
  it('asks Chromium to bind them through the GlobalShortcuts portal in a Wayland session', () => {
    const line = commandLine();
    expect(useGlobalShortcutsPortal(line, { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(line.switches.get('enable-features')).toBe('GlobalShortcutsPortal');
  });

  it('keeps the features already enabled, and adds the portal once', () => {
    const line = commandLine({ 'enable-features': 'WaylandWindowDecorations' });
    useGlobalShortcutsPortal(line, { XDG_SESSION_TYPE: 'wayland' });
    useGlobalShortcutsPortal(line, { XDG_SESSION_TYPE: 'wayland' });
    expect(line.switches.get('enable-features')).toBe('WaylandWindowDecorations,GlobalShortcutsPortal');
  });

  it('leaves X11 sessions, and XWayland apps told they are on X11, to the usual key grab', () => {
    for (const env of [{ XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, { XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'wayland-0' }, {}]) {
      const line = commandLine();
      expect(useGlobalShortcutsPortal(line, env)).toBe(false);
      expect(line.switches.has('enable-features')).toBe(false);
    }
  });

  it('counts a session with only WAYLAND_DISPLAY set as Wayland', () => {
    const line = commandLine();
    expect(useGlobalShortcutsPortal(line, { WAYLAND_DISPLAY: 'wayland-1' })).toBe(true);
  });
});
