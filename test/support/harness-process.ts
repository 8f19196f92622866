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
export function startHarnessProcess(profileDir: string, launchFiles: string[] = []): Promise<HarnessProcess> {
  return startHarnessWith(['--port', '0', ...launchFiles], profileDir, /Harness ready at (http:\/\/127\.0\.0\.1:\d+\/)/);
}

/**
 * The harness with ARGS, resolved once its output matches `ready` (whose first group is the URL).
 * `built: true` runs the bundle the e2e setup already built, skipping `npm run harness`'s build step.
 */
export async function startHarnessWith(args: string[], profileDir: string, ready: RegExp, options: { built?: boolean } = {}): Promise<HarnessProcess> {
  const entry = options.built ? ['--enable-source-maps', 'dist/harness.js'] : ['scripts/harness.mjs'];
  const child = spawn(process.execPath, [...entry, ...args], {
    env: { ...process.env, SHOTPUT_HOME: profileDir },
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
