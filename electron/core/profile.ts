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
 * Makes the profile owner-only: the folder and every folder in it 0700, every file 0600. Uploads,
 * delete links and (outside the keychain) keys live here; other local users must not read them.
 * Run at every start, so a profile made by an older version or copied in is fixed too. Returns
 * how many entries it had to change. Windows has no such modes: nothing to do there.
 */
export async function secureProfile(dir: string, platform: NodeJS.Platform = process.platform): Promise<number> {
  if (platform === 'win32') return 0;
  await mkdir(dir, { recursive: true, mode: 0o700 });
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
    if (info.isSymbolicLink()) continue;
    const wanted = info.isDirectory() ? 0o700 : 0o600;
    if ((info.mode & 0o777) !== wanted && (info.mode & 0o077) !== 0) {
      await chmod(path, (info.mode & 0o700) | (info.isDirectory() ? 0o700 : 0o600)).catch(() => undefined);
      fixed++;
    }
    if (info.isDirectory()) for (const name of await readdir(path).catch(() => [] as string[])) stack.push(join(path, name));
  }
  return fixed;
}
