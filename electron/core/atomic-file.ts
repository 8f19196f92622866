import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Replaces a file in one step (write a sibling, then rename over it), so a crash leaves either
 * the old file or the new one, never half of each. `mode` applies to the new file.
 */
let writes = 0;

export async function writeFileAtomic(path: string, text: string, options: { mode?: number } = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Its own sibling per write: two writes of one file at once must not rename each other's.
  const tmp = `${path}.${process.pid}.${++writes}.tmp`;
  await writeFile(tmp, text, { mode: options.mode });
  if (options.mode !== undefined) await chmod(tmp, options.mode);
  await rename(tmp, path);
}
