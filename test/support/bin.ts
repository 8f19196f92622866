import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The built `shotput` command (dist/cli.js), run with plain node as a user would. */
export function shotputBin(profileDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [`${process.cwd()}/dist/cli.js`, ...args], {
    env: { ...process.env, SHOTPUT_HOME: profileDir },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Node options and environment that make a process log every package it loads to `log` (see package-log.mjs). */
export function packageLogging(log: string): { nodeArgs: string[]; env: Record<string, string> } {
  return { nodeArgs: ['--import', pathToFileURL(join(process.cwd(), 'test/support/package-log.mjs')).href], env: { SHOTPUT_PACKAGE_LOG: log } };
}

export interface SpawnOptions {
  cwd?: string;
  /** Replaces this process's environment (SHOTPUT_HOME is still set to the profile). */
  env?: NodeJS.ProcessEnv;
  /** Logs the packages the command loads to this file. */
  packageLog?: string;
}

/** The built command as a child process, for tests that watch or kill it mid-run. */
export function spawnShotput(profileDir: string, args: string[], options: SpawnOptions = {}): { child: ChildProcess; stderr: () => string; stdout: () => string; exit: Promise<number | null> } {
  const logging = options.packageLog ? packageLogging(options.packageLog) : { nodeArgs: [], env: {} };
  const child = spawn(process.execPath, [...logging.nodeArgs, `${process.cwd()}/dist/cli.js`, ...args], {
    env: { ...(options.env ?? process.env), ...logging.env, SHOTPUT_HOME: profileDir },
    cwd: options.cwd ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => err, stdout: () => out, exit };
}

/** Runs the command to completion without blocking this process (its servers keep answering). */
export async function runShotput(profileDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnShotput(profileDir, args);
  const code = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/**
 * Removes a profile once the `shotput thumbnails` process that an upload started on its own has
 * finished with it: it writes thumbnails after the command has exited, and removing the folder
 * under it fails with ENOTEMPTY. Each kept file leaves thumbnails-pending when its thumbnails are done.
 */
export async function removeProfile(profileDir: string): Promise<void> {
  const pending = join(profileDir, 'thumbnails-pending');
  const waiting = () => {
    try {
      return readdirSync(pending).length > 0;
    } catch {
      return false;
    }
  };
  for (const deadline = Date.now() + 30_000; waiting() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
  rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
