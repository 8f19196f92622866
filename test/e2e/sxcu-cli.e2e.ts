import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBinaryHost, startJsonHost, startRedirectHost, startTextHost, type SxcuHost } from '../servers/sxcu-hosts.js';
import { runShotput, removeProfile } from '../support/bin.js';
import { writeNoisePng } from '../support/images.js';

const TOKEN = 'tok_e2e_4f3e2d1c0b';
let hosts: { json: SxcuHost; text: SxcuHost; redirect: SxcuHost; binary: SxcuHost };
let profile: string;
let files: string;

beforeAll(async () => {
  hosts = { json: await startJsonHost(TOKEN), text: await startTextHost(), redirect: await startRedirectHost(), binary: await startBinaryHost() };
  files = mkdtempSync(join(tmpdir(), 'shotput-sxcu-files-'));
});
afterAll(async () => {
  await Promise.all(Object.values(hosts).map((h) => h.close()));
  rmSync(files, { recursive: true, force: true });
});
beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-sxcu-cli-'));
});
afterEach(() => removeProfile(profile));

/** Writes a .sxcu file as ShareX exports it (2-space JSON, CRLF line ends, as on Windows). */
function sxcu(name: string, fields: Record<string, unknown>): string {
  const path = join(files, name);
  writeFileSync(path, JSON.stringify(fields, null, 2).replace(/\n/g, '\r\n'));
  return path;
}

async function importAndUpload(file: string, id: string, ...extra: string[]) {
  const imported = await runShotput(profile, 'import-sxcu', file);
  expect(imported.code, imported.stderr).toBe(0);
  return upload(id, ...extra);
}

async function upload(id: string, ...extra: string[]) {
  const image = join(files, 'shot.png');
  const bytes = await writeNoisePng(image, 32, 24);
  const run = await runShotput(profile, 'upload', '--uploader', id, '--json', image, ...extra);
  return { run, bytes, result: run.stdout.trim() === '' ? undefined : (JSON.parse(run.stdout.trim()) as Record<string, unknown>) };
}

describe('shotput upload --uploader custom:<name>', () => {
  it('uploads through a current-syntax file to a JSON host', async () => {
    const file = sxcu('json host.sxcu', {
      Version: '17.0.0',
      Name: 'JSON host',
      DestinationType: 'ImageUploader, FileUploader',
      RequestMethod: 'POST',
      RequestURL: `${hosts.json.url}/api/upload`,
      Headers: { Authorization: `Bearer ${TOKEN}` },
      Body: 'MultipartFormData',
      Arguments: { album: '{inputbox:Album}' },
      FileFormName: 'file',
      URL: '{json:files[0].url}',
      ThumbnailURL: '{json:files[0].thumb}',
      DeletionURL: '{json:files[0].delete}',
      ErrorMessage: '{json:error.message}',
    });
    const refused = await importAndUpload(file, 'custom:json-host');
    expect(refused.run.code).toBe(2);
    expect(refused.run.stderr).toContain('custom:json-host asks before it uploads: "Album" (text). Answer with --answer, for example --answer "Album=…".');

    const { run, bytes, result } = await upload('custom:json-host', '--answer', 'Album=Cats');
    expect(run.code, run.stderr).toBe(0);
    const received = hosts.json.uploads.at(-1)!;
    expect(received.fields.album).toBe('Cats');
    expect(received.file).toMatchObject({ filename: 'shot.png', size: bytes });
    expect(result).toMatchObject({
      ok: true,
      uploader: 'custom:json-host',
      url: `${hosts.json.url}/f/${received.id}/shot.png`,
      thumbnailUrl: `${hosts.json.url}/t/${received.id}.jpg`,
      deleteUrl: expect.stringContaining(`/d/${received.id}?k=`),
      error: null,
    });
    const history = await runShotput(profile, 'history', '--json');
    expect(history.stdout).toContain(`"uploaderId":"custom:json-host"`);
  });

  it('uploads through old-syntax files: a plain-text host and a redirect host', async () => {
    const text = await importAndUpload(
      sxcu('text.sxcu', { Version: '13.0.0', Name: 'text', DestinationType: 'ImageUploader', RequestURL: `${hosts.text.url}/`, Body: 'MultipartFormData', FileFormName: 'file' }),
      'custom:text',
    );
    expect(text.run.code, text.run.stderr).toBe(0);
    expect(text.result).toMatchObject({ ok: true, url: `${hosts.text.url}/${hosts.text.uploads.at(-1)!.id}.png` });

    const redirect = await importAndUpload(
      sxcu('redirect.sxcu', {
        Version: '12.4.1',
        Name: 'redirect',
        RequestMethod: 'POST',
        RequestURL: `${hosts.redirect.url}/api/1/upload`,
        Body: 'MultipartFormData',
        Arguments: { format: 'redirect' },
        FileFormName: 'source',
        URL: '$responseurl$',
      }),
      'custom:redirect',
    );
    expect(redirect.run.code, redirect.run.stderr).toBe(0);
    expect(redirect.result).toMatchObject({ ok: true, url: `${hosts.redirect.url}/image/${hosts.redirect.uploads.at(-1)!.id}` });
  });

  it('uploads the raw file to a Binary-body host, and reports a host\'s refusal as JSON', async () => {
    const file = sxcu('binary.sxcu', { Version: '16.0.0', Name: 'binary', DestinationType: 'FileUploader', RequestMethod: 'PUT', RequestURL: `${hosts.binary.url}/up/{filename}`, Body: 'Binary', URL: '{json:link}', ErrorMessage: '{json:error}' });
    const ok = await importAndUpload(file, 'custom:binary');
    expect(ok.run.code, ok.run.stderr).toBe(0);
    expect(ok.result).toMatchObject({ ok: true, url: `${hosts.binary.url}/raw/${hosts.binary.uploads.at(-1)!.id}/shot.png` });

    hosts.binary.inject({ kind: 'status', status: 400, body: '{"error": "Quota exceeded"}', contentType: 'application/json' });
    const image = join(files, 'shot.png');
    const refused = await runShotput(profile, 'upload', '--uploader', 'custom:binary', '--json', image);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'rejected', message: 'binary refused the upload (HTTP 400 Bad Request: Quota exceeded).' } });
  });

  it('refuses a malformed file, naming the line and field, and imports nothing', async () => {
    const file = sxcu('broken.sxcu', { Version: '16.0.0', Name: 'broken', DestinationType: 'ImageUploader', RequestURL: 'https://b.example', Body: 'Binary', URL: '{json:files[0].url' });
    const run = await runShotput(profile, 'import-sxcu', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('shotput import-sxcu: broken.sxcu, line 7, URL: the call {json that starts at character 1 has no closing "}". Nothing was imported.\n');
    expect((await runShotput(profile, 'custom-uploaders', '--json')).stdout).toBe('[]\n');
  });
});
