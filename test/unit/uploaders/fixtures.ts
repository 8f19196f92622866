import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { StandIn } from '../../servers/kit/stand-in.js';

const dirs: string[] = [];
const servers: StandIn[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Closes the stand-in after the test. */
export function track<T extends StandIn>(server: T): T {
  servers.push(server);
  return server;
}

export interface TestFile {
  path: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/**
 * A PNG-looking file: a real signature and IHDR with the given size, then `bytes` of noise. The
 * stand-ins read the header as the real hosts do; nobody decodes the pixels.
 */
export async function pngFile(options: { bytes?: number; width?: number; height?: number; name?: string } = {}): Promise<TestFile> {
  const dir = await mkdtemp(join(tmpdir(), 'shotput-upload-'));
  dirs.push(dir);
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(options.width ?? 640, 16);
  header.writeUInt32BE(options.height ?? 480, 20);
  const data = Buffer.concat([header, randomBytes(Math.max(0, (options.bytes ?? 4096) - header.length))]);
  const name = options.name ?? 'shot.png';
  const path = join(dir, name);
  await writeFile(path, data);
  return { path, name, mime: 'image/png', size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

/** A file that is not an image. */
export async function textFile(text = 'not an image\n'): Promise<TestFile> {
  const dir = await mkdtemp(join(tmpdir(), 'shotput-upload-'));
  dirs.push(dir);
  const path = join(dir, 'notes.txt');
  await writeFile(path, text);
  return { path, name: 'notes.txt', mime: 'text/plain', size: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') };
}

export function asSource(file: TestFile) {
  return { kind: 'file' as const, path: file.path, name: file.name, mime: file.mime, size: file.size };
}

/** Resolves once `check` is true, polling; for waiting on a server to see bytes. */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** What the server received for each choice: `send` uploads with it, `read` picks the value out of the log. */
export async function sentFor<T extends string>(choices: readonly T[], send: (choice: T) => Promise<unknown>, read: () => string | undefined): Promise<Record<string, string | undefined>> {
  const sent: Record<string, string | undefined> = {};
  for (const choice of choices) {
    await send(choice);
    sent[choice] = read();
  }
  return sent;
}
