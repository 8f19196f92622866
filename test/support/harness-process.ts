import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface HarnessProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** `npm run harness -- --port 0 [files…]` as a developer runs it, on the given profile; the files are opened as the app opens its launch files. */
export async function startHarnessProcess(profileDir: string, launchFiles: string[] = []): Promise<HarnessProcess> {
  return spawnHarness(['--port', '0', ...launchFiles], { SHOTPUT_HOME: profileDir }, /Harness ready at (http:\/\/127\.0\.0\.1:\d+\/)/);
}

export interface OverlayHarnessProcess extends HarnessProcess {
  /** The one JSON line printed when the overlay is confirmed or cancelled, and the exit code after it. */
  result(): Promise<{ printed: unknown; code: number | null }>;
}

/**
 * `npm run harness -- --overlay IMAGE --port 0 [options…]`: the region overlay on an image.
 * `built: true` starts dist/harness.js directly, skipping the npm script's rebuild check, for
 * tests that start many overlays after the e2e setup has built everything.
 */
export async function startOverlayHarnessProcess(image: string, options: string[] = [], how: { built?: boolean } = {}): Promise<OverlayHarnessProcess> {
  const harness = await spawnHarness(['--overlay', image, '--port', '0', ...options], {}, /Overlay ready at (http:\/\/127\.0\.0\.1:\d+\/overlay\.html)/, how.built ? 'dist/harness.js' : 'scripts/harness.mjs');
  const exited = new Promise<number | null>((resolve) => {
    if (harness.child.exitCode !== null) resolve(harness.child.exitCode);
    else harness.child.once('exit', (code) => resolve(code));
  });
  return {
    ...harness,
    async result() {
      const code = await exited;
      const lines = harness.output().split('\n').filter((line) => line.startsWith('{'));
      if (lines.length !== 1) throw new Error(`Expected one JSON line from the overlay harness, got ${lines.length}:\n${harness.output()}`);
      return { printed: JSON.parse(lines[0]!), code };
    },
  };
}

/**
 * The harness with ARGS on a profile, resolved once its output matches `ready` (whose first group
 * is the URL). `built: true` runs the bundle the e2e setup already built.
 */
export function startHarnessWith(args: string[], profileDir: string, ready: RegExp, how: { built?: boolean } = {}): Promise<HarnessProcess> {
  return spawnHarness(args, { SHOTPUT_HOME: profileDir }, ready, how.built ? 'dist/harness.js' : 'scripts/harness.mjs');
}

async function spawnHarness(args: string[], env: Record<string, string>, ready: RegExp, script = 'scripts/harness.mjs'): Promise<HarnessProcess> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The harness did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', () => {
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`The harness exited with ${code}:\n${output}`)));
  });
  return {
    url,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
