import { runCli } from '../../electron/cli/run.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with a given profile, capturing its output. */
export async function cli(profileDir: string, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { SHOTPUT_HOME: profileDir },
    cwd: profileDir,
  });
  return { code, stdout, stderr };
}
