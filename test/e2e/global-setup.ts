import { spawnSync } from 'node:child_process';

/** Builds the CLI, the harness and the renderer once, so every e2e test runs what a user runs. */
export default function setup(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed; see the output above.');
}
