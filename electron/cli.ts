#!/usr/bin/env node
import { runCli } from './cli/run.js';

// Everything the CLI writes in the profile (settings, history, queue, thumbnails) is owner-only.
process.umask(0o077);

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stderrIsTTY: process.stderr.isTTY,
});
process.exitCode = code;
