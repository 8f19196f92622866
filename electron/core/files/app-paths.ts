import { realpath } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/** URL path prefixes and the folders they serve, e.g. `{ '/': rendererDir, '/thumbs/': thumbnailsDir }`. */
export type AppMounts = Record<string, string>;

export type ResolvedAppPath = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

const inside = (root: string, file: string) => {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * The file an app:// (or harness) URL path names, or why it is refused. The one path check for
 * the app's pages and thumbnails, used by electron/main/protocol.ts and the harness: malformed
 * percent-encoding is a 400, anything that would leave its folder (`..`, `%2e%2e`, encoded
 * slashes, absolute paths, symlinks pointing out) a 403, a missing file a 404.
 */
export async function resolveAppPath(pathname: string, mounts: AppMounts): Promise<ResolvedAppPath> {
  let wanted: string;
  try {
    wanted = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return { ok: false, status: 400, reason: 'Bad request: malformed percent-encoding in the path.' };
  }
  if (wanted.includes('\0') || wanted.includes('\\')) return { ok: false, status: 400, reason: 'Bad request: the path holds characters no file of the app has.' };
  const prefix = Object.keys(mounts)
    .filter((p) => wanted.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix === undefined) return { ok: false, status: 404, reason: 'Not found' };
  const root = mounts[prefix]!;
  const file = normalize(join(root, wanted.slice(prefix.length)));
  if (!inside(root, file)) return { ok: false, status: 403, reason: 'Forbidden' };
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return { ok: false, status: 404, reason: 'Not found' };
  }
  // A symlink inside the folder may still point outside it.
  if (!inside(await realpath(root).catch(() => root), real)) return { ok: false, status: 403, reason: 'Forbidden' };
  return { ok: true, file: real };
}
