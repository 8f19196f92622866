import { createRequire } from 'node:module';
import type { RawImage, Rect } from '../geometry.js';
import { CaptureErrorCode, captureError } from '../types.js';

/** Reads any rectangle of the X server's root window: a region without grabbing whole monitors. */
export interface AreaGrabber {
  /** `rect` in root-window pixels (the virtual screen's physical pixels on X11). */
  grab(rect: Rect): Promise<RawImage>;
  close(): void;
}

/** The part of the `x11` package (node-x11, the X protocol in plain JavaScript) used here. */
interface X11Client {
  GetImage(format: number, drawable: number, x: number, y: number, width: number, height: number, planeMask: number, callback: (err: Error | null, image: { depth: number; data: Buffer }) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  terminate(): void;
  stream?: { unref?(): void };
}
interface X11Display {
  client: X11Client;
  screen: Array<{ root: number; root_depth: number }>;
  /** 0: least significant byte first. */
  image_byte_order: number;
  /** Pixmap formats by depth. */
  format: Record<number, { bits_per_pixel: number }>;
}
interface X11Module {
  createClient(options: { display?: string }, callback: (err: Error | null, display: X11Display) => void): X11Client;
}

const Z_PIXMAP = 2;
const ALL_PLANES = 0xffffffff;
const GRAB_TIMEOUT_MS = 5000;

/** X's 32-bit BGRX pixels (depth 24, least significant byte first) as opaque RGBA, in place of a copy per byte. */
export function bgrxToRgba(bgrx: Buffer, width: number, height: number): Buffer {
  const count = width * height;
  const out = Buffer.allocUnsafe(count * 4);
  const aligned = bgrx.byteOffset % 4 === 0 ? bgrx : Buffer.from(bgrx);
  const src = new Uint32Array(aligned.buffer, aligned.byteOffset, count);
  const dst = new Uint32Array(out.buffer, out.byteOffset, count);
  for (let i = 0; i < count; i++) {
    const v = src[i]!;
    dst[i] = (0xff000000 | ((v & 0xff) << 16) | (v & 0xff00) | ((v >>> 16) & 0xff)) >>> 0;
  }
  return out;
}

/**
 * GetImage on the root window over one X connection, opened at the first grab and never keeping
 * the process alive. Only the common pixel layout is read (depth 24 in 32-bit little-endian
 * pixels); anything else is refused, and the caller captures whole monitors instead.
 */
export function x11AreaGrabber(options: { display: string; load?: () => X11Module }): AreaGrabber {
  let connection: Promise<X11Display> | undefined;
  const connect = () =>
    (connection ??= new Promise<X11Display>((resolve, reject) => {
      const x11 = (options.load ?? (() => createRequire(import.meta.url)('x11') as X11Module))();
      const client = x11.createClient({ display: options.display }, (err, display) => {
        if (err) return reject(err);
        client.stream?.unref?.();
        resolve(display);
      });
      client.on('error', (err) => {
        connection = undefined;
        reject(err);
      });
    }).catch((err: unknown) => {
      connection = undefined;
      throw captureError(CaptureErrorCode.unavailable, `Could not talk to the X server ${options.display}: ${(err as Error).message}`, err);
    }));

  return {
    async grab(rect) {
      const display = await connect();
      const screen = display.screen[0]!;
      const bits = display.format[screen.root_depth]?.bits_per_pixel;
      if (screen.root_depth !== 24 || bits !== 32 || display.image_byte_order !== 0) {
        throw captureError(CaptureErrorCode.unsupported, `The X server's pixels are depth ${screen.root_depth} at ${bits ?? '?'} bits, not the 24-in-32 this reader takes.`);
      }
      const image = await new Promise<{ data: Buffer }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer within ${GRAB_TIMEOUT_MS / 1000} s`)), GRAB_TIMEOUT_MS);
        display.client.GetImage(Z_PIXMAP, screen.root, rect.x, rect.y, rect.width, rect.height, ALL_PLANES, (err, got) => {
          clearTimeout(timer);
          if (err) reject(err);
          else resolve(got);
        });
      }).catch((err: unknown) => {
        throw captureError(CaptureErrorCode.failed, `Reading ${rect.width}×${rect.height} at ${rect.x},${rect.y} from the X server failed: ${(err as Error).message}`, err);
      });
      if (image.data.length < rect.width * rect.height * 4) {
        throw captureError(CaptureErrorCode.failed, `The X server sent ${image.data.length} bytes for a ${rect.width}×${rect.height} area.`);
      }
      // The caller knows the display's scale factor.
      return { data: bgrxToRgba(image.data, rect.width, rect.height), width: rect.width, height: rect.height, x: rect.x, y: rect.y, scaleFactor: 1 };
    },
    close() {
      void connection?.then((display) => display.client.terminate()).catch(() => undefined);
      connection = undefined;
    },
  };
}
