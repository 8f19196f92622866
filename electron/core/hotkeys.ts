import type { HotkeyStatus } from '../../shared/actions.js';
import { ACTIONS, hotkeySettingKey, type ActionId } from './actions.js';
import type { Logger } from './logger.js';
import type { CorePlatform } from './platform.js';
import type { SettingsService } from './settings/service.js';

export const WAYLAND_HOTKEY_HINT =
  "On Wayland, Shotput asks the desktop through the GlobalShortcuts portal (KDE Plasma 6, GNOME 48 and later, Hyprland); this desktop did not grant it. Bind `shotput capture` (or `shotput capture --all`) to a shortcut in your desktop's keyboard settings instead.";

/** The desktop's global shortcuts (Electron's globalShortcut in the app). */
export interface ShortcutRegistrar {
  /** False when the accelerator is taken by another app or the desktop does not allow it. */
  register(accelerator: string, callback: () => void): boolean;
  unregisterAll(): void;
}

export interface HotkeyDeps {
  settings: Pick<SettingsService, 'getString' | 'onChange'>;
  /** Absent outside the app (harness): every hotkey is then reported 'unavailable'. */
  registrar?: ShortcutRegistrar;
  run(id: ActionId): void;
  platform: Pick<CorePlatform, 'notify'>;
  logger: Logger;
  /** Why a hotkey may fail here (a Wayland session, say), added to the failure message. */
  hint?: string;
}

/**
 * Registers one global hotkey per action from `hotkeys.<action>`, again whenever those settings
 * change; pausing leaves only the pause hotkey. A hotkey that cannot be registered is listed in
 * `status()` (Settings shows it) and named in ONE notification per set of failures, never silently dropped.
 */
export class HotkeyService {
  private paused = false;
  private current: HotkeyStatus[] = [];
  private lastNotified = '';
  private applied = false;
  private readonly listeners = new Set<(status: HotkeyStatus[]) => void>();

  constructor(private readonly deps: HotkeyDeps) {
    deps.settings.onChange((keys) => {
      if (keys.some((k) => k.startsWith('hotkeys.'))) this.apply();
    });
  }

  get isPaused(): boolean {
    return this.paused;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.apply();
  }

  status(): HotkeyStatus[] {
    return this.applied ? this.current : this.apply();
  }

  onStatus(listener: (status: HotkeyStatus[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** (Re)registers every hotkey from the settings. */
  apply(): HotkeyStatus[] {
    const { registrar, settings } = this.deps;
    registrar?.unregisterAll();
    this.applied = true;
    const taken = new Map<string, ActionId>();
    this.current = ACTIONS.filter((a) => !a.noHotkey).map((action): HotkeyStatus => {
      const accelerator = settings.getString(hotkeySettingKey(action.id));
      const base = { action: action.id, label: action.label, accelerator };
      if (accelerator === '') return { ...base, state: 'off' };
      if (!registrar) return { ...base, state: 'unavailable', reason: 'Global hotkeys work in the Shotput app only.' };
      if (this.paused && action.id !== 'hotkeys.pause') return { ...base, state: 'paused' };
      const twin = taken.get(accelerator.toLowerCase());
      if (twin) return { ...base, state: 'failed', reason: `${accelerator} is already used for "${ACTIONS.find((a) => a.id === twin)!.label}".` };
      let registered: boolean;
      try {
        registered = registrar.register(accelerator, () => this.deps.run(action.id));
      } catch (err) {
        return { ...base, state: 'failed', reason: `${accelerator} is not a valid shortcut here: ${String(err)}.` };
      }
      if (!registered) {
        return { ...base, state: 'failed', reason: `${accelerator} is taken by another application or by the desktop.${this.deps.hint ? ` ${this.deps.hint}` : ''}` };
      }
      taken.set(accelerator.toLowerCase(), action.id);
      return { ...base, state: 'registered' };
    });
    this.reportFailures();
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }

  private reportFailures(): void {
    const failed = this.current.filter((s) => s.state === 'failed');
    const signature = failed.map((s) => `${s.action}=${s.accelerator}`).join(',');
    if (signature === this.lastNotified) return;
    this.lastNotified = signature;
    if (failed.length === 0) return;
    const names = failed.map((s) => `${s.label} (${s.accelerator})`).join(', ');
    this.deps.logger.warn(`Hotkeys not registered: ${failed.map((s) => `${s.label}: ${s.reason}`).join(' ')}`);
    this.deps.platform.notify(
      failed.length === 1 ? 'A hotkey is not available' : `${failed.length} hotkeys are not available`,
      `${names}. Choose other keys in Settings › Hotkeys.`,
    );
  }
}
