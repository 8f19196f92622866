import { spawnSync } from 'node:child_process';

/** The built `shotput` command (dist/cli.js), run with plain node as a user would. */
export function shotputBin(profileDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    env: { ...process.env, SHOTPUT_HOME: profileDir },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
