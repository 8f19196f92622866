import { globalShortcut } from 'electron';
import type { ShortcutRegistrar } from '../core/hotkeys.js';

export const electronShortcuts: ShortcutRegistrar = {
  register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
  unregisterAll: () => globalShortcut.unregisterAll(),
};
