#!/usr/bin/env node
// Builds the Node-side bundles (Electron main and preload, the CLI, the harness, the benchmarks)
// with esbuild, and the renderer with Vite. `--node` skips the renderer; `--renderer-if-missing`
// builds the renderer only when a page is missing from dist/renderer.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

/** One preload per window: index.ts is the main window's (dist/electron/preload.cjs), any other is preload-<name>.cjs. */
const preloads = Object.fromEntries(
  ['index', 'overlay', 'editor']
    .filter((name) => existsSync(join(root, `electron/preload/${name}.ts`)))
    .map((name) => [name === 'index' ? 'electron/preload' : `electron/preload-${name}`, `electron/preload/${name}.ts`]),
);

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { 'electron/main': 'electron/main/index.ts', cli: 'electron/cli.ts', harness: 'test/harness/main.ts', bench: 'bench/index.ts', 'bench-upload-target': 'bench/upload-target.ts', 'bench-history-memory': 'bench/history-memory.ts', 'bench-overlay-capture': 'bench/overlay-capture.ts', screenshots: 'scripts/screenshots.ts', standins: 'test/servers/main.ts' },
    outdir: 'dist',
    format: 'esm',
    // Code loaded with import() goes into its own chunk, so `shotput history` loads only the store.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    packages: 'external',
    // Bundled ESM still meets CommonJS-only dependencies through createRequire.
    banner: { js: "import { createRequire as __shotputRequire } from 'node:module'; const require = __shotputRequire(import.meta.url);" },
  }),
  // A sandboxed preload cannot require node_modules: everything but 'electron' is bundled in.
  build({
    ...common,
    entryPoints: preloads,
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    minify: true,
    external: ['electron'],
  }),
]);

const rendererMissing = ['index.html', 'overlay.html'].some((page) => !existsSync(join(root, 'dist/renderer', page)));
if (!args.has('--node') && (!args.has('--renderer-if-missing') || rendererMissing)) {
  const vite = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // Vitest runs this with NODE_ENV=test, which would ship React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
