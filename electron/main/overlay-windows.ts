import { BrowserWindow, type WebContents } from 'electron';
import { OVERLAY_CHANNELS, overlayChannelNames } from '../../shared/ipc/overlay-channels.js';
import { fail, type IpcResult } from '../../shared/ipc/result.js';
import type { Rect } from '../../shared/geometry.js';
import type { OverlaySession } from '../core/ipc/overlay-session.js';
import { APP_ORIGIN } from '../core/ipc/sender.js';
import type { Logger } from '../core/logger.js';
import type { OverlayPresenter, OverlayView } from '../core/shots/service.js';
import { routeWindowChannels, type ChannelSession } from './window-channels.js';
import { secureWebPreferences } from './windows.js';

export interface OverlayWindows extends OverlayPresenter<OverlaySession> {
  /** Whether these web contents are an overlay (they may call the overlay channels and nothing else). */
  owns(contents: WebContents): boolean;
  /**
   * Keeps one hidden overlay window loaded per display (DIP bounds), its page waiting for a
   * frame, so a capture only has to send the frame; `[]` keeps none (each capture opens its own).
   */
  keepReady(displays: Rect[]): void;
}

/** Shown even without the page's word (a page that failed to load), so a capture never hides behind nothing. */
const REVEAL_FALLBACK_MS = 1500;

/** One overlay window: either kept ready (reused after each capture) or opened for one capture. */
interface Slot extends ChannelSession {
  window: BrowserWindow;
  bounds: Rect;
  keep: boolean;
  session?: OverlaySession;
  /** Settles when a capture attaches its session (what a waiting `overlay.init` answers from). */
  attached: Promise<OverlaySession>;
  attach(session: OverlaySession): void;
  shown: boolean;
  fallback?: NodeJS.Timeout;
}

const sameBounds = (a: Rect, b: Rect) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

const noCapture = (): IpcResult<never> => fail('overlay_closed', 'No capture is open in this overlay; take a new capture.');

/** Answers a page whose window went away while its init call waited. */
const closedSession: Pick<OverlaySession, 'dispatch'> = { dispatch: async () => noCapture() };

/**
 * One borderless, always-on-top, opaque window per display, covering exactly that display (DIP
 * bounds), each talking to its own overlay session over the overlay channels. A window is shown
 * once its page says the frame is drawn (`overlay.painted`), so the screen never flashes black.
 */
export function createOverlayWindows(preloadPath: string, logger: Logger): OverlayWindows {
  const slots = new Map<number, Slot>();
  let readyBounds: Rect[] = [];

  routeWindowChannels(
    overlayChannelNames,
    (contents) => slots.get(contents.id),
    { log: 'a window that is not an overlay', message: 'Only a region overlay may use this channel.' },
    logger,
  );

  const reveal = (slot: Slot) => {
    clearTimeout(slot.fallback);
    if (slot.shown || !slot.session || slot.window.isDestroyed()) return;
    slot.shown = true;
    slot.window.setBounds(slot.bounds);
    slot.window.show();
    slot.window.focus();
  };

  const waitForSession = (slot: Slot) => {
    let attach!: (session: OverlaySession) => void;
    slot.attached = new Promise((resolve) => (attach = resolve));
    slot.attach = attach;
  };

  const create = (bounds: Rect, keep: boolean): Slot => {
    const window = new BrowserWindow({
      ...bounds,
      frame: false,
      transparent: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      hasShadow: false,
      enableLargerThanScreen: true,
      show: false,
      backgroundColor: '#000000',
      title: 'Shotput region',
      // Hidden, the page must still fetch and draw its frame at full speed.
      webPreferences: { ...secureWebPreferences(preloadPath), backgroundThrottling: false },
    });
    window.setAlwaysOnTop(true, 'screen-saver');
    window.setBounds(bounds);
    const slot: Slot = {
      window,
      bounds,
      keep,
      shown: false,
      attached: Promise.resolve(closedSession as OverlaySession),
      attach: () => {},
      dispatch: async (channel, payload) => {
        // A page kept ready asks for its frame at load; the answer waits for the next capture.
        const session = slot.session ?? (channel === OVERLAY_CHANNELS.init ? await slot.attached : undefined);
        if (!session) return noCapture();
        const result = await session.dispatch(channel, payload);
        if (channel === OVERLAY_CHANNELS.painted && result.ok && slot.session === session) reveal(slot);
        return result;
      },
    };
    waitForSession(slot);
    const id = window.webContents.id;
    slots.set(id, slot);
    // Closed by the window manager (Alt+F4): the capture is cancelled, not left hanging.
    window.on('closed', () => {
      clearTimeout(slot.fallback);
      slots.delete(id);
      slot.session?.close();
      slot.attach(closedSession as OverlaySession);
    });
    // A page that crashed would leave an always-on-top window nobody can close: the capture is
    // cancelled and the window goes (a new one is made ready after the capture).
    window.webContents.on('render-process-gone', () => {
      logger.warn('A region overlay page crashed; the capture was cancelled.');
      slot.session?.close();
      window.destroy();
    });
    void window.loadURL(`${APP_ORIGIN}/overlay.html`);
    return slot;
  };

  const idleReady = () => [...slots.values()].filter((s) => s.keep && !s.session && !s.window.isDestroyed());

  const keepReady = (displays: Rect[]) => {
    readyBounds = displays;
    for (const slot of slots.values()) {
      if (!slot.keep || displays.some((b) => sameBounds(b, slot.bounds))) continue;
      // A display that went away (or moved): its window goes now, or after the capture using it.
      slot.keep = false;
      if (!slot.session) slot.window.destroy();
    }
    for (const bounds of displays) {
      if (![...slots.values()].some((s) => s.keep && sameBounds(s.bounds, bounds))) create(bounds, true);
    }
  };

  const openOne = (view: OverlayView<OverlaySession>) => {
    const slot = idleReady().find((s) => sameBounds(s.bounds, view.bounds)) ?? create(view.bounds, false);
    slot.session = view.session;
    slot.shown = false;
    slot.attach(view.session);
    slot.fallback = setTimeout(() => reveal(slot), REVEAL_FALLBACK_MS);
  };

  return {
    owns: (contents) => slots.has(contents.id),
    open: (views) => views.forEach(openOne),
    close: () => {
      for (const slot of [...slots.values()]) {
        if (!slot.session) continue;
        clearTimeout(slot.fallback);
        slot.session = undefined;
        if (!slot.keep || slot.window.isDestroyed()) {
          slot.window.destroy();
          continue;
        }
        // Back to waiting: hidden, its page reloaded (the frame gone from its memory) to ask again.
        slot.window.hide();
        slot.shown = false;
        waitForSession(slot);
        slot.window.webContents.reload();
      }
      keepReady(readyBounds);
    },
    keepReady,
  };
}
