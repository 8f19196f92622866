import { ACTION_IDS, type ActionId } from '../../shared/actions.js';
import type { SettingSection } from '../../shared/settings/fields.js';
import { ShotputError, toUserError } from './errors.js';
import type { Logger } from './logger.js';
import type { CorePlatform } from './platform.js';

/** Where a default accelerator applies: Windows, macOS, Linux, and Linux desktops that keep PrtSc for their own tool. */
export interface DefaultAccelerators {
  win32: string;
  darwin: string;
  linux: string;
  /** GNOME, KDE and similar bind PrtSc (and Ctrl/Alt/Shift+PrtSc) to their own screenshot tool. */
  linuxPrintScreenTaken: string;
}

export interface ActionDescriptor {
  id: ActionId;
  label: string;
  /** Shown in the tray menu and as a global hotkey in Settings. */
  defaultAccelerator: DefaultAccelerators;
  /** Not offered as a global hotkey (Quit, say): tray and IPC only. */
  noHotkey?: boolean;
}

const none: DefaultAccelerators = { win32: '', darwin: '', linux: '', linuxPrintScreenTaken: '' };

/**
 * Every user action, once. Hotkeys, the tray menu, IPC (`actions.run`) and the running app's
 * ui-request endpoint (`shotput capture` with no area) all run actions by these ids.
 * Windows and plain X11 follow ShareX (Ctrl+PrtSc region, PrtSc full screen, Alt+PrtSc window);
 * macOS keeps Cmd+Shift+3/4/5 for itself, so Shotput uses Option+Shift there.
 */
export const ACTIONS: readonly ActionDescriptor[] = [
  {
    id: 'capture.region',
    label: 'Capture a region',
    defaultAccelerator: { win32: 'Control+PrintScreen', linux: 'Control+PrintScreen', darwin: 'Alt+Shift+4', linuxPrintScreenTaken: 'Control+Alt+R' },
  },
  {
    id: 'capture.screen',
    label: 'Capture the full screen',
    defaultAccelerator: { win32: 'PrintScreen', linux: 'PrintScreen', darwin: 'Alt+Shift+3', linuxPrintScreenTaken: 'Control+Alt+F' },
  },
  {
    id: 'capture.monitor',
    label: 'Capture the monitor under the pointer',
    defaultAccelerator: { win32: 'Control+Shift+PrintScreen', linux: 'Control+Shift+PrintScreen', darwin: 'Alt+Shift+6', linuxPrintScreenTaken: 'Control+Alt+M' },
  },
  {
    id: 'capture.window',
    label: 'Capture the active window',
    defaultAccelerator: { win32: 'Alt+PrintScreen', linux: 'Alt+PrintScreen', darwin: 'Alt+Shift+5', linuxPrintScreenTaken: 'Control+Alt+W' },
  },
  {
    id: 'capture.lastRegion',
    label: 'Capture the last region again',
    defaultAccelerator: { win32: 'Control+Alt+PrintScreen', linux: 'Control+Alt+PrintScreen', darwin: 'Alt+Shift+7', linuxPrintScreenTaken: 'Control+Alt+G' },
  },
  {
    id: 'upload.clipboard',
    label: 'Upload from the clipboard',
    defaultAccelerator: { win32: 'Control+Alt+V', linux: 'Control+Alt+V', darwin: 'Alt+Shift+V', linuxPrintScreenTaken: 'Control+Alt+V' },
  },
  { id: 'upload.file', label: 'Upload files…', defaultAccelerator: none },
  { id: 'editor.open', label: 'Open image in editor…', defaultAccelerator: none },
  { id: 'history.open', label: 'Open history', defaultAccelerator: none },
  { id: 'settings.open', label: 'Settings', defaultAccelerator: none, noHotkey: true },
  { id: 'hotkeys.pause', label: 'Pause hotkeys', defaultAccelerator: none },
];

export function isActionId(value: unknown): value is ActionId {
  return typeof value === 'string' && (ACTION_IDS as readonly string[]).includes(value);
}

export function actionById(id: ActionId): ActionDescriptor {
  return ACTIONS.find((a) => a.id === id)!;
}

export { ACTION_IDS, type ActionId };

export const hotkeySettingKey = (id: ActionId): string => `hotkeys.${id}`;

/** Desktops whose own screenshot tool holds PrtSc and its Ctrl/Alt/Shift variants. */
const PRINT_SCREEN_OWNERS = /gnome|kde|plasma|unity|cinnamon|budgie|pantheon|ubuntu/i;

/** Which column of the table applies: `desktop` is $XDG_CURRENT_DESKTOP on Linux. */
export function acceleratorColumn(platform: string, desktop: string | undefined): keyof DefaultAccelerators {
  if (platform === 'win32' || platform === 'darwin') return platform;
  return desktop && PRINT_SCREEN_OWNERS.test(desktop) ? 'linuxPrintScreenTaken' : 'linux';
}

export function defaultAccelerator(action: ActionDescriptor, platform: string, desktop: string | undefined): string {
  return action.defaultAccelerator[acceleratorColumn(platform, desktop)];
}

/** The Hotkeys settings section: one accelerator per action, defaults for this platform and desktop. */
export function hotkeysSection(platform: string, desktop: string | undefined): SettingSection {
  return {
    id: 'hotkeys',
    title: 'Hotkeys',
    fields: [
      ...ACTIONS.filter((a) => !a.noHotkey).map((action) => ({
        key: hotkeySettingKey(action.id),
        label: action.label,
        kind: 'hotkey' as const,
        default: defaultAccelerator(action, platform, desktop),
        help: action.id === 'capture.region' ? 'Click the field and press the keys. Empty disables the hotkey.' : undefined,
      })),
    ],
  };
}

/** How an action was asked for: `shotput capture --delay S` brings its own delay. */
export interface ActionOptions {
  delaySeconds?: number;
}

export type ActionHandlers = Record<ActionId, (options?: ActionOptions) => Promise<void> | void>;

/**
 * Runs actions by id for whoever asks (hotkey, tray, IPC, ui-request). The front end that can
 * perform them (Electron main) binds the handlers; elsewhere running one says why it cannot.
 */
export class ActionRunner {
  private handlers: Partial<ActionHandlers> = {};

  constructor(private readonly deps: { platform: Pick<CorePlatform, 'notify'>; logger: Logger }) {}

  bind(handlers: Partial<ActionHandlers>): void {
    this.handlers = { ...this.handlers, ...handlers };
  }

  available(id: ActionId): boolean {
    return this.handlers[id] !== undefined;
  }

  async run(id: ActionId, options?: ActionOptions): Promise<void> {
    const handler = this.handlers[id];
    if (!handler) throw new ShotputError('action_unavailable', `${actionById(id).label} needs the Shotput app; start it and try again.`);
    await handler(options);
  }

  /** For hotkeys and the tray, where nobody awaits the result: a failure is shown in a notification. */
  trigger(id: ActionId, options?: ActionOptions): void {
    this.run(id, options).catch((err: unknown) => {
      const { message } = toUserError(err);
      this.deps.logger.warn(`${id}: ${message}`);
      this.deps.platform.notify(`${actionById(id).label} failed`, message);
    });
  }
}
