import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFilesWithShotput } from '../../../electron/core/open-files.js';
import { MAX_SXCU_CHARS } from '../../../shared/sxcu.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { sxcuFile } from '../../support/sxcu.js';

const KEY = 'Zt8qP3xL0vB6nM2cR9wE4yU7';
const file = sxcuFile({
  Name: 'Window host',
  DestinationType: 'ImageUploader',
  RequestURL: 'https://w.example/up',
  Headers: { 'X-API-Key': KEY },
  Body: 'MultipartFormData',
  Arguments: { album: '{select:a|b}' },
  FileFormName: 'file',
  URL: '{json:url}',
});

describe('custom uploaders over IPC', () => {
  it('imports, lists, exports and removes without a key ever crossing to the window', async () => {
    const core = await openTestCore(await tempProfile());
    const events: unknown[] = [];
    core.events.onAny((name, payload) => events.push({ name, payload }));
    const imported = await core.dispatch('sxcu.import', { text: file, fileName: 'w.sxcu' });
    expect(imported).toEqual({
      ok: true,
      value: {
        uploader: {
          id: 'custom:window-host',
          name: 'Window host',
          kinds: 'an image uploader',
          secrets: ['Headers.X-API-Key'],
          questions: [{ id: 'album', kind: 'select', prompt: 'Choose the album', options: ['a', 'b'], usedIn: ['Arguments.album'] }],
          importedAt: expect.any(String),
        },
        warnings: [],
        replaced: false,
      },
    });
    const list = await core.dispatch('sxcu.list', {});
    const exported = await core.dispatch('sxcu.export', { id: 'custom:window-host' });
    const questions = await core.dispatch('sxcu.questions', { uploaderId: 'custom:window-host' });
    const described = await core.dispatch('settings.describe', {});
    for (const answer of [imported, list, exported, questions, described, events]) expect(JSON.stringify(answer)).not.toContain(KEY);
    expect(exported).toMatchObject({ ok: true, value: { fileName: 'Window host.sxcu', placeholders: ['Headers.X-API-Key'] } });
    expect(questions).toMatchObject({ ok: true, value: { uploaderId: 'custom:window-host', questions: [{ id: 'album' }] } });
    expect(await core.dispatch('sxcu.questions', {})).toEqual({ ok: true, value: { uploaderId: 'imge', questions: [] } });

    expect(await core.dispatch('sxcu.import', { text: file })).toEqual({
      ok: false,
      error: { code: 'custom_uploader_exists', message: 'A custom uploader named "Window host" is already imported as custom:window-host.' },
    });
    expect(await core.dispatch('sxcu.remove', { id: 'custom:window-host' })).toEqual({ ok: true, value: null });
    expect(await core.dispatch('sxcu.list', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses oversized files and answers beyond their bounds at the boundary', async () => {
    const core = await openTestCore(await tempProfile());
    const big = await core.dispatch('sxcu.import', { text: 'x'.repeat(MAX_SXCU_CHARS + 1) });
    expect(big).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const answers = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`q${i}`, 'a']));
    expect(await core.dispatch('queue.addUrl', { url: 'https://x.example/a.png', options: { answers } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringContaining('at most 50 answers') },
    });
  });

  it('holds a .sxcu file opened with Shotput until the user confirms or dismisses it', async () => {
    const dir = await tempProfile();
    const core = await openTestCore(dir);
    const pending: unknown[] = [];
    core.events.on('sxcu.pending', ({ items }) => pending.push(items.length));
    const path = join(dir, 'w.sxcu');
    await writeFile(path, file);
    const broken = join(dir, 'broken.sxcu');
    await writeFile(broken, file.replace('{json:url}', '{json:url'));

    expect(await openFilesWithShotput(core, [path, broken])).toEqual({ uploads: [], sxcu: 2 });
    expect(core.customUploaders.list()).toEqual([]);
    const [good, bad] = core.openedSxcu.list();
    expect(good).toMatchObject({ fileName: 'w.sxcu', preview: { name: 'Window host', id: 'custom:window-host', secrets: ['Headers.X-API-Key'], replaces: false } });
    expect(bad).toMatchObject({ fileName: 'broken.sxcu', error: { code: 'sxcu_invalid', message: expect.stringContaining('broken.sxcu, line 14, URL:') } });
    expect(JSON.stringify(core.openedSxcu.list())).not.toContain(KEY);

    expect(await core.dispatch('sxcu.confirm', { token: bad!.token })).toMatchObject({ ok: false, error: { code: 'sxcu_invalid' } });
    expect(await core.dispatch('sxcu.confirm', { token: good!.token })).toMatchObject({ ok: true, value: { uploader: { id: 'custom:window-host' } } });
    expect(core.customUploaders.list().map((u) => u.id)).toEqual(['custom:window-host']);
    expect(await core.dispatch('sxcu.dismiss', { token: good!.token })).toMatchObject({ ok: false, error: { code: 'custom_uploader_not_found' } });
    expect(pending).toEqual([1, 2, 1, 0]);
  });
});
