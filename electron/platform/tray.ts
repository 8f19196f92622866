import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';

export interface TrayActions {
  openMain(): void;
  openSettings(): void;
  uploadFiles(): void;
  /** Files dropped on the tray icon (macOS). */
  dropFiles(paths: string[]): void;
  quit(): void;
}

export interface RecentItem {
  label: string;
  copy(): void;
}

export interface ShotputTray {
  /** Rebuilds the menu with the latest uploads (click copies the link). */
  setRecent(items: RecentItem[]): void;
}

/** The tray icon and its menu. */
export function createTray(iconPath: string, actions: TrayActions): ShotputTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
  tray.setToolTip('Shotput');
  tray.on('click', actions.openMain);
  tray.on('drop-files', (_event, files) => actions.dropFiles(files));

  const build = (recent: RecentItem[]) => {
    const recentItems: MenuItemConstructorOptions[] =
      recent.length > 0
        ? recent.map((item) => ({ label: item.label, click: item.copy, toolTip: 'Copy the link' }))
        : [{ label: 'No uploads yet', enabled: false }];
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Shotput', click: actions.openMain },
        { label: 'Upload files…', click: actions.uploadFiles },
        { type: 'separator' },
        { label: 'Recent uploads', submenu: recentItems },
        { type: 'separator' },
        { label: 'Settings', click: actions.openSettings },
        { label: 'Quit', click: actions.quit },
      ]),
    );
  };
  build([]);
  return { setRecent: build };
}
