import { mkdir, open, readFile, rename, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * An append-only file of JSON lines, one operation per line, flushed to disk before append()
 * resolves. A crash can at worst leave a torn last line: replay() drops it (and trims the file)
 * instead of refusing the whole log.
 */
export class Journal<Op> {
  private handle: FileHandle | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Every operation in order, and how many lines were unreadable. */
  async replay(): Promise<{ ops: Op[]; dropped: number }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ops: [], dropped: 0 };
      throw err;
    }
    const ops: Op[] = [];
    let dropped = 0;
    let goodBytes = 0;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const isLast = i === lines.length - 1;
      if (line.trim() === '') {
        if (!isLast) goodBytes += Buffer.byteLength(line) + 1;
        continue;
      }
      try {
        ops.push(JSON.parse(line) as Op);
        goodBytes += Buffer.byteLength(line) + (isLast ? 0 : 1);
      } catch {
        dropped++;
        if (isLast) await truncate(this.path, goodBytes);
      }
    }
    return { ops, dropped };
  }

  append(op: Op): Promise<void> {
    return this.enqueue(async () => {
      const handle = await this.open();
      await handle.appendFile(`${JSON.stringify(op)}\n`);
      await handle.datasync();
    });
  }

  /** Replaces the whole log with `ops` (compaction), atomically. */
  rewrite(ops: readonly Op[]): Promise<void> {
    return this.enqueue(async () => {
      await this.handle?.close();
      this.handle = undefined;
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, ops.map((op) => `${JSON.stringify(op)}\n`).join(''));
      await rename(tmp, this.path);
    });
  }

  close(): Promise<void> {
    return this.enqueue(async () => {
      await this.handle?.close();
      this.handle = undefined;
    });
  }

  private async open(): Promise<FileHandle> {
    if (!this.handle) {
      await mkdir(dirname(this.path), { recursive: true });
      this.handle = await open(this.path, 'a');
    }
    return this.handle;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => {});
    return next;
  }
}
