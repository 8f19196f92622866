/**
 * `npm run harness -- --overlay IMAGE [--windows FILE.json] [--last-region X,Y,W,H] [--scale-factor S] [--port N]`:
 * the region overlay on any image, in a browser; `--scale-factor` is the captured display's (a
 * page of the image's size divided by it, at that device scale, shows one image pixel per device pixel). The image is decoded once to raw RGBA (as a
 * capture arrives) and served at /capture/<token>; the page talks to the same overlay session
 * Electron main uses. A confirmed region is printed as one JSON line in image pixels, a cancel as
 * {"cancelled":true}; then the harness exits 0.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { z } from 'zod';
import { overlayWindowSchema, type OverlayInit, type OverlayOutcome } from '../../shared/ipc/overlay-contract.js';
import { createOverlaySession } from '../../electron/core/ipc/overlay-session.js';
import type { Logger } from '../../electron/core/logger.js';
import { startBridgeServer } from './harness.js';

export interface OverlayHarnessOptions {
  image: string;
  windowsFile?: string;
  lastRegion?: string;
  scaleFactor?: string;
  port: number;
  rendererDir: string;
  logger: Logger;
  /**
   * Behave as a window kept ready: the page's `overlay.init` waits until `keptReady.capture()`
   * (a capture giving it a frame), as in the app; for the benchmark.
   */
  keptReady?: boolean;
}

/** A window kept ready, driven by hand: when its page asked, when a capture gave it the frame, when the page drew it. */
export interface KeptReadyControl {
  /** Resolves once the loaded page has asked for its frame (and waits). */
  pageWaiting(): Promise<void>;
  /** A capture gives the waiting page its frame. */
  capture(): void;
  /** Resolves (performance.now() of this process) when the page says the frame is drawn. */
  painted(): Promise<number>;
  /** Back to waiting, for the next navigation. */
  reset(): void;
}

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export class UsageError extends Error {}

/** Decodes any image sharp reads into tightly packed RGBA, as a capture source delivers it. */
async function decodeToRgba(path: string): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    const { data, info } = await sharp(path).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (err) {
    throw new UsageError(`Cannot read ${path} as an image (${err instanceof Error ? err.message : String(err)}); give a PNG, JPEG, WebP, GIF or TIFF file.`);
  }
}

async function readWindows(path: string): Promise<OverlayInit['windows']> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`Cannot read the windows list ${path}: ${err instanceof Error ? err.message : String(err)}.`);
  }
  const parsed = z.array(overlayWindowSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(
      `${path} is not a windows list: at ${issue.path.join('.') || 'the top'}, ${issue.message}. Expected [{"id","title","app","x","y","width","height"}, …] in image pixels, topmost first.`,
    );
  }
  return parsed.data;
}

function parseRegion(text: string): OverlayInit['lastRegion'] {
  const parts = text.split(',').map(Number);
  const [x, y, width, height] = parts;
  if (parts.length !== 4 || !parts.every(Number.isInteger) || width! < 1 || height! < 1) {
    throw new UsageError(`--last-region needs X,Y,W,H as integers with W and H at least 1; got ${JSON.stringify(text)}.`);
  }
  return { x: x!, y: y!, width: width!, height: height! };
}

function parseScaleFactor(text: string | undefined): number {
  if (text === undefined) return 1;
  const value = Number(text);
  if (!(value > 0 && value <= 16)) throw new UsageError(`--scale-factor needs a number above 0 and at most 16, like 1.5 or 2; got ${JSON.stringify(text)}.`);
  return value;
}

export async function startOverlayHarness(
  options: OverlayHarnessOptions,
): Promise<{ url: string; outcome: Promise<OverlayOutcome>; close(): Promise<void>; keptReady: KeptReadyControl }> {
  const [image, windows] = await Promise.all([decodeToRgba(options.image), options.windowsFile ? readWindows(options.windowsFile) : []]);
  const framePath = `/capture/${randomBytes(16).toString('hex')}`;
  const session = createOverlaySession({
    frame: { url: framePath, width: image.width, height: image.height, format: 'rgba' },
    scaleFactor: parseScaleFactor(options.scaleFactor),
    windows,
    lastRegion: options.lastRegion ? parseRegion(options.lastRegion) : null,
  });
  let waiting = deferred<void>();
  let captured = deferred<void>();
  let painted = deferred<number>();
  if (!options.keptReady) captured.resolve();
  const keptReady: KeptReadyControl = {
    pageWaiting: () => waiting.promise,
    capture: () => captured.resolve(),
    painted: () => painted.promise,
    reset: () => {
      waiting = deferred();
      captured = deferred();
      painted = deferred();
      if (!options.keptReady) captured.resolve();
    },
  };
  const dispatch: typeof session.dispatch = async (channel, payload) => {
    if (channel === 'overlay.init') {
      waiting.resolve();
      await captured.promise;
    }
    const result = await session.dispatch(channel, payload);
    if (channel === 'overlay.painted') painted.resolve(performance.now());
    return result;
  };
  const server = await startBridgeServer({
    rendererDir: options.rendererDir,
    port: options.port,
    dispatch,
    logger: options.logger,
    blobs: new Map([[framePath, { body: image.data, type: 'application/octet-stream' }]]),
  });
  return { url: `${server.url}overlay.html`, outcome: session.outcome, close: server.close, keptReady };
}

/** The harness's overlay mode as a command: prints the ready line, then the outcome, and exits. */
export async function runOverlayHarness(options: OverlayHarnessOptions): Promise<never> {
  let overlay;
  try {
    overlay = await startOverlayHarness(options);
  } catch (err) {
    console.error(`harness: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  }
  console.log(`Overlay ready at ${overlay.url}`);
  const stop = async () => {
    await overlay.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  const outcome = await overlay.outcome;
  console.log(JSON.stringify('region' in outcome ? outcome.region : outcome));
  // Let the page receive its answer before the server goes.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return stop() as Promise<never>;
}
