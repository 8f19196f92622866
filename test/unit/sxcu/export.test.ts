import { describe, expect, it } from 'vitest';
import { builtInSpec, BUILT_IN_EXPORTS, type ExportConfig } from '../../../electron/core/uploaders/sxcu/builtin-export.js';
import { exportUploader } from '../../../electron/core/uploaders/sxcu/export.js';
import { readSxcu } from '../../../electron/core/uploaders/sxcu/read.js';
import { buildRequest } from '../../../electron/core/uploaders/sxcu/request.js';
import { writeSxcu } from '../../../electron/core/uploaders/sxcu/write.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { fixedEnv, sxcuFile, sxcuSpec } from '../../support/sxcu.js';

const run = { env: fixedEnv(), answers: new Map<string, string>() };
const png = { kind: 'file', fileName: 'a.png', mime: 'image/png' } as const;

const samples = {
  multipart: sxcuSpec({
    Name: 'Sample',
    DestinationType: 'ImageUploader, FileUploader',
    RequestMethod: 'PUT',
    RequestURL: 'https://s.example/{select:a|b}',
    Parameters: { '2': 'numeric keys keep their place', key: '%rn{4}' },
    Headers: { Authorization: 'Basic {base64:me:pw}' },
    Body: 'MultipartFormData',
    Arguments: { note: '\\{literal\\} \\| 100\\%' },
    FileFormName: 'file',
    URL: '{json:files[0].url}',
    ThumbnailURL: '{regex:thumb="(?<t>[^"]+)"|t}',
    DeletionURL: '{header:X-Delete}',
    ErrorMessage: '{xml:/error/message}',
  }),
  json: sxcuSpec({ DestinationType: 'TextUploader', RequestURL: 'https://paste.example/api', Body: 'JSON', Data: '{"text": "{input}"}', URL: '{json:link}' }),
  shortener: sxcuSpec({ DestinationType: 'URLShortener, URLSharingService', RequestMethod: 'GET', RequestURL: 'https://short.example/', Parameters: { u: '{input}' } }),
  migrated: readSxcu(
    sxcuFile({ Version: '12.4.1', RequestURL: 'https://o.example', Body: 'MultipartFormData', FileFormName: 'f', RegexList: ['href="(.+?)"'], URL: '$regex:1|1$' }),
  ).spec,
};

describe('exporting .sxcu files', () => {
  it('writes fields as ShareX does: its order, 2-space JSON, no fields ShareX would leave out', () => {
    expect(writeSxcu(samples.json)).toBe(
      '{\n  "Version": "16.1.0",\n  "DestinationType": "TextUploader",\n  "RequestMethod": "POST",\n  "RequestURL": "https://paste.example/api",\n' +
        '  "Body": "JSON",\n  "Data": "{\\"text\\": \\"{input}\\"}",\n  "URL": "{json:link}"\n}\n',
    );
    expect(writeSxcu(samples.multipart)).toMatch(/"Parameters": \{\n {4}"2": "numeric keys keep their place",\n {4}"key": "%rn\{4\}"\n {2}\}/);
  });

  it('round-trips: export then import gives the same uploader', () => {
    for (const spec of Object.values(samples)) expect(readSxcu(writeSxcu(spec)).spec).toEqual(spec);
  });

  it('round-trips an imported uploader through the profile, secrets included only when asked', async () => {
    const core = await openTestCore(await tempProfile());
    const file = sxcuFile({ Name: 'Mine', DestinationType: 'ImageUploader', RequestURL: 'https://m.example/up', Headers: { 'X-API-Key': 'abc' }, Body: 'Binary', URL: '{json:url}' });
    await core.customUploaders.import(file);
    const withoutKeys = await exportUploader(core, 'custom:mine', { includeSecrets: false });
    expect(withoutKeys.fileName).toBe('Mine.sxcu');
    expect(withoutKeys.placeholders).toEqual(['Headers.X-API-Key']);
    expect(withoutKeys.text).toContain('"X-API-Key": "<your X-API-Key>"');
    expect(withoutKeys.text).not.toContain('abc');

    const withKeys = await exportUploader(core, 'custom:mine', { includeSecrets: true });
    expect(withKeys.placeholders).toEqual([]);
    const again = await core.customUploaders.import(withKeys.text, { name: 'Mine again' });
    const first = await core.customUploaders.resolvedSpec(core.customUploaders.get('custom:mine'));
    expect(await core.customUploaders.resolvedSpec(again.uploader)).toEqual({ ...first, name: 'Mine again' });
  });

  it('describes each built-in uploader as the request it really sends', async () => {
    const config = (values: Record<string, string>): ExportConfig => ({ get: (f) => values[f], getSecret: async (f) => values[f] });
    const request = async (id: string, values: Record<string, string>) => {
      const { spec } = await builtInSpec(id, config(values), { includeSecrets: true });
      return buildRequest(readSxcu(writeSxcu(spec)).spec, png, run);
    };
    expect(await request('imge', { apiKey: 'chv_1_{x}%y' })).toEqual({
      method: 'POST',
      url: 'https://im.ge/api/1/upload',
      headers: [{ name: 'X-API-Key', value: 'chv_1_{x}%y' }],
      body: { kind: 'multipart', fields: [{ name: 'format', value: 'json' }], file: { field: 'source', fileName: 'a.png', contentType: 'image/png', content: { kind: 'source' } } },
    });
    expect((await request('chevereto', { baseUrl: 'https://pics.example/', apiKey: 'K' })).body).toMatchObject({
      fields: [
        { name: 'key', value: 'K' },
        { name: 'format', value: 'json' },
      ],
    });
    expect((await request('imgbb', { apiKey: 'K' })).url).toBe('https://api.imgbb.com/1/upload?key=K');
    expect((await request('imgur', { clientId: 'C' })).headers).toEqual([{ name: 'Authorization', value: 'Client-ID C' }]);
    expect(await request('groupme', { accessToken: 'T' })).toEqual({
      method: 'POST',
      url: 'https://image.groupme.com/pictures',
      headers: [{ name: 'X-Access-Token', value: 'T' }],
      body: { kind: 'binary', contentType: 'image/png', content: { kind: 'source' } },
    });
    expect(Object.keys(BUILT_IN_EXPORTS)).toEqual(['imge', 'chevereto', 'imgbb', 'imgur', 'groupme']);
  });

  it('leaves built-in keys out unless asked, and needs a host for Chevereto', async () => {
    const { spec, placeholders } = await builtInSpec('imgbb', { get: () => undefined, getSecret: async () => 'secret' }, { includeSecrets: false });
    expect(spec.parameters).toEqual([{ name: 'key', value: 'YOUR_API_KEY' }]);
    expect(placeholders).toEqual(['uploaders.imgbb.apiKey']);
    await expect(builtInSpec('chevereto', { get: () => undefined, getSecret: async () => undefined }, { includeSecrets: false })).rejects.toThrow(
      'Chevereto has no host yet: set uploaders.chevereto.baseUrl to your server\'s address, then export it.',
    );
  });
});
