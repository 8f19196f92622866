import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesFromArgv } from '../../../electron/core/argv.js';
import { tempProfile } from '../../support/profile.js';

describe('files from a launch command line', () => {
  it('keeps existing files, resolved against the launch folder, and drops switches and folders', async () => {
    const dir = await tempProfile();
    await writeFile(join(dir, 'shot.png'), 'x');
    await mkdir(join(dir, 'folder'));
    const argv = ['/opt/Shotput/shotput-app', '--enable-features=X', 'shot.png', 'missing.png', 'folder', join(dir, 'shot.png')];
    expect(filesFromArgv(argv, dir, 1)).toEqual([join(dir, 'shot.png'), join(dir, 'shot.png')]);
  });

  it('skips the app folder Electron passes in development', async () => {
    const dir = await tempProfile();
    await writeFile(join(dir, 'a.png'), 'x');
    expect(filesFromArgv(['electron', dir, 'a.png'], dir, 2)).toEqual([join(dir, 'a.png')]);
  });
});
