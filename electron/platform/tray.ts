import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { TrayMenuItem } from '../core/tray-menu.js';

export interface TrayHandlers {
  click(run: NonNullable<TrayMenuItem['run']>): void;
  openMain(): void;
  /** Files dropped on the tray icon (macOS). */
  dropFiles(paths: string[]): void;
}

export interface ShotputTray {
  setMenu(items: TrayMenuItem[]): void;
  setToolTip(text: string): void;
}

/** The tray icon; the menu's content comes from core/tray-menu.ts. */
export function createTray(iconPath: string, handlers: TrayHandlers): ShotputTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
  tray.setToolTip('Shotput');
  tray.on('click', handlers.openMain);
  tray.on('drop-files', (_event, files) => handlers.dropFiles(files));
  const native = (item: TrayMenuItem): MenuItemConstructorOptions => {
    if (item.separator) return { type: 'separator' };
    const run = item.run;
    return {
      label: item.label,
      type: item.checkbox ? 'checkbox' : 'normal',
      checked: item.checked,
      enabled: item.enabled,
      toolTip: item.toolTip,
      accelerator: item.accelerator,
      registerAccelerator: false,
      icon: item.iconPath ? nativeImage.createFromPath(item.iconPath).resize({ width: 16, height: 16 }) : undefined,
      click: run ? () => handlers.click(run) : undefined,
      submenu: item.submenu?.map(native),
    };
  };
  return {
    setMenu: (items) => tray.setContextMenu(Menu.buildFromTemplate(items.map(native))),
    setToolTip: (text) => tray.setToolTip(text),
  };
}
