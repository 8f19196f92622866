import { describe, expect, it } from 'vitest';
import pkg from '../../../package.json' with { type: 'json' };
import { cli } from '../../support/cli.js';
import { tempProfile } from '../../support/profile.js';

describe('shotput CLI', () => {
  it('prints its version and help', async () => {
    const dir = await tempProfile();
    expect(await cli(dir, '--version')).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await cli(dir, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('config get [key]');
    expect(help.stdout).toContain('--set key=value');
    expect(help.stdout).toContain('SHOTPUT_HOME');
  });

  it('sets and gets a setting in the profile', async () => {
    const dir = await tempProfile();
    expect(await cli(dir, 'config', 'set', 'queue.concurrency', '6')).toMatchObject({ code: 0, stdout: 'queue.concurrency = 6\n' });
    expect(await cli(dir, 'config', 'get', 'queue.concurrency')).toMatchObject({ code: 0, stdout: '6\n' });
    const all = await cli(dir, 'config', 'get');
    expect(all.stdout).toContain('queue.concurrency = 6');
    expect(all.stdout).toContain('defaultUploader = imge');
    expect(await cli(dir, 'config', 'reset', 'queue.concurrency')).toMatchObject({ code: 0 });
    expect((await cli(dir, 'config', 'get', 'queue.concurrency')).stdout).toBe('2\n');
  });

  it('refuses bad keys and values with exit status 2 and a message that says what to do', async () => {
    const dir = await tempProfile();
    const badValue = await cli(dir, 'config', 'set', 'queue.concurrency', 'many');
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toContain('must be a whole number between 1 and 8; got "many"');
    const badKey = await cli(dir, 'config', 'get', 'queue.speed');
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('Run `shotput config get` to list the settings');
    expect((await cli(dir, 'frobnicate')).code).toBe(2);
    expect((await cli(dir, 'config')).code).toBe(2);
    expect((await cli(dir, '--set', 'nokey', 'config', 'get')).stderr).toContain('--set takes key=value');
  });

  it('--set overrides a setting for one run only', async () => {
    const dir = await tempProfile();
    expect((await cli(dir, '--set', 'queue.concurrency=7', 'config', 'get', 'queue.concurrency')).stdout).toBe('7\n');
    expect((await cli(dir, 'config', 'get', 'queue.concurrency')).stdout).toBe('2\n');
    const bad = await cli(dir, '--set', 'queue.concurrency=70', 'config', 'get', 'queue.concurrency');
    expect(bad.code).toBe(2);
  });
});
