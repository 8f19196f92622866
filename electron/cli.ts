#!/usr/bin/env node
import { spawn } from 'node:child_process';
import module from 'node:module';

// Everything the CLI writes in the profile (settings, history, queue, thumbnails) is owner-only.
process.umask(0o077);

// Compiled code is cached on disk (Node 22.1+), so later runs skip compiling what they load;
// the modules are imported below, after this, for that reason.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// `shotput history | head`: once the reader has gone, stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const { runCli } = await import('./cli/run.js');
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stderrIsTTY: process.stderr.isTTY,
  startInBackground(args, env) {
    spawn(process.execPath, [process.argv[1]!, ...args], { env: { ...process.env, ...env }, detached: true, stdio: 'ignore' }).unref();
  },
});
process.exitCode = code;
