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
