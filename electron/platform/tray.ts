import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';

export interface TrayActions {
  openMain(): void;
  openSettings(): void;
  quit(): void;
}

/** The tray icon and its menu. Capture and upload items are added by the features that own them. */
export function createTray(iconPath: string, actions: TrayActions, extraItems: MenuItemConstructorOptions[] = []): Tray {
  const icon = nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 });
  const tray = new Tray(icon);
  tray.setToolTip('Shotput');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Shotput', click: actions.openMain },
      ...extraItems,
      { type: 'separator' },
      { label: 'Settings', click: actions.openSettings },
      { label: 'Quit', role: 'quit', click: actions.quit },
    ]),
  );
  tray.on('click', actions.openMain);
  return tray;
}
