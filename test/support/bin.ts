import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** The built `shotput` command (dist/cli.js), run with plain node as a user would. */
export function shotputBin(profileDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [`${process.cwd()}/dist/cli.js`, ...args], {
    env: { ...process.env, SHOTPUT_HOME: profileDir },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The built command as a child process, for tests that watch or kill it mid-run. */
export function spawnShotput(profileDir: string, args: string[], cwd?: string): { child: ChildProcess; stderr: () => string; stdout: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [`${process.cwd()}/dist/cli.js`, ...args], {
    env: { ...process.env, SHOTPUT_HOME: profileDir },
    cwd: cwd ?? process.cwd(),
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
