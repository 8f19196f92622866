#!/usr/bin/env node
// `npm run harness -- --port N`: builds the Node bundles (and the renderer only if it is missing),
// then runs the harness in this process's place so SIGTERM reaches it directly.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--renderer-if-missing'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/harness.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
