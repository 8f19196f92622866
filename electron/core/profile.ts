import type { Stats } from 'node:fs';
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The profile folder (settings, secrets, history, queue). SHOTPUT_HOME wins; otherwise the same
 * folder Electron uses as userData for the app, so the CLI and the app share settings.
 */
export function resolveProfileDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.SHOTPUT_HOME) return env.SHOTPUT_HOME;
  const home = homedir();
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Shotput');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Shotput');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Shotput');
  }
}

/**
 * The mode that makes an entry owner-only, or undefined when it needs no change. A file with more
 * than one link is the user's own (an upload kept as a hard link): its mode is theirs, and the
 * private profile folder already hides the link. Symbolic links are not followed.
 */
function ownerOnlyMode(info: Stats): number | undefined {
  if (info.isSymbolicLink() || (info.isFile() && info.nlink > 1) || (info.mode & 0o077) === 0) return undefined;
  return (info.mode & 0o700) | (info.isDirectory() ? 0o700 : 0o600);
}

/** A file Shotput copied into the profile: copies keep their source's mode (libuv sets it), so a 0644 screenshot would stay readable by others. */
export async function makeOwnerOnly(path: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') return;
  const mode = ownerOnlyMode(await lstat(path));
  if (mode !== undefined) await chmod(path, mode);
}

/**
 * Makes the profile owner-only: the folder and every folder in it 0700, every file 0600. Uploads,
 * delete links and (outside the keychain) keys live here; other local users must not read them.
 * Shotput writes everything owner-only (umask 077, makeOwnerOnly for copies), so a profile folder
 * that is already private only has its own entries checked (settings edited by hand, say): walking
 * a million thumbnails at every start would make every command slow. A folder that is not private
 * (made by an older version, copied in, made by hand) gets every entry in it checked. Files with
 * more than one link are never changed: they are the user's own files, kept as hard links.
 * Returns how many entries it had to change. Windows has no such modes: nothing to do there.
 */
export async function secureProfile(dir: string, platform: NodeJS.Platform = process.platform): Promise<number> {
  if (platform === 'win32') return 0;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const walkAll = ((await lstat(dir)).mode & 0o077) !== 0;
  let fixed = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const path = stack.pop()!;
    let info;
    try {
      info = await lstat(path);
    } catch {
      continue; // removed meanwhile
    }
    const mode = ownerOnlyMode(info);
    if (mode !== undefined) {
      await chmod(path, mode).catch(() => undefined);
      fixed++;
    }
    if (info.isDirectory() && (walkAll || path === dir)) {
      for (const name of await readdir(path).catch(() => [] as string[])) stack.push(join(path, name));
    }
  }
  return fixed;
}
