import { describe, expect, it } from 'vitest';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { writeNoisePng } from '../../support/images.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The window's "Upload with options…" reaches the queue through queue.addData, checked as the CLI's flags are. */
describe('per-upload options from the window', () => {
  async function png(profile: string): Promise<Uint8Array> {
    const path = join(profile, 'shot.png');
    await writeNoisePng(path, 8, 8);
    return new Uint8Array(readFileSync(path));
  }

  it('refuses an expiration the host does not offer, listing what it takes, and queues nothing', async () => {
    const profile = await tempProfile();
    const core = await openTestCore(profile);
    const data = await png(profile);
    const result = await core.dispatch('queue.addData', { name: 'shot.png', data, uploaderId: 'imge', options: { expiration: '5months' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_option' } });
    expect(!result.ok && result.error.message).toContain('IM.GE cannot delete images after "5months"');
    expect(!result.ok && result.error.message).toContain('never, 5m, 15m');
    const imgur = await core.dispatch('queue.addData', { name: 'shot.png', data, uploaderId: 'imgur', options: { expiration: '1y' } });
    expect(!imgur.ok && imgur.error.message).toContain('Imgur keeps images until they are deleted: it cannot delete them after 1 year');
    expect(core.uploads.queue.list()).toEqual([]);
  });

  it('queues the chosen options as the job\'s own', async () => {
    const profile = await tempProfile();
    const core = await openTestCore(profile);
    const options = { title: 'T', description: 'D', albumId: 'alb', expiration: '1w', nsfw: true };
    const result = await core.dispatch('queue.addData', { name: 'shot.png', data: await png(profile), uploaderId: 'imge', options });
    expect(result.ok).toBe(true);
    const id = result.ok ? (result.value as { id: string }).id : '';
    // The job file is what a retry or a resume after a crash uploads with.
    const stored = JSON.parse(readFileSync(join(profile, 'queue', id, 'job.json'), 'utf8')) as { options: unknown; uploaderId: string };
    expect(stored).toMatchObject({ uploaderId: 'imge', options });
  });
});
