/**
 * A test double of the `electron` module for the main process, typed against Electron's own
 * electron.d.ts: every member the app uses is declared as implementing (or satisfying) the real
 * type, so a changed Electron signature fails `npm run typecheck`. State lives in `doubleState`,
 * which the test reads and drives through ./control.ts. It proves Shotput's wiring, not Electron.
 */
import type {} from 'electron';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

export class DoubleEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface DisplayConfig {
  id: number;
  bounds: Electron.Rectangle;
  scaleFactor: number;
}

const envDisplays = process.env.SHOTPUT_DOUBLE_DISPLAYS;
const displays: DisplayConfig[] = envDisplays
  ? (JSON.parse(envDisplays) as DisplayConfig[])
  : [{ id: 1, bounds: { x: 0, y: 0, width: 1280, height: 720 }, scaleFactor: 1 }];

export const doubleState = {
  displays,
  cursor: { x: 10, y: 10 },
  /** Accelerators another application holds: registering them fails, as Electron reports. */
  takenAccelerators: new Set((process.env.SHOTPUT_DOUBLE_TAKEN ?? '').split(',').filter(Boolean)),
  shortcuts: new Map<string, () => void>(),
  ipcHandlers: new Map<string, (event: unknown, ...args: any[]) => unknown>(),
  windows: [] as BrowserWindow[],
  protocolHandlers: new Map<string, (request: GlobalRequest) => Response | Promise<Response>>(),
  privilegedSchemes: [] as Electron.CustomScheme[],
  permissionRequestHandler: undefined as Parameters<Electron.Session['setPermissionRequestHandler']>[0] | undefined,
  permissionCheckHandler: undefined as Parameters<Electron.Session['setPermissionCheckHandler']>[0] | undefined,
  clipboardText: '',
  clipboardItems: [] as ClipboardItem[],
  notifications: [] as Notification[],
  opened: [] as string[],
  tray: undefined as Tray | undefined,
  paths: new Map<string, string>([['pictures', join(tmpdir(), 'shotput-double-pictures')]]),
  ready: false,
  /** 'clipboardText' fires on every writeText, for a benchmark waiting on the link. */
  events: new EventEmitter(),
};

let nextWebContentsId = 1;

