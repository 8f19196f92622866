import { describe, expect, it } from 'vitest';
import { settingsGroupOf, SETTINGS_GROUPS } from '../../../shared/settings/fields.js';
import { forWindow } from '../../../renderer/src/stores/messages.js';
import { formatIn } from '../../../renderer/src/format.js';
import { setupFields, isReady } from '../../../renderer/src/stores/first-run.js';
import { startChevereto } from '../../servers/chevereto.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { writeNoisePng } from '../../support/images.js';
import { join } from 'node:path';

describe('an error that a setting fixes', () => {
  it('names that setting, and the window says it without the key', async () => {
    const core = await openTestCore(await tempProfile());
    const refused = await core.dispatch('uploaders.verify', { id: 'imge' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_configured', setting: 'uploaders.imge.apiKey' } });
    const error = (refused as { error: { message: string; setting: string } }).error;
    // The command line keeps the key it can type; the window offers to open the field instead.
    expect(error.message).toContain('uploaders.imge.apiKey');
    expect(forWindow(error)).toBe('IM.GE needs an API key. Your key is at https://im.ge/settings/api.');
  });

  it('names the key a host refused, and the window says where to check it', async () => {
    const imge = await startChevereto({ name: 'imge', keys: { chv_good: {} } });
    try {
      const core = await openTestCore(await tempProfile());
      await core.settings.set('uploaders.imge.baseUrl', imge.url);
      await core.settings.set('uploaders.imge.apiKey', 'chv_revoked');
      const refused = await core.dispatch('uploaders.verify', { id: 'imge' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'auth_failed', setting: 'uploaders.imge.apiKey' } });
      const message = forWindow((refused as { error: { message: string; setting: string } }).error);
      expect(message).toMatch(/^IM\.GE rejected the API key \(code 100: .*\)\. Check it in Settings → IM\.GE\.$/);
    } finally {
      await imge.close();
    }
  });

  it('keeps the setting on a failed upload in the queue, so the Queue can open the field', async () => {
    const profile = await tempProfile();
    const core = await openTestCore(profile);
    const file = join(profile, 'shot.png');
    await writeNoisePng(file, 8, 8);
    core.uploads.queue.start();
    const job = await core.uploads.addData('shot.png', new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(file))));
    const settled = await core.uploads.queue.waitFor(job.id);
    expect(settled.job).toMatchObject({ state: 'failed', error: { code: 'not_configured', setting: 'uploaders.imge.apiKey' } });
  });
});

describe('Settings groups', () => {
  it('puts every section the core describes in a group of its own kind', async () => {
    const core = await openTestCore(await tempProfile());
    const groups = Object.fromEntries(core.settings.describe().map((s) => [s.id, settingsGroupOf(s)]));
    expect(groups).toMatchObject({
      general: 'general',
      'uploaders.imge': 'uploaders',
      'uploaders.imgur': 'uploaders',
      hotkeys: 'capture',
      afterUpload: 'after',
      pipeline: 'pipeline',
      queue: 'advanced',
    });
    expect(SETTINGS_GROUPS.map((g) => g.id)).toContain(groups.pipeline);
  });

  it('places sections other engineers add by their id, or by the group they name', () => {
    expect(settingsGroupOf({ id: 'afterCapture' })).toBe('after');
    expect(settingsGroupOf({ id: 'capture.sources' })).toBe('capture');
    expect(settingsGroupOf({ id: 'history.storage' })).toBe('history');
    expect(settingsGroupOf({ id: 'logging' })).toBe('advanced');
    expect(settingsGroupOf({ id: 'logging', group: 'history' })).toBe('history');
  });
});

describe('first run', () => {
  it('asks for the key of each built-in uploader, and the address of a self-hosted one', async () => {
    const core = await openTestCore(await tempProfile());
    const sections = core.settings.describe();
    const asked = (id: string) => setupFields(sections.find((s) => s.id === `uploaders.${id}`)).map((f) => f.key);
    expect(asked('imge')).toEqual(['uploaders.imge.apiKey']);
    expect(asked('imgur')).toEqual(['uploaders.imgur.clientId']);
    expect(asked('groupme')).toEqual(['uploaders.groupme.accessToken']);
    expect(asked('chevereto')).toEqual(['uploaders.chevereto.baseUrl', 'uploaders.chevereto.apiKey']);
    const imge = sections.find((s) => s.id === 'uploaders.imge');
    const { values, secrets } = await core.settings.snapshot();
    expect(isReady(imge, values, secrets)).toBe(false);
    await core.settings.set('uploaders.imge.apiKey', 'chv_key');
    const after = await core.settings.snapshot();
    expect(isReady(imge, after.values, after.secrets)).toBe(true);
  });
});

describe('retry times', () => {
  it('are said relative to now', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatIn('2026-01-01T12:00:40Z', now)).toBe('in 40 s');
    expect(formatIn('2026-01-01T12:03:00Z', now)).toBe('in 3 min');
    expect(formatIn('2026-01-01T14:00:00Z', now)).toBe('in 2 h');
    expect(formatIn('2026-01-01T11:59:00Z', now)).toBe('now');
  });
});
