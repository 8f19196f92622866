import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretVault } from '../../../electron/core/secrets/file-vault.js';
import { openConfStore } from '../../../electron/core/settings/conf-store.js';
import { migrateSettings, type Migration } from '../../../electron/core/settings/migrations.js';
import { SettingsService } from '../../../electron/core/settings/service.js';
import { coreSections } from '../../../electron/core/settings/schema.js';
import { hotkeysSection } from '../../../electron/core/actions.js';
import { afterUploadSection } from '../../../electron/core/uploads/tasks/settings.js';
import { builtInUploaders } from '../../../electron/core/uploaders/built-in.js';
import { UploaderRegistry } from '../../../electron/core/uploaders/registry.js';
import type { SettingSection } from '../../../shared/settings/fields.js';
import { tempProfile } from '../../support/profile.js';

const uploaderSection: SettingSection = {
  id: 'uploader.imge',
  title: 'IM.GE',
  fields: [
    { key: 'uploaders.imge.baseUrl', label: 'Base URL', kind: 'url', default: 'https://im.ge' },
    { key: 'uploaders.imge.apiKey', label: 'API key', kind: 'secret' },
  ],
};

async function open(dir: string, warnings: string[] = []) {
  const settings = new SettingsService({
    store: openConfStore(dir),
    vault: new FileSecretVault(join(dir, 'secrets.json')),
    sections: [...coreSections(new UploaderRegistry(builtInUploaders()).choices()), afterUploadSection(), hotkeysSection('linux', undefined), uploaderSection],
    logger: { info() {}, warn: (m) => warnings.push(m), error() {} },
  });
  await settings.moveSecretsOutOfStore();
  return settings;
}

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Record<string, any>;

describe('settings', () => {
  it('starts from the defaults and persists changes across reopenings', async () => {
    const dir = await tempProfile();
    const first = await open(dir);
    expect(first.get('queue.concurrency')).toBe(2);
    expect(first.get('defaultUploader')).toBe('imge');
    await first.set('queue.concurrency', 5);
    await first.setFromText('afterUpload.copyLink', 'no');
    const second = await open(dir);
    expect(second.get('queue.concurrency')).toBe(5);
    expect(second.get('afterUpload.copyLink')).toBe(false);
  });

  it('refuses a bad value with a message and stores nothing', async () => {
    const dir = await tempProfile();
    const settings = await open(dir);
    await settings.set('queue.concurrency', 3);
    await expect(settings.set('queue.concurrency', 0)).rejects.toThrow('must be between 1 and 8; got 0');
    await expect(settings.setFromText('uploaders.imge.baseUrl', 'im.ge')).rejects.toThrow('must be a full URL');
    await expect(settings.set('hotkeys.capture.region', 'Ctrl+Nope')).rejects.toThrow('must be a shortcut');
    await expect(settings.set('no.such.key', 1)).rejects.toThrow('There is no setting named "no.such.key"');
    expect(settings.get('queue.concurrency')).toBe(3);
    expect((await readJson(join(dir, 'settings.json'))).uploaders).toBeUndefined();
  });

  it('keeps secrets out of settings.json, in an owner-only file, and never in the snapshot', async () => {
    const dir = await tempProfile();
    const settings = await open(dir);
    await settings.set('uploaders.imge.apiKey', 'chv_1_s3cr3t');
    expect(await settings.getSecret('uploaders.imge.apiKey')).toBe('chv_1_s3cr3t');
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).not.toContain('s3cr3t');
    expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    const snapshot = await settings.snapshot();
    expect(snapshot.secrets['uploaders.imge.apiKey']).toBe(true);
    expect(JSON.stringify(snapshot)).not.toContain('s3cr3t');
    await settings.reset('uploaders.imge.apiKey');
    expect(await settings.isSecretSet('uploaders.imge.apiKey')).toBe(false);
  });

  it('moves a secret found in settings.json into the secret store', async () => {
    const dir = await tempProfile();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ uploaders: { imge: { apiKey: 'chv_pasted', baseUrl: 'https://img.example' } } }));
    const settings = await open(dir);
    expect(await settings.getSecret('uploaders.imge.apiKey')).toBe('chv_pasted');
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).not.toContain('chv_pasted');
    expect(settings.get('uploaders.imge.baseUrl')).toBe('https://img.example');
  });

  it('ignores a hand-edited invalid value in favour of the default, and says so once', async () => {
    const dir = await tempProfile();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ queue: { concurrency: 'lots' } }));
    const warnings: string[] = [];
    const settings = await open(dir, warnings);
    expect(settings.get('queue.concurrency')).toBe(2);
    settings.get('queue.concurrency');
    expect(warnings.filter((w) => w.includes('queue.concurrency'))).toHaveLength(1);
  });

  it('applies one-run overrides without writing them', async () => {
    const dir = await tempProfile();
    const settings = await open(dir);
    settings.override('uploaders.imge.baseUrl', 'http://127.0.0.1:9999');
    settings.override('uploaders.imge.apiKey', 'K');
    expect(settings.get('uploaders.imge.baseUrl')).toBe('http://127.0.0.1:9999');
    expect(await settings.getSecret('uploaders.imge.apiKey')).toBe('K');
    expect(() => settings.override('queue.concurrency', '100')).toThrow('between 1 and 8');
    const reopened = await open(dir);
    expect(reopened.get('uploaders.imge.baseUrl')).toBe('https://im.ge');
    expect(await reopened.isSecretSet('uploaders.imge.apiKey')).toBe(false);
  });

  it('tells listeners which keys changed', async () => {
    const settings = await open(await tempProfile());
    const seen: string[][] = [];
    settings.onChange((keys) => seen.push(keys));
    await settings.set('theme', 'dark');
    await settings.reset('theme');
    expect(seen).toEqual([['theme'], ['theme']]);
    expect(settings.get('theme')).toBe('system');
  });
});

describe('settings migrations', () => {
  const migrations: Migration[] = [
    { version: 1, description: 'baseline', up() {} },
    {
      version: 2,
      description: 'uploadConcurrency became queue.concurrency',
      up(store) {
        if (store.has('uploadConcurrency')) {
          store.set('queue.concurrency', store.get('uploadConcurrency'));
          store.delete('uploadConcurrency');
        }
      },
    },
  ];

  it('runs every pending migration in order and records the version', async () => {
    const dir = await tempProfile();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ uploadConcurrency: 4 }));
    const store = openConfStore(dir);
    const report = migrateSettings(store, migrations);
    expect(report).toMatchObject({ from: 0, to: 2 });
    expect(report.applied).toHaveLength(2);
    expect(await readJson(join(dir, 'settings.json'))).toEqual({ meta: { schemaVersion: 2 }, queue: { concurrency: 4 } });
    expect(migrateSettings(store, migrations).applied).toEqual([]);
  });

  it('leaves a file from a newer Shotput untouched', async () => {
    const dir = await tempProfile();
    const original = { meta: { schemaVersion: 7 }, futureKey: { x: 1 } };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(original));
    const report = migrateSettings(openConfStore(dir), migrations);
    expect(report).toEqual({ from: 7, to: 7, applied: [] });
    expect(await readJson(join(dir, 'settings.json'))).toEqual(original);
  });
});
