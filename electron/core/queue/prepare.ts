import { constants } from 'node:fs';
import { access, copyFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ShotputError } from '../errors.js';
import { detectMime, mimeOfBytes } from '../files/mime.js';
import type { RawPixels } from '../pipeline/index.js';
import { checkAdmission } from '../uploaders/admission.js';
import type { UploaderDescriptor } from '../uploaders/types.js';

/** What a job starts from: a file on disk, encoded bytes in memory (a drop), or a bitmap in memory (a capture). */
export type PrepareInput = { path: string; name: string } | { data: Uint8Array; name: string } | { pixels: RawPixels; name: string };

export interface PreparedFile {
  /** File name inside the job folder. */
  file: string;
  /** The name the service sees. */
  name: string;
  mime: string;
  size: number;
  /** What was done to the file that the user should hear of ("Re-encoded as JPEG quality 75 to fit IM.GE's 50 MB limit…"). */
  note?: string;
}

/**
 * Turns what the user gave into the file the job will upload, inside the job's own folder, so the
 * upload survives the original being moved or deleted. The app's preparer runs the image
 * pipeline (uploads/pipeline-adapters.ts); this one copies as is.
 */
export type FilePreparer = (input: PrepareInput, descriptor: UploaderDescriptor, jobDir: string) => Promise<PreparedFile>;

export const copyAsIs: FilePreparer = async (input, descriptor, jobDir) => {
  if ('pixels' in input) {
    throw new ShotputError('not_encoded', `${input.name} is a bitmap that needs encoding before upload; queue it with the image pipeline as preparer.`);
  }
  const mime = 'path' in input ? await detectMime(input.path) : mimeOfBytes(input.data, input.name);
  checkAdmission(descriptor, { name: input.name, mime });
  const file = basename(input.name) || 'upload';
  // A copy-on-write clone where the filesystem has them (btrfs, APFS, XFS); a plain copy elsewhere.
  if ('path' in input) await copyFile(input.path, join(jobDir, file), constants.COPYFILE_FICLONE);
  else await writeFile(join(jobDir, file), input.data);
  return { file, name: input.name, mime, size: (await stat(join(jobDir, file))).size };
};

/** Refuses a missing, unreadable or empty file before anything is queued. */
export async function checkReadableFile(path: string): Promise<{ size: number; mtimeMs: number }> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ShotputError('file_unreadable', `${path} ${whyUnreadable(code)}.`);
  }
  if (!info.isFile()) throw new ShotputError('file_unreadable', `${path} is not a file.`);
  if (info.size === 0) throw emptyFile(path);
  try {
    // stat() needs only the folder's permission: whether the file itself can be opened is asked here.
    await access(path, constants.R_OK);
  } catch (err) {
    throw new ShotputError('file_unreadable', `${path} ${whyUnreadable((err as NodeJS.ErrnoException).code)}. Check its permissions.`);
  }
  return { size: info.size, mtimeMs: info.mtimeMs };
}

function whyUnreadable(code: string | undefined): string {
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  return `cannot be read (${code ?? 'unknown error'})`;
}

export function emptyFile(name: string): ShotputError {
  return new ShotputError('file_empty', `${name} is empty (0 bytes); there is nothing to upload.`);
}
