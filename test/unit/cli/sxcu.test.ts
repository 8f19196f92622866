import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answersFromFlags } from '../../../electron/cli/commands/sxcu.js';
import { cli } from '../../support/cli.js';
import { tempProfile } from '../../support/profile.js';
import { sxcuFile } from '../../support/sxcu.js';
import { startJsonHost } from '../../servers/sxcu-hosts.js';
import { writeNoisePng } from '../../support/images.js';

const current = sxcuFile({
  Name: 'example host',
  DestinationType: 'ImageUploader, FileUploader',
  RequestURL: 'https://img.example/api/upload',
  Headers: { Authorization: 'Bearer abc' },
  Body: 'MultipartFormData',
  Arguments: { album: '{inputbox:Album|inbox}' },
  FileFormName: 'file',
  URL: '{json:files[0].url}',
});
const old = sxcuFile({ Version: '13.1.0', Name: 'imgbb.com', DestinationType: 'ImageUploader', RequestURL: 'https://api.imgbb.com/1/upload', Parameters: { key: 'KEY' }, Body: 'MultipartFormData', FileFormName: 'image', URL: '$json:data.url$' });

async function profileWith(files: Record<string, string>): Promise<string> {
  const dir = await tempProfile();
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('shotput import-sxcu', () => {
  it('imports a file whose RequestURL is a placeholder, and asks for the address before the upload', async () => {
    const host = await startJsonHost('tok');
    try {
      const webhook = sxcuFile({
        Name: 'Discord webhook',
        DestinationType: 'ImageUploader',
        RequestURL: 'Webhook URL',
        Headers: { Authorization: 'Bearer tok' },
        Body: 'MultipartFormData',
        FileFormName: 'file',
        URL: '{json:files[0].url}',
      });
      const dir = await profileWith({ 'hook.sxcu': webhook });
      const run = await cli(dir, 'import-sxcu', 'hook.sxcu');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('It asks before each upload: "Webhook URL" (text)');
      await writeNoisePng(join(dir, 'a.png'), 8, 8);
      const unanswered = await cli(dir, 'upload', 'a.png', '--uploader', 'custom:discord-webhook');
      expect(unanswered.code).toBe(2);
      expect(unanswered.stderr).toContain('"Webhook URL"');
      const notAnAddress = await cli(dir, 'upload', 'a.png', '--uploader', 'custom:discord-webhook', '--answer', 'Webhook URL=my hook');
      expect(notAnAddress.code).toBe(1);
      expect(notAnAddress.stderr).toContain('my hook');
      const uploaded = await cli(dir, 'upload', 'a.png', '--uploader', 'custom:discord-webhook', '--answer', `Webhook URL=${host.url}/api/upload`);
      expect(uploaded.code, uploaded.stderr).toBe(0);
      expect(uploaded.stdout).toMatch(new RegExp(`^${host.url}/f/\\w+/a\\.png\n$`));
      expect(host.uploads).toHaveLength(1);
    } finally {
      await host.close();
    }
  });

  it('imports a file, says how to use it, and keeps its keys as secrets', async () => {
    const dir = await profileWith({ 'host.sxcu': current });
    const run = await cli(dir, 'import-sxcu', 'host.sxcu');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      'Imported "example host" as custom:example-host: an image uploader and file uploader.\n' +
        'Kept as secrets, not in settings.json (stored unencrypted in a file only your user can read (no OS keychain outside the app)): uploaders.custom:example-host.headers.authorization\n' +
        'It asks before each upload: "Album" (text, default "inbox"). Answer with --answer <question>=<answer>.\n' +
        'Upload with: shotput upload --uploader custom:example-host <file>\n',
    );
    expect((await cli(dir, 'config', 'get', 'uploaders.custom:example-host.headers.authorization')).stdout).toBe('(secret, set)\n');
    expect((await cli(dir, 'custom-uploaders')).stdout).toBe('custom:example-host  example host (an image uploader and file uploader; asks "Album")\n');
  });

  it('converts an old-syntax file and says so', async () => {
    const dir = await profileWith({ 'imgbb.com.sxcu': old });
    const run = await cli(dir, 'import-sxcu', 'imgbb.com.sxcu', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, id: 'custom:imgbb-com', migratedFrom: '13.1.0', secrets: ['uploaders.custom:imgbb-com.parameters.key'], questions: [] });
    expect((await cli(dir, 'import-sxcu', 'imgbb.com.sxcu', '--replace')).stdout).toContain(
      'Replaced "imgbb.com" as custom:imgbb-com: an image uploader, converted from the old $…$ syntax of ShareX 13.1.0.',
    );
  });

  it('refuses a malformed file with the line and field, and imports nothing', async () => {
    const dir = await profileWith({ 'bad.sxcu': current.replace('{json:files[0].url}', '{json:files[0].url') });
    const run = await cli(dir, 'import-sxcu', 'bad.sxcu');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'shotput import-sxcu: bad.sxcu, line 14, URL: the call {json that starts at character 1 has no closing "}". Nothing was imported.\n',
    );
    expect((await cli(dir, 'custom-uploaders', '--json')).stdout).toBe('[]\n');
    const json = await cli(dir, 'import-sxcu', 'bad.sxcu', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: { code: 'sxcu_invalid', message: expect.stringContaining('line 14, URL:') } });
    expect((await cli(dir, 'import-sxcu', 'missing.sxcu')).stderr).toBe('shotput import-sxcu: Cannot read missing.sxcu: there is no such file. Nothing was imported.\n');
    expect((await cli(dir, 'import-sxcu')).code).toBe(2);
  });

  it('refuses a second uploader under the same name, saying which flags help', async () => {
    const dir = await profileWith({ 'host.sxcu': current });
    await cli(dir, 'import-sxcu', 'host.sxcu');
    const again = await cli(dir, 'import-sxcu', 'host.sxcu');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Add --replace to overwrite it, or --name to import it under another name. Nothing was imported.');
    expect((await cli(dir, 'import-sxcu', 'host.sxcu', '--name', 'second host')).stdout).toContain('as custom:second-host');
  });

  it('removes an imported uploader', async () => {
    const dir = await profileWith({ 'host.sxcu': current });
    await cli(dir, 'import-sxcu', 'host.sxcu');
    expect(await cli(dir, 'custom-uploaders', 'remove', 'custom:example-host')).toMatchObject({ code: 0, stdout: 'Removed custom:example-host ("example host") and its secrets.\n' });
    expect((await cli(dir, 'custom-uploaders', 'remove', 'custom:example-host')).stderr).toContain('There is no custom uploader custom:example-host');
  });
});

