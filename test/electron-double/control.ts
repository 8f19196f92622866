/**
 * The double's remote control: the test forks the built main process with this double in place of
 * `electron` and sends it commands over Node's IPC channel (`process.send`). Each command acts as
 * the user or the OS would (press a hotkey, click a tray item, invoke a channel from a window) and
 * `snapshot` reports what the app did to the double.
 */
import { createHash } from 'node:crypto';
import { ClipboardItem, DoubleEvent, doubleState, screen, type BrowserWindow, type DisplayConfig, type Menu } from './electron.js';

export interface MenuSnapshot {
  label?: string;
  type?: string;
  accelerator?: string;
  checked?: boolean;
  enabled?: boolean;
  hasIcon: boolean;
  submenu?: MenuSnapshot[];
}

export interface WindowSnapshot {
  webContentsId: number;
  url: string;
  bounds: Electron.Rectangle;
  visible: boolean;
  destroyed: boolean;
  alwaysOnTop: { flag: boolean; level?: string };
  options: {
    frame?: boolean;
    transparent?: boolean;
    show?: boolean;
    webPreferences: Pick<Electron.WebPreferences, 'preload' | 'contextIsolation' | 'sandbox' | 'nodeIntegration' | 'nodeIntegrationInWorker' | 'nodeIntegrationInSubFrames' | 'webSecurity' | 'webviewTag'>;
  };
  sent: string[];
  reloads: number;
}

export interface DoubleSnapshot {
  windows: WindowSnapshot[];
  ipcChannels: string[];
  shortcuts: string[];
  tray?: { toolTip: string; menu: MenuSnapshot[] };
  clipboardText: string;
  clipboardTypes: string[];
  notifications: Array<{ title: string; body: string; hasIcon: boolean; clickable: boolean }>;
  opened: string[];
  privilegedSchemes: string[];
}

const menuSnapshot = (items: Electron.MenuItemConstructorOptions[]): MenuSnapshot[] =>
  items.map((item) => ({
    label: item.label,
    type: item.type,
    accelerator: item.accelerator,
    checked: item.checked,
    enabled: item.enabled,
    hasIcon: item.icon !== undefined,
    submenu: Array.isArray(item.submenu) ? menuSnapshot(item.submenu as Electron.MenuItemConstructorOptions[]) : undefined,
  }));

function windowSnapshot(w: BrowserWindow): WindowSnapshot {
  const p = w.options.webPreferences ?? {};
  return {
    webContentsId: w.webContents.id,
    url: w.webContents.url,
    bounds: w.getBounds(),
    visible: w.visible,
    destroyed: w.destroyed,
    alwaysOnTop: w.alwaysOnTop,
    options: {
      frame: w.options.frame,
      transparent: w.options.transparent,
      show: w.options.show,
      webPreferences: {
        preload: p.preload,
        contextIsolation: p.contextIsolation,
        sandbox: p.sandbox,
        nodeIntegration: p.nodeIntegration,
        nodeIntegrationInWorker: p.nodeIntegrationInWorker,
        nodeIntegrationInSubFrames: p.nodeIntegrationInSubFrames,
        webSecurity: p.webSecurity,
        webviewTag: p.webviewTag,
      },
    },
    sent: w.webContents.sent.map((s) => s.channel),
    reloads: w.webContents.reloads,
  };
}

function contents(id: number) {
  const window = doubleState.windows.find((w) => w.webContents.id === id);
  if (!window) throw new Error(`No window with web contents ${id}`);
  return window.webContents;
}

function findMenuItem(items: Electron.MenuItemConstructorOptions[], path: string[]): Electron.MenuItemConstructorOptions {
  const [first, ...rest] = path;
  const item = items.find((i) => i.label === first);
  if (!item) throw new Error(`No tray menu item "${first}" (have: ${items.map((i) => i.label).filter(Boolean).join(', ')})`);
  return rest.length === 0 ? item : findMenuItem(item.submenu as Electron.MenuItemConstructorOptions[], rest);
}

