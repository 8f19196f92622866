import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { DoubleCommands, DoubleSnapshot, WindowSnapshot } from '../electron-double/control.js';
import type { DisplayConfig } from '../electron-double/electron.js';
import { packageLogging } from './bin.js';

const root = process.cwd();
const doubleBundle = join(root, 'dist/test/electron-double.mjs');

/** Bundles the electron double (TypeScript) for Node; the app's own bundles come from scripts/build.mjs. */
export async function buildElectronDouble(): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: ['test/electron-double/index.ts'],
    outfile: doubleBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

type Command = keyof DoubleCommands;
type Result<C extends Command> = Awaited<ReturnType<DoubleCommands[C]>>;

export interface RunningMain {
  child: ChildProcess;
  send<C extends Command>(command: C, ...args: Parameters<DoubleCommands[C]>): Promise<Result<C>>;
  snapshot(): Promise<DoubleSnapshot>;
  /** Polls the snapshot until `check` returns a value (not undefined/false), or fails with the last snapshot. */
  waitFor<T>(check: (s: DoubleSnapshot) => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  output(): string;
  exit: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts the BUILT main process (dist/electron/main.js) in plain Node with 'electron' resolved to
 * the double, and returns a remote control for it.
 */
export function startMainOnDouble(options: {
  profileDir: string;
  displays?: DisplayConfig[];
  takenAccelerators?: string[];
  env?: Record<string, string>;
  /** A file that gets the name of every package the process loads (test/support/package-log.mjs). */
  packageLog?: string;
}): RunningMain {
  const logging = options.packageLog ? packageLogging(options.packageLog) : { nodeArgs: [], env: {} };
  const child = fork(join(root, 'dist/electron/main.js'), [], {
    execArgv: ['--import', pathToFileURL(join(root, 'test/electron-double/register.mjs')).href, ...logging.nodeArgs],
    env: {
      ...process.env,
      SHOTPUT_HOME: options.profileDir,
      SHOTPUT_ELECTRON_DOUBLE: pathToFileURL(doubleBundle).href,
      SHOTPUT_DOUBLE_DISPLAYS: JSON.stringify(options.displays ?? []),
      SHOTPUT_DOUBLE_TAKEN: (options.takenAccelerators ?? []).join(','),
      XDG_CURRENT_DESKTOP: '',
      XDG_SESSION_TYPE: 'x11',
      ...logging.env,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Structured clone: a window's IPC payload may carry bytes (the editor's pixels), as Electron's does.
    serialization: 'advanced',
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const waiter = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) waiter?.resolve(m.value);
    else waiter?.reject(new Error(m.error));
  });
  void exit.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`The main process exited:\n${output}`));
  });
  const send = <C extends Command>(command: C, ...args: Parameters<DoubleCommands[C]>) =>
    new Promise<Result<C>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, command, args });
    });
  const snapshot = () => send('snapshot');
  return {
    child,
    send,
    snapshot,
    output: () => output,
    exit,
    async waitFor(check, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last: DoubleSnapshot | undefined;
      while (Date.now() < deadline) {
        last = await snapshot();
        const value = check(last);
        if (value !== undefined && value !== false) return value as NonNullable<typeof value>;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`Timed out waiting for ${what}. Last snapshot: ${JSON.stringify(last, null, 1).slice(0, 4000)}\nOutput:\n${output}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exit;
    },
  };
}

/** An overlay window, shown or kept ready (hidden). */
export const isOverlayWindow = (w: WindowSnapshot) => w.url.endsWith('/overlay.html') && !w.destroyed;
/** An overlay window the user sees. */
export const isShownOverlay = (w: WindowSnapshot) => isOverlayWindow(w) && w.visible;

/**
 * Acts as the overlay pages after a capture started: each says its frame is drawn
 * (`overlay.painted`) once the capture has given it one, and main shows it. Resolves to the
 * `count` shown overlays.
 */
export async function showOverlays(app: RunningMain, count: number, timeoutMs = 15_000): Promise<WindowSnapshot[]> {
  const deadline = Date.now() + timeoutMs;
  let shown: WindowSnapshot[] = [];
  while (Date.now() < deadline) {
    const snapshot = await app.snapshot();
    for (const w of snapshot.windows.filter((w) => isOverlayWindow(w) && !w.visible)) await app.send('invoke', w.webContentsId, 'overlay.painted', {});
    shown = (await app.snapshot()).windows.filter(isShownOverlay);
    if (shown.length === count) return shown;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Expected ${count} shown overlays, saw ${shown.length}.\nOutput:\n${app.output()}`);
}
