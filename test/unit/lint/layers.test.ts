import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempProfile } from '../../support/profile.js';

const root = process.cwd();
const run = promisify(execFile);

/** A small tree shaped like the app's, plus `extra` files, checked by the real .dependency-cruiser.cjs. */
async function cruise(extra: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  const dir = await tempProfile();
  const files: Record<string, string> = {
    'tsconfig.base.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowImportingTsExtensions: true } }),
    'shared/format.ts': 'export const unit = "KB";\n',
    'shared/ipc/channels.ts': 'export const CHANNEL_NAMES = ["app.info"] as const;\n',
    'shared/ipc/contract.ts': 'import { CHANNEL_NAMES } from "./channels.ts";\nexport const channels = CHANNEL_NAMES;\n',
    'electron/core/pipeline/process.ts': 'import { unit } from "../../../shared/format.ts";\nexport const processImage = () => unit;\n',
    'electron/core/settings/service.ts': 'import { processImage } from "../pipeline/process.ts";\nexport const settings = processImage;\n',
    'electron/core/app.ts': 'import { settings } from "./settings/service.ts";\nexport const createCore = () => settings;\n',
    'electron/preload/index.ts': 'import { CHANNEL_NAMES } from "../../shared/ipc/channels.ts";\nexport const names = CHANNEL_NAMES;\n',
    ...extra,
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  try {
    const { stdout } = await run(process.execPath, [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs'), 'electron', 'shared', '--config', join(root, '.dependency-cruiser.cjs')], { cwd: dir });
    return { ok: true, output: stdout };
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout ?? ''}${stderr ?? ''}` };
  }
}

describe('the layer and cycle check (npm run lint)', () => {
  it('passes a tree that keeps the layers', async () => {
    const result = await cruise({});
    expect(result.output).toContain('no dependency violations found');
    expect(result.ok).toBe(true);
  }, 120_000);

  it('fails when the pipeline imports a service', async () => {
    const result = await cruise({
      'electron/core/pipeline/process.ts': 'import { settings } from "../settings/service.ts";\nexport const processImage = () => settings;\n',
      'electron/core/settings/service.ts': 'export const settings = 1;\n',
    });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/leaf-libraries-stand-alone: electron\/core\/pipeline\/process\.ts → electron\/core\/settings\/service\.ts/);
  }, 120_000);

  it('fails on an import cycle', async () => {
    const result = await cruise({
      'electron/core/queue/queue.ts': 'import { record } from "../uploads/service.ts";\nexport const queue = () => record;\n',
      'electron/core/uploads/service.ts': 'import { queue } from "../queue/queue.ts";\nexport const record = () => queue;\n',
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('no-circular');
  }, 120_000);

  it('fails when a service reaches up into the composition root, or a preload into the contract', async () => {
    const result = await cruise({
      'electron/core/history/service.ts': 'import { createCore } from "../app.ts";\nexport const history = createCore;\n',
      'electron/preload/index.ts': 'import { channels } from "../../shared/ipc/contract.ts";\nexport const names = channels;\n',
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('core-services-below-ipc-and-app: electron/core/history/service.ts → electron/core/app.ts');
    expect(result.output).toContain('preload-carries-names-only: electron/preload/index.ts → shared/ipc/contract.ts');
  }, 120_000);
});