export class WebContents
  extends EventEmitter
  implements Pick<Electron.WebContents, 'id' | 'loadURL' | 'send' | 'setWindowOpenHandler' | 'isDestroyed' | 'getURL' | 'reload'>
{
  readonly id = nextWebContentsId++;
  url = '';
  sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler?: Parameters<Electron.WebContents['setWindowOpenHandler']>[0];
  destroyed = false;

  async loadURL(url: string): Promise<void> {
    const navigation = new DoubleEvent();
    this.emit('will-navigate', navigation, url);
    if (navigation.defaultPrevented) throw new Error(`Navigation to ${url} was refused`);
    this.url = url;
  }
  getURL(): string {
    return this.url;
  }
  /** How often the page was reloaded (an overlay kept ready is reloaded after each capture). */
  reloads = 0;
  reload(): void {
    this.reloads++;
  }
  send(channel: string, ...args: any[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class BrowserWindow
  extends EventEmitter
  implements
    Pick<
      Electron.BrowserWindow,
      'loadURL' | 'show' | 'hide' | 'focus' | 'isDestroyed' | 'destroy' | 'close' | 'removeMenu' | 'setAlwaysOnTop' | 'setBounds' | 'getBounds' | 'isVisible' | 'isAlwaysOnTop'
    >
{
  static getAllWindows(): BrowserWindow[] {
    return doubleState.windows.filter((w) => !w.destroyed);
  }

  readonly webContents = new WebContents();
  destroyed = false;
  visible = false;
  alwaysOnTop: { flag: boolean; level?: string } = { flag: false };
  bounds: Electron.Rectangle;

  constructor(readonly options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.alwaysOnTop = { flag: options.alwaysOnTop ?? false };
    doubleState.windows.push(this);
    app.emit('web-contents-created', new DoubleEvent(), this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    setImmediate(() => this.emit('ready-to-show'));
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  close(): void {
    const event = new DoubleEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  removeMenu(): void {}
  setAlwaysOnTop(flag: boolean, level?: 'normal' | 'floating' | 'torn-off-menu' | 'modal-panel' | 'main-menu' | 'status' | 'pop-up-menu' | 'screen-saver'): void {
    this.alwaysOnTop = { flag, level };
  }
  isAlwaysOnTop(): boolean {
    return this.alwaysOnTop.flag;
  }
  setBounds(bounds: Partial<Electron.Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  getBounds(): Electron.Rectangle {
    return { ...this.bounds };
  }
}

class CommandLineDouble {
  readonly switches = new Map<string, string>();
  appendSwitch(name: string, value?: string): void {
    this.switches.set(name, value ?? '');
  }
  getSwitchValue(name: string): string {
    return this.switches.get(name) ?? '';
  }
  hasSwitch(name: string): boolean {
    return this.switches.has(name);
  }
}

class AppDouble extends EventEmitter {
  readonly isPackaged = false;
  readonly commandLine = new CommandLineDouble() satisfies Pick<Electron.CommandLine, 'appendSwitch' | 'getSwitchValue' | 'hasSwitch'>;
  private readyPromise?: Promise<void>;
  whenReady(): Promise<void> {
    this.readyPromise ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        doubleState.ready = true;
        this.emit('ready');
        resolve();
      }),
    );
    return this.readyPromise;
  }
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    const path = doubleState.paths.get(name);
    if (!path) throw new Error(`The double has no path for ${name}; set it with app.setPath first.`);
    return path;
  }
  setPath(name: string, path: string): void {
    doubleState.paths.set(name, path);
  }
  getVersion(): string {
    return '0.0.0-double';
  }
  requestSingleInstanceLock(_additionalData?: Record<any, any>): boolean {
    return true;
  }
  quit(): void {
    const event = new DoubleEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.emit('will-quit', new DoubleEvent());
    setImmediate(() => process.exit(0));
  }
}
export const app = new AppDouble() satisfies Pick<Electron.App, 'whenReady' | 'getPath' | 'setPath' | 'getVersion' | 'requestSingleInstanceLock' | 'quit' | 'isPackaged'> & { commandLine: Pick<Electron.CommandLine, 'appendSwitch' | 'getSwitchValue' | 'hasSwitch'> };

export const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel: string, listener: (event: Electron.IpcMainInvokeEvent, ...args: any[]) => Promise<any> | any): void {
    if (doubleState.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    doubleState.ipcHandlers.set(channel, listener as (event: unknown, ...args: any[]) => unknown);
  },
  removeHandler(channel: string): void {
    doubleState.ipcHandlers.delete(channel);
  },
}) satisfies Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;

export const protocol = {
  registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]): void {
    if (doubleState.ready) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
    doubleState.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: GlobalRequest) => Response | Promise<Response>): void {
    doubleState.protocolHandlers.set(scheme, handler);
  },
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;

const FILE_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export const net = {
  /** file: URLs as Electron's net.fetch reads them; anything else through Node's fetch. */
  async fetch(input: string | GlobalRequest, init?: RequestInit & { bypassCustomProtocolHandlers?: boolean }): Promise<GlobalResponse> {
    const url = typeof input === 'string' ? input : input.url;
    if (url.startsWith('file:')) {
      try {
        // Electron types file: responses by extension; a browser standing in for the window needs it for module scripts.
        const type = FILE_TYPES[extname(fileURLToPath(url)).toLowerCase()];
        return new Response(await readFile(fileURLToPath(url)), type ? { headers: { 'Content-Type': type } } : undefined);
      } catch {
        return new Response('Not found', { status: 404 });
      }
    }
    return fetch(input, init);
  },
} satisfies Pick<Electron.Net, 'fetch'>;

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: Parameters<Electron.Session['setPermissionRequestHandler']>[0]): void {
      doubleState.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Parameters<Electron.Session['setPermissionCheckHandler']>[0]): void {
      doubleState.permissionCheckHandler = handler;
    },
  } satisfies Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    doubleState.opened.push(url);
  },
  async openPath(path: string): Promise<string> {
    doubleState.opened.push(`file:open ${path}`);
    return '';
  },
  showItemInFolder(path: string): void {
    doubleState.opened.push(`file:show ${path}`);
  },
} satisfies Pick<Electron.Shell, 'openExternal' | 'openPath' | 'showItemInFolder'>;

