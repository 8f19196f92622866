import type { CommandLine } from 'electron';

const FEATURE = 'GlobalShortcutsPortal';

/** A Wayland session, as the desktop announces it to the processes it starts. */
export function isWaylandSession(env: NodeJS.ProcessEnv): boolean {
  return env.XDG_SESSION_TYPE === 'wayland' || (Boolean(env.WAYLAND_DISPLAY) && env.XDG_SESSION_TYPE !== 'x11');
}

/**
 * On Wayland an app cannot grab keys itself; Chromium can ask the desktop through the
 * xdg-desktop-portal GlobalShortcuts interface instead (KDE Plasma 6, GNOME 48+, Hyprland), and
 * Electron's globalShortcut then goes through it. Must run before the app is ready. Keeps any
 * features already enabled on the command line. Returns whether the portal was asked for.
 */
export function useGlobalShortcutsPortal(commandLine: Pick<CommandLine, 'appendSwitch' | 'getSwitchValue'>, env: NodeJS.ProcessEnv): boolean {
  if (!isWaylandSession(env)) return false;
  const enabled = commandLine.getSwitchValue('enable-features').split(',').filter(Boolean);
  if (!enabled.includes(FEATURE)) commandLine.appendSwitch('enable-features', [...enabled, FEATURE].join(','));
  return true;
}
