import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/**
 * The files a launch was asked to open (`shotput-app a.png b.jpg`, a file manager's "Open with",
 * a second instance forwarding its arguments). Skips the executable, the app path Electron adds
 * in development, Chromium switches and anything that is not an existing file.
 */
export function filesFromArgv(argv: readonly string[], cwd: string, skip: number): string[] {
  return argv
    .slice(skip)
    .filter((arg) => !arg.startsWith('-'))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)))
    .filter((path) => {
      try {
        return existsSync(path) && statSync(path).isFile();
      } catch {
        return false;
      }
    });
}
