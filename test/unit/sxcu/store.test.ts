import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SxcuError } from '../../../electron/core/uploaders/sxcu/errors.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { sxcuFile } from '../../support/sxcu.js';

const KEY = 'k3Yq9ZxT2mVb7LpW4rNs8dHc';
const withKeys = sxcuFile({
  Name: 'Key Host',
  DestinationType: 'ImageUploader',
  RequestURL: 'https://keys.example/upload',
  Parameters: { api_key: KEY, format: 'json' },
  Headers: { Authorization: 'Bearer tok-123', 'X-Client': 'f0e1d2c3b4a5968778695a4b3c2d1e0f' },
  Body: 'MultipartFormData',
  Arguments: { password: '', title: '{filename}' },
  FileFormName: 'file',
  URL: '{json:url}',
});

const readText = (path: string) => readFile(path, 'utf8').catch(() => '');

describe('custom uploaders in the profile', () => {
  it('keeps keys as secrets, out of the stored spec and settings.json, and gives them back for uploads', async () => {
    const dir = await tempProfile();
    const core = await openTestCore(dir);
    const report = await core.customUploaders.import(withKeys, { fileName: 'keys.sxcu' });
    expect(report.uploader.id).toBe('custom:key-host');
    expect(report.uploader.secrets.map((s) => s.key)).toEqual([
      'uploaders.custom:key-host.parameters.api_key',
      'uploaders.custom:key-host.parameters.format',
      'uploaders.custom:key-host.headers.authorization',
      'uploaders.custom:key-host.headers.x-client',
      'uploaders.custom:key-host.arguments.password',
    ]);
    expect(report.warnings).toEqual(['Arguments.password is empty: set it as the secret setting uploaders.custom:key-host.arguments.password.']);

    const onDisk = (await readText(join(dir, 'custom-uploaders.json'))) + (await readText(join(dir, 'settings.json')));
    for (const secret of [KEY, 'tok-123', 'f0e1d2c3b4a5968778695a4b3c2d1e0f']) expect(onDisk).not.toContain(secret);
    const stored = JSON.parse(await readText(join(dir, 'custom-uploaders.json'))) as { uploaders: Array<{ spec: { parameters: unknown } }> };
    // Every value written in the file is kept as a secret: a name says too little to tell.
    expect(stored.uploaders[0]!.spec.parameters).toEqual([
      { name: 'api_key', value: '' },
      { name: 'format', value: '' },
    ]);
    const vault = await readText(join(dir, 'secrets.json'));
    expect(vault).toContain(KEY);

    const reopened = await openTestCore(dir);
    const uploader = reopened.customUploaders.get('custom:key-host');
    const spec = await reopened.customUploaders.resolvedSpec(uploader);
    expect(spec.parameters).toEqual([
      { name: 'api_key', value: KEY },
      { name: 'format', value: 'json' },
    ]);
    expect(spec.headers[0]).toEqual({ name: 'Authorization', value: 'Bearer tok-123' });
    // The secrets are ordinary secret settings: listed, settable, never shown.
    const snapshot = await reopened.settings.snapshot();
    expect(snapshot.secrets['uploaders.custom:key-host.headers.authorization']).toBe(true);
    expect(snapshot.secrets['uploaders.custom:key-host.arguments.password']).toBe(false);
    await reopened.settings.setFromText('uploaders.custom:key-host.arguments.password', 'hunter2');
    expect((await reopened.customUploaders.resolvedSpec(uploader)).arguments[0]).toEqual({ name: 'password', value: 'hunter2' });
  });

  it('finds an uploader by id, by the name after custom:, or by its display name', async () => {
    const core = await openTestCore(await tempProfile());
    await core.customUploaders.import(withKeys);
    for (const name of ['custom:key-host', 'key-host', 'Key Host', 'custom:Key Host']) expect(core.customUploaders.find(name)?.id).toBe('custom:key-host');
    expect(() => core.customUploaders.get('custom:nope')).toThrow('There is no custom uploader custom:nope. Imported ones: custom:key-host.');
  });

  it('refuses a second import under the same name unless asked to replace, and replaces cleanly', async () => {
    const dir = await tempProfile();
    const core = await openTestCore(dir);
    await core.customUploaders.import(withKeys);
    await expect(core.customUploaders.import(withKeys)).rejects.toMatchObject({
      code: 'custom_uploader_exists',
      message: 'A custom uploader named "Key Host" is already imported as custom:key-host.',
    });
    const other = await core.customUploaders.import(withKeys, { name: 'Key Host 2' });
    expect(other.uploader.id).toBe('custom:key-host-2');

    const fewer = sxcuFile({ Name: 'Key Host', DestinationType: 'ImageUploader', RequestURL: 'https://keys.example/v2', Headers: { Authorization: 'Bearer new' }, Body: 'Binary' });
    const replaced = await core.customUploaders.import(fewer, { replace: true });
    expect(replaced.replaced).toBe(true);
    expect(core.customUploaders.list().map((u) => u.id)).toEqual(['custom:key-host', 'custom:key-host-2']);
    const vault = JSON.parse(await readText(join(dir, 'secrets.json'))) as Record<string, unknown>;
    expect(Object.keys(vault).filter((k) => k.startsWith('uploaders.custom:key-host.'))).toEqual(['uploaders.custom:key-host.headers.authorization']);
    expect(await core.settings.getSecret('uploaders.custom:key-host.headers.authorization')).toBe('Bearer new');
  });

  it('leaves the profile as it was when a file is refused or the write fails', async () => {
    const dir = await tempProfile();
    const core = await openTestCore(dir);
    await core.customUploaders.import(withKeys);
    const before = { list: await readText(join(dir, 'custom-uploaders.json')), vault: await readText(join(dir, 'secrets.json')) };

    await expect(core.customUploaders.import(withKeys.replace('{json:url}', '{json:url'), { replace: true })).rejects.toBeInstanceOf(SxcuError);
    // The list file cannot be replaced: the import fails after its secrets were written, and undoes them.
    await rm(join(dir, 'custom-uploaders.json'));
    await mkdir(join(dir, 'custom-uploaders.json', 'blocker'), { recursive: true });
    const changed = withKeys.replace('Bearer tok-123', 'Bearer changed');
    await expect(core.customUploaders.import(changed, { replace: true })).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    await expect(core.customUploaders.import(withKeys.replace('Key Host', 'Another'))).rejects.toThrow();
    expect(await readText(join(dir, 'secrets.json'))).toBe(before.vault);
    expect(core.customUploaders.list().map((u) => u.id)).toEqual(['custom:key-host']);
    expect(await core.settings.getSecret('uploaders.custom:key-host.headers.authorization')).toBe('Bearer tok-123');
    expect(core.settings.keys().some((k) => k.startsWith('uploaders.custom:another.'))).toBe(false);
    expect(before.list).toContain('custom:key-host');
  });

  it('removes an uploader with its secrets', async () => {
    const dir = await tempProfile();
    const core = await openTestCore(dir);
    await core.customUploaders.import(withKeys);
    await core.customUploaders.remove('Key Host');
    expect(core.customUploaders.list()).toEqual([]);
    expect(await readText(join(dir, 'secrets.json'))).not.toContain(KEY);
    expect(core.settings.keys().filter((k) => k.includes('custom:'))).toEqual([]);
    expect((await openTestCore(dir)).customUploaders.list()).toEqual([]);
  });

  it('does not overwrite a list file it cannot read, and says how to recover', async () => {
    const dir = await tempProfile();
    await writeFile(join(dir, 'custom-uploaders.json'), '{"version": 1, "uploaders": [oops');
    const warnings: string[] = [];
    const core = await openTestCore(dir, { logger: { info() {}, warn: (m) => warnings.push(m), error() {} } });
    expect(core.customUploaders.list()).toEqual([]);
    expect(warnings[0]).toContain('custom-uploaders.json cannot be read (it is not valid JSON). Move it aside and import your .sxcu files again');
    await expect(core.customUploaders.import(withKeys)).rejects.toMatchObject({ code: 'custom_uploaders_unreadable' });
    expect(await readText(join(dir, 'custom-uploaders.json'))).toBe('{"version": 1, "uploaders": [oops');
  });
});
