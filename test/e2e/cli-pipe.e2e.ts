import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openTestCore } from '../support/core.js';
import { tempProfile } from '../support/profile.js';

describe('shotput writing into a pipe that closes early', () => {
  it('`shotput history | head -n 1` prints one line and ends quietly', async () => {
    const profile = await tempProfile();
    const core = await openTestCore(profile);
    for (let i = 0; i < 1500; i++) {
      await core.history.add({ uploaderId: 'imge', fileName: `shot-${i}.png`, url: `https://img.example/images/${i}.png`, origin: 'upload' });
    }
    await core.close();
    const run = spawnSync('bash', ['-c', `node "${process.cwd()}/dist/cli.js" history --limit 1500 | head -n 1; echo "status=\${PIPESTATUS[0]}" >&2`], {
      env: { ...process.env, SHOTPUT_HOME: profile },
      encoding: 'utf8',
    });
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toContain('shot-');
    expect(run.stderr.trim()).toBe('status=0');
  });
});
