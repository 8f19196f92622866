import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DisplayLayout } from '../geometry.js';
import { CaptureErrorCode, captureError, type CaptureSource } from '../types.js';
import { desktopFileSource, type ScreenshotFile } from './desktop-file.js';

type DBus = typeof import('dbus-next');
type Bus = import('dbus-next').MessageBus;
type DBusMessage = import('dbus-next').Message;

export const PORTAL_NAME = 'org.freedesktop.portal.Desktop';
export const PORTAL_PATH = '/org/freedesktop/portal/desktop';
export const SCREENSHOT_INTERFACE = 'org.freedesktop.portal.Screenshot';
export const REQUEST_INTERFACE = 'org.freedesktop.portal.Request';

export interface PortalOptions {
  /** The session bus address; DBUS_SESSION_BUS_ADDRESS unless given. */
  busAddress?: string;
  layouts?: () => Promise<DisplayLayout[]>;
  /** How long to wait for the portal's answer (the user may be asked once to allow it). */
  timeoutMs?: number;
}

/** The portal's Response codes: 0 success, 1 cancelled by the user, 2 anything else. */
const RESPONSE_CANCELLED = 1;

/** The Request object path the portal will answer on, per the portal's documented rule. */
export function requestPath(uniqueName: string, token: string): string {
  return `${PORTAL_PATH}/request/${uniqueName.replace(/^:/, '').replace(/\./g, '_')}/${token}`;
}

async function connect(dbus: DBus, busAddress: string | undefined): Promise<Bus> {
  const bus = dbus.sessionBus(busAddress ? { busAddress } : {});
  await new Promise<void>((resolve, reject) => {
    bus.once('connect', () => resolve());
    bus.once('error', reject);
  });
  return bus;
}

/**
 * Asks xdg-desktop-portal for one non-interactive screenshot over D-Bus and resolves to the
 * file it wrote: call Screenshot with a handle_token, then wait for the Response signal on the
 * matching Request object (subscribed to before the call, so a fast answer is not missed).
 */
export async function portalScreenshot(dbus: DBus, options: PortalOptions = {}): Promise<ScreenshotFile> {
  const { Message, Variant } = dbus;
  let bus: Bus;
  try {
    bus = await connect(dbus, options.busAddress);
  } catch (err) {
    throw captureError(
      CaptureErrorCode.unavailable,
      `Could not reach the D-Bus session bus for the screenshot portal (${(err as Error).message}). Is this a desktop session? Set capture.command to a screenshot command (grim {file}, spectacle -b -n -o {file}) instead.`,
      err,
    );
  }
  try {
    const token = `shotput_${randomBytes(6).toString('hex')}`;
    const handle = requestPath((bus as Bus & { name: string }).name, token);
    const rule = `type='signal',sender='${PORTAL_NAME}',interface='${REQUEST_INTERFACE}',member='Response',path='${handle}'`;
    const answer = new Promise<{ code: number; results: Record<string, { value: unknown }> }>((resolve) => {
      bus.on('message', (msg: DBusMessage) => {
        if (msg.type === dbus.MessageType.SIGNAL && msg.path === handle && msg.interface === REQUEST_INTERFACE && msg.member === 'Response') {
          resolve({ code: msg.body[0] as number, results: msg.body[1] as Record<string, { value: unknown }> });
        }
      });
    });
    await bus.call(
      new Message({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'AddMatch', signature: 's', body: [rule] }),
    );
    try {
      await bus.call(
        new Message({
          destination: PORTAL_NAME,
          path: PORTAL_PATH,
          interface: SCREENSHOT_INTERFACE,
          member: 'Screenshot',
          signature: 'sa{sv}',
          body: ['', { handle_token: new Variant('s', token), interactive: new Variant('b', false), modal: new Variant('b', false) }],
        }),
      );
    } catch (err) {
      throw captureError(
        CaptureErrorCode.unavailable,
        `The desktop's screenshot portal did not answer (${(err as Error).message}). Install xdg-desktop-portal and your desktop's backend (xdg-desktop-portal-gnome, -kde or -wlr), or set capture.command to a screenshot command such as "grim {file}".`,
        err,
      );
    }
    const timeoutMs = options.timeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(captureError(CaptureErrorCode.failed, `The screenshot portal gave no answer within ${Math.round(timeoutMs / 1000)} s. Try again, or set capture.command.`)),
        timeoutMs,
      );
    });
    const { code, results } = await Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
    if (code === RESPONSE_CANCELLED) throw captureError(CaptureErrorCode.cancelled, 'The screenshot was cancelled (the desktop asked, and it was not allowed).');
    const uri = results['uri']?.value;
    if (code !== 0 || typeof uri !== 'string' || !uri.startsWith('file://')) {
      throw captureError(CaptureErrorCode.failed, `The screenshot portal refused the screenshot (response ${code}). Check that screenshots are allowed for Shotput in the desktop's privacy settings.`);
    }
    // The portal saves into the user's Pictures folder; the screenshot was ours, not theirs to keep.
    const path = fileURLToPath(uri);
    return { path, remove: () => rm(path, { force: true }) };
  } finally {
    bus.disconnect();
  }
}

/** dbus-next is CommonJS: its exports sit on `default` when imported from ESM. */
async function loadDbusNext(): Promise<DBus> {
  const module = (await import('dbus-next')) as DBus & { default?: DBus };
  return module.default ?? module;
}

/** Wayland (GNOME, KDE, wlroots with xdg-desktop-portal-wlr): the xdg-desktop-portal Screenshot interface. */
export function portalSource(options: PortalOptions & { load?: () => Promise<DBus> } = {}): CaptureSource {
  const load = options.load ?? loadDbusNext;
  return desktopFileSource({
    id: 'portal',
    label: 'xdg-desktop-portal Screenshot (Wayland)',
    screenshot: async () => portalScreenshot(await load(), options),
    ...(options.layouts ? { layouts: options.layouts } : {}),
  });
}