export const commands = {
  snapshot(): DoubleSnapshot {
    const tray = doubleState.tray;
    return {
      windows: doubleState.windows.map(windowSnapshot),
      ipcChannels: [...doubleState.ipcHandlers.keys()].sort(),
      shortcuts: [...doubleState.shortcuts.keys()],
      tray: tray && { toolTip: tray.toolTip, menu: menuSnapshot((tray.menu as Menu | undefined)?.template ?? []) },
      clipboardText: doubleState.clipboardText,
      clipboardTypes: doubleState.clipboardItems.flatMap((i) => i.types),
      notifications: doubleState.notifications.map((n) => ({ title: n.title, body: n.body, hasIcon: n.icon !== undefined, clickable: n.listenerCount('click') > 0 })),
      opened: [...doubleState.opened],
      privilegedSchemes: doubleState.privilegedSchemes.map((s) => s.scheme),
    };
  },
  pressHotkey(accelerator: string): void {
    const callback = doubleState.shortcuts.get(accelerator);
    if (!callback) throw new Error(`No global shortcut ${accelerator} is registered (have: ${[...doubleState.shortcuts.keys()].join(', ')})`);
    callback();
  },
  /**
   * Presses a hotkey and waits for the next text put on the clipboard (the link): the time from the
   * key press to the link, measured in the app's own process, as `npm run bench -- capture` reports it.
   */
  async pressHotkeyForClipboardText(accelerator: string, timeoutMs = 30_000): Promise<{ ms: number; text: string }> {
    const callback = doubleState.shortcuts.get(accelerator);
    if (!callback) throw new Error(`No global shortcut ${accelerator} is registered (have: ${[...doubleState.shortcuts.keys()].join(', ')})`);
    const text = new Promise<string>((resolve, reject) => {
      const written = (value: string) => {
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        doubleState.events.off('clipboardText', written);
        reject(new Error(`No text reached the clipboard within ${timeoutMs} ms of pressing ${accelerator}`));
      }, timeoutMs);
      doubleState.events.once('clipboardText', written);
    });
    const start = performance.now();
    callback();
    const value = await text;
    return { ms: performance.now() - start, text: value };
  },
  clickTray(path: string[]): void {
    const menu = doubleState.tray?.menu as Menu | undefined;
    if (!menu) throw new Error('The tray has no menu');
    const item = findMenuItem(menu.template, path);
    if (!item.click) throw new Error(`Tray item "${path.join(' › ')}" does nothing when clicked`);
    (item.click as () => void)();
  },
  clickNotification(index: number): void {
    doubleState.notifications[index]!.emit('click', new DoubleEvent());
  },
  async invoke(webContentsId: number, channel: string, payload: unknown, frameUrl?: string): Promise<unknown> {
    const handler = doubleState.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No ipcMain handler for ${channel}`);
    const sender = contents(webContentsId);
    return handler({ sender, senderFrame: { url: frameUrl ?? sender.url, parent: null } }, payload);
  },
  async appFetch(url: string): Promise<{ status: number; contentType: string | null; csp: string | null; bytes: number; sha256: string; text?: string }> {
    const handler = doubleState.protocolHandlers.get(new URL(url).protocol.replace(':', ''));
    if (!handler) throw new Error(`No protocol handler for ${url}`);
    const response = await handler(new Request(url));
    const body = Buffer.from(await response.arrayBuffer());
    const contentType = response.headers.get('content-type');
    return {
      status: response.status,
      contentType,
      csp: response.headers.get('content-security-policy'),
      bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
      text: contentType?.startsWith('text/') ? body.toString('utf8').slice(0, 2000) : undefined,
    };
  },
  /** The whole response, for a browser page standing in for an app window (headers, body as base64). */
  async appResponse(url: string): Promise<{ status: number; headers: Record<string, string>; base64: string }> {
    const handler = doubleState.protocolHandlers.get(new URL(url).protocol.replace(':', ''));
    if (!handler) throw new Error(`No protocol handler for ${url}`);
    const response = await handler(new Request(url));
    return { status: response.status, headers: Object.fromEntries(response.headers), base64: Buffer.from(await response.arrayBuffer()).toString('base64') };
  },
  /** The page tries to navigate: true when the app refused it. */
  navigate(webContentsId: number, url: string): boolean {
    const event = new DoubleEvent();
    contents(webContentsId).emit('will-navigate', event, url);
    return event.defaultPrevented;
  },
  windowOpen(webContentsId: number, url: string): string {
    const handler = contents(webContentsId).windowOpenHandler;
    if (!handler) throw new Error('No window-open handler');
    return handler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' }, postBody: undefined as never }).action;
  },
  async permission(webContentsId: number, permission: string): Promise<{ requested: boolean; checked: boolean }> {
    const request = doubleState.permissionRequestHandler;
    const check = doubleState.permissionCheckHandler;
    if (!request || !check) throw new Error('No permission handlers are set');
    const requested = await new Promise<boolean>((resolve) =>
      request(contents(webContentsId) as unknown as Electron.WebContents, permission as 'media', resolve, {} as Electron.PermissionRequest),
    );
    const checked = check(contents(webContentsId) as unknown as Electron.WebContents, permission as 'media', 'app://shotput', {} as Electron.PermissionCheckHandlerHandlerDetails);
    return { requested, checked };
  },
  setClipboard(entries: Record<string, { text?: string; base64?: string }>): void {
    doubleState.clipboardItems = [
      new ClipboardItem(
        Object.fromEntries(Object.entries(entries).map(([type, v]) => [type, v.text !== undefined ? v.text : new Blob([Buffer.from(v.base64 ?? '', 'base64')], { type })])),
      ),
    ];
    doubleState.clipboardText = entries['text/plain']?.text ?? '';
  },
  /** The user plugs in, unplugs or rearranges monitors: Electron's screen reports it. */
  setDisplays(displays: DisplayConfig[]): void {
    const added = displays.length > doubleState.displays.length;
    const removed = displays.length < doubleState.displays.length;
    doubleState.displays = displays;
    screen.emit(added ? 'display-added' : removed ? 'display-removed' : 'display-metrics-changed');
  },
  /** The window's renderer process dies, as Electron reports it. */
  crashRenderer(webContentsId: number): void {
    contents(webContentsId).emit('render-process-gone', new DoubleEvent(), { reason: 'crashed', exitCode: 139 });
  },
  closeWindow(webContentsId: number): void {
    doubleState.windows.find((w) => w.webContents.id === webContentsId)?.close();
  },
  quit(): void {
    // The tray's Quit, as the user would choose it.
    commands.clickTray(['Quit Shotput']);
  },
};

export type DoubleCommands = typeof commands;

export function listenForCommands(): void {
  if (!process.send) return;
  process.on('message', (message: { id: number; command: keyof DoubleCommands; args: unknown[] }) => {
    void (async () => {
      try {
        const fn = commands[message.command] as (...args: unknown[]) => unknown;
        const value = await fn(...message.args);
        process.send!({ id: message.id, ok: true, value });
      } catch (err) {
        process.send!({ id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
}
