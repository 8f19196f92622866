import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ImageError, ImageErrorCode } from './errors.js';

export interface PendingFile {
  path: string;
  data: Buffer;
}

function writeFailure(path: string, err: unknown): ImageError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? `the folder ${dirname(path)} does not exist`
      : code === 'EACCES' || code === 'EPERM'
        ? `Shotput may not write in ${dirname(path)}`
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'EISDIR'
            ? 'a folder has that name'
            : `the system said ${code ?? (err instanceof Error ? err.message : String(err))}`;
  return new ImageError(ImageErrorCode.writeFailed, path, `${path} could not be written: ${why}. Choose another place to save it.`, { cause: err });
}

/**
 * Writes every file or none: each goes to a temporary name beside its destination and is
 * renamed into place only once all are written, so a failure leaves no partial output and
 * never replaces an existing file with half of a new one.
 */
export async function writeAllAtomically(files: PendingFile[]): Promise<void> {
  const staged: Array<{ temp: string; path: string }> = [];
  const renamed: string[] = [];
  try {
    for (const file of files) {
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(temp, file.data, { flag: 'wx' });
      } catch (err) {
        throw writeFailure(file.path, err);
      }
      staged.push({ temp, path: file.path });
    }
    for (const { temp, path } of staged) {
      try {
        await rename(temp, path);
      } catch (err) {
        throw writeFailure(path, err);
      }
      renamed.push(path);
    }
  } catch (err) {
    await Promise.all([...staged.map((s) => rm(s.temp, { force: true })), ...renamed.map((path) => rm(path, { force: true }))]);
    throw err;
  }
}

/** Writes one file through `fill(tempPath)` and renames it into place; nothing is left on failure. */
export async function writeFileAtomically(path: string, fill: (temp: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fill(temp);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err instanceof ImageError ? err : writeFailure(path, err);
  }
}