export const dialog = {
  async showOpenDialog(): Promise<Electron.OpenDialogReturnValue> {
    return { canceled: true, filePaths: [] };
  },
} satisfies Pick<Electron.Dialog, 'showOpenDialog'>;

export const nativeTheme = { shouldUseDarkColors: false } satisfies Pick<Electron.NativeTheme, 'shouldUseDarkColors'>;

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret' as const,
  encryptString: (plain: string) => Buffer.from(`double:${plain}`, 'utf8'),
  decryptString: (encrypted: Buffer) => encrypted.toString('utf8').replace(/^double:/, ''),
} satisfies Pick<Electron.SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>;

export class NativeImage implements Pick<Electron.NativeImage, 'toBitmap' | 'getSize' | 'resize' | 'isEmpty' | 'toPNG'> {
  constructor(
    readonly bitmap: Buffer,
    readonly size: Electron.Size,
    readonly origin: string,
  ) {}
  toBitmap(): Buffer {
    return this.bitmap;
  }
  toPNG(): Buffer {
    return this.bitmap;
  }
  getSize(): Electron.Size {
    return { ...this.size };
  }
  resize(options: Electron.ResizeOptions): Electron.NativeImage {
    const size = { width: options.width ?? this.size.width, height: options.height ?? this.size.height };
    return new NativeImage(this.bitmap, size, this.origin) as unknown as Electron.NativeImage;
  }
  isEmpty(): boolean {
    return this.bitmap.length === 0;
  }
}

export const nativeImage = {
  createFromPath: (path: string) => new NativeImage(Buffer.alloc(0), { width: 16, height: 16 }, path) as unknown as Electron.NativeImage,
  createFromBuffer: (buffer: Buffer) => new NativeImage(buffer, { width: 0, height: 0 }, 'buffer') as unknown as Electron.NativeImage,
} satisfies Pick<typeof Electron.NativeImage, 'createFromPath' | 'createFromBuffer'>;

function toElectronDisplay(d: DisplayConfig): Electron.Display {
  return {
    id: d.id,
    label: `Double ${d.id}`,
    bounds: { ...d.bounds },
    workArea: { ...d.bounds },
    size: { width: d.bounds.width, height: d.bounds.height },
    workAreaSize: { width: d.bounds.width, height: d.bounds.height },
    nativeOrigin: { x: d.bounds.x, y: d.bounds.y },
    scaleFactor: d.scaleFactor,
    rotation: 0,
    colorDepth: 24,
    colorSpace: 'srgb',
    depthPerComponent: 8,
    detected: true,
    displayFrequency: 60,
    internal: false,
    maximumCursorSize: { width: 64, height: 64 },
    monochrome: false,
    accelerometerSupport: 'unknown',
    touchSupport: 'unknown',
  };
}

export const screen = Object.assign(new EventEmitter(), {
  getAllDisplays: () => doubleState.displays.map(toElectronDisplay),
  getPrimaryDisplay: () => toElectronDisplay(doubleState.displays[0]!),
  getCursorScreenPoint: () => ({ ...doubleState.cursor }),
}) satisfies Pick<Electron.Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'getCursorScreenPoint'>;

/** The known picture on display `index`: blue = x, green = y (mod 256), red = 40 × (index + 1); BGRA as Chromium gives it. */
export function displayPattern(index: number, width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = x & 255;
      data[i + 1] = y & 255;
      data[i + 2] = (40 * (index + 1)) & 255;
      data[i + 3] = 255;
    }
  }
  return data;
}