describe('shotput export-sxcu', () => {
  it('writes a built-in uploader for ShareX, with keys only when asked', async () => {
    const dir = await tempProfile();
    const run = await cli(dir, 'export-sxcu', 'imge');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ Name: 'IM.GE', RequestURL: 'https://im.ge/api/1/upload', Headers: { 'X-API-Key': 'YOUR_API_KEY' }, FileFormName: 'source' });
    expect(run.stderr).toBe('Placeholders stand for uploaders.imge.apiKey (left out; add --include-secrets to write them).\n');
  });

  it('writes an imported uploader to a file, and never over an existing one', async () => {
    const dir = await profileWith({ 'host.sxcu': current });
    await cli(dir, 'import-sxcu', 'host.sxcu');
    const out = await cli(dir, 'export-sxcu', 'custom:example-host', '--out', 'copy.sxcu', '--include-secrets');
    expect(out).toMatchObject({ code: 0, stderr: 'Wrote copy.sxcu.\n' });
    expect(JSON.parse(await readFile(join(dir, 'copy.sxcu'), 'utf8'))).toMatchObject({ Name: 'example host', Headers: { Authorization: 'Bearer abc' } });
    expect((await cli(dir, 'export-sxcu', 'custom:example-host', '--out', 'copy.sxcu')).stderr).toContain('copy.sxcu already exists');
    expect((await cli(dir, 'export-sxcu', 'nope')).stderr).toContain('There is no uploader "nope". Uploaders: imge, chevereto, imgbb, imgur, groupme, custom:example-host.');
  });
});

describe('--answer flags', () => {
  it('become UploadOptions.answers, and a malformed one is a usage error', () => {
    expect(answersFromFlags(['Album=Holiday 2024', 'x=a=b'])).toEqual({ Album: 'Holiday 2024', x: 'a=b' });
    expect(answersFromFlags(['a=b=c'], ['a=b'])).toEqual({ 'a=b': 'c' });
    expect(() => answersFromFlags(['Album'])).toThrow('--answer takes question=answer');
  });
});