export const desktopCapturer = {
  async getSources(options: Electron.SourcesOptions): Promise<Electron.DesktopCapturerSource[]> {
    if (!options.types.includes('screen')) return [];
    return doubleState.displays.map((d, index) => {
      // Like Chromium: each screen at its physical size, shrunk to fit thumbnailSize.
      const width = Math.round(d.bounds.width * d.scaleFactor);
      const height = Math.round(d.bounds.height * d.scaleFactor);
      const fits = !options.thumbnailSize || (width <= options.thumbnailSize.width && height <= options.thumbnailSize.height);
      const thumbnail = fits ? new NativeImage(displayPattern(index, width, height), { width, height }, `screen ${d.id}`) : new NativeImage(Buffer.alloc(0), { width: 0, height: 0 }, 'too small');
      return {
        id: `screen:${d.id}:0`,
        name: `Screen ${index + 1}`,
        display_id: String(d.id),
        thumbnail: thumbnail as unknown as Electron.NativeImage,
        appIcon: undefined as unknown as Electron.NativeImage,
      };
    });
  },
} satisfies Pick<Electron.DesktopCapturer, 'getSources'>;

export const globalShortcut = {
  register(accelerator: string, callback: () => void): boolean {
    if (doubleState.takenAccelerators.has(accelerator) || doubleState.shortcuts.has(accelerator)) return false;
    doubleState.shortcuts.set(accelerator, callback);
    return true;
  },
  unregisterAll(): void {
    doubleState.shortcuts.clear();
  },
  isRegistered: (accelerator: string) => doubleState.shortcuts.has(accelerator),
} satisfies Pick<Electron.GlobalShortcut, 'register' | 'unregisterAll' | 'isRegistered'>;

export class ClipboardItem implements Pick<Electron.ClipboardItem, 'types'> {
  readonly types: string[];
  constructor(readonly items: Record<string, string | Electron.ClipboardBookmark | Blob | Promise<Blob | string>>) {
    this.types = Object.keys(items);
  }
  async getType(type: string): Promise<Blob> {
    if (!(type in this.items)) throw new Error(`No ${type} on the clipboard`);
    const value = await this.items[type];
    return value instanceof Blob ? value : new Blob([typeof value === 'string' ? value : JSON.stringify(value)], { type });
  }
}

export const clipboard = {
  async writeText(text: string): Promise<void> {
    doubleState.clipboardText = text;
    doubleState.clipboardItems = [new ClipboardItem({ 'text/plain': text })];
    doubleState.events.emit('clipboardText', text);
  },
  async readText(): Promise<string> {
    return doubleState.clipboardText;
  },
  async write(items: Electron.ClipboardItem[]): Promise<void> {
    doubleState.clipboardItems = items as unknown as ClipboardItem[];
    doubleState.clipboardText = '';
  },
  async read(): Promise<Electron.ClipboardItem[]> {
    return doubleState.clipboardItems as unknown as Electron.ClipboardItem[];
  },
  async has(type: string): Promise<boolean> {
    return doubleState.clipboardItems.some((i) => i.types.includes(type));
  },
  clear(): void {
    doubleState.clipboardText = '';
    doubleState.clipboardItems = [];
  },
} satisfies Pick<Electron.Clipboard, 'writeText' | 'readText' | 'write' | 'read' | 'has' | 'clear'>;

export class Notification extends EventEmitter implements Pick<Electron.Notification, 'show' | 'close' | 'title' | 'body'> {
  static isSupported(): boolean {
    return true;
  }
  title: string;
  body: string;
  icon?: Electron.NativeImage | string;
  shown = false;
  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    this.icon = options.icon;
  }
  show(): void {
    this.shown = true;
    doubleState.notifications.push(this);
  }
  close(): void {}
}

export class Menu implements Pick<Electron.Menu, 'items'> {
  items: Electron.MenuItem[] = [];
  constructor(readonly template: Electron.MenuItemConstructorOptions[]) {}
  static buildFromTemplate(template: Array<Electron.MenuItemConstructorOptions | Electron.MenuItem>): Electron.Menu {
    return new Menu(template as Electron.MenuItemConstructorOptions[]) as unknown as Electron.Menu;
  }
}

export class Tray extends EventEmitter implements Pick<Electron.Tray, 'setToolTip' | 'setContextMenu' | 'destroy'> {
  toolTip = '';
  menu?: Menu;
  constructor(readonly image: Electron.NativeImage | string) {
    super();
    doubleState.tray = this;
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: Electron.Menu | null): void {
    this.menu = (menu as unknown as Menu | null) ?? undefined;
  }
  destroy(): void {}
}

const electron = {
  app,
  BrowserWindow,
  clipboard,
  ClipboardItem,
  desktopCapturer,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
};
export default electron;
