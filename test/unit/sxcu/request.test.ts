import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../../electron/core/uploaders/sxcu/request.js';
import type { SxcuRunContext } from '../../../electron/core/uploaders/sxcu/scope.js';
import { fixedEnv, sxcuSpec } from '../../support/sxcu.js';

const run = (answers: Record<string, string> = {}, random = 0): SxcuRunContext => ({ env: fixedEnv(random), answers: new Map(Object.entries(answers)) });
const png = { kind: 'file', fileName: 'my shot (1).png', mime: 'image/png' } as const;

describe('building the request of a custom uploader', () => {
  it('multipart: method, URL with encoded parameters, headers, Arguments before the file', () => {
    const spec = sxcuSpec({
      DestinationType: 'ImageUploader',
      RequestMethod: 'PATCH',
      RequestURL: 'img.example/up/{filename}',
      Parameters: { key: 'a b&c/ü', flag: '', day: '%y-%mo-%d' },
      Headers: { Authorization: 'Basic {base64:me:pw}', 'Content-Length': '1' },
      Body: 'MultipartFormData',
      Arguments: { title: '{filename}', id: '%rn{3}', '': 'dropped' },
      FileFormName: 'upload',
    });
    expect(buildRequest(spec, png, run())).toEqual({
      method: 'PATCH',
      url: 'https://img.example/up/my%20shot%20%281%29.png?key=a+b%26c%2f%c3%bc&flag&day=2024-03-05',
      headers: [{ name: 'Authorization', value: `Basic ${Buffer.from('me:pw').toString('base64')}` }],
      body: {
        kind: 'multipart',
        fields: [
          { name: 'title', value: 'my shot (1).png' },
          { name: 'id', value: '000' },
        ],
        file: { field: 'upload', fileName: 'my shot (1).png', contentType: 'image/png', content: { kind: 'source' } },
      },
    });
  });

  it('Binary: the file itself, typed by the file or by a Content-Type header', () => {
    const spec = sxcuSpec({ DestinationType: 'FileUploader', RequestMethod: 'PUT', RequestURL: 'https://bin.example/{filename}', Body: 'Binary' });
    expect(buildRequest(spec, png, run()).body).toEqual({ kind: 'binary', contentType: 'image/png', content: { kind: 'source' } });
    const typed = sxcuSpec({ DestinationType: 'FileUploader', RequestURL: 'https://bin.example', Headers: { 'content-type': 'application/x-raw' }, Body: 'Binary' });
    const request = buildRequest(typed, png, run());
    expect(request.body).toEqual({ kind: 'binary', contentType: 'application/x-raw', content: { kind: 'source' } });
    expect(request.headers).toEqual([]);
  });

  it('URL shorteners: {input} is the URL, encoded in RequestURL and form-encoded in Parameters', () => {
    const spec = sxcuSpec({ DestinationType: 'URLShortener', RequestMethod: 'GET', RequestURL: 'https://s.example/{input}', Parameters: { url: '{input}' } });
    const request = buildRequest(spec, { kind: 'url', url: 'https://long.example/a b?x=1' }, run());
    expect(request.url).toBe('https://s.example/https%3A%2F%2Flong.example%2Fa%20b%3Fx%3D1?url=https%3a%2f%2flong.example%2fa+b%3fx%3d1');
    expect(request.body).toEqual({ kind: 'none' });
  });

  it('text uploaders: FormURLEncoded, and JSON/XML Data with {input} and {filename} escaped for the body', () => {
    const text = { kind: 'text', fileName: 'note "1".txt', text: 'line 1\n<b>&"quoted"' } as const;
    const form = sxcuSpec({ DestinationType: 'TextUploader', RequestURL: 'https://t.example', Body: 'FormURLEncoded', Arguments: { content: '{input}', lang: 'text' } });
    expect(buildRequest(form, text, run()).body).toEqual({ kind: 'form-urlencoded', text: 'content=line+1%0a%3cb%3e%26%22quoted%22&lang=text' });
    const json = sxcuSpec({ DestinationType: 'TextUploader', RequestURL: 'https://t.example', Body: 'JSON', Data: '{"content": "{Input}", "name": "{filename}", "at": "%y"}' });
    expect(buildRequest(json, text, run()).body).toEqual({
      kind: 'text',
      contentType: 'application/json',
      text: '{"content": "line 1\\n<b>&\\"quoted\\"", "name": "note \\"1\\".txt", "at": "2024"}',
    });
    expect(JSON.parse((buildRequest(json, text, run()).body as { text: string }).text).content).toBe(text.text);
    const xml = sxcuSpec({ DestinationType: 'TextUploader', RequestURL: 'https://t.example', Body: 'XML', Data: '<paste>{input}</paste>' });
    expect(buildRequest(xml, text, run()).body).toEqual({ kind: 'text', contentType: 'application/xml', text: '<paste>line 1\n&lt;b&gt;&amp;&quot;quoted&quot;</paste>' });
    const multipart = sxcuSpec({ DestinationType: 'TextUploader', RequestURL: 'https://t.example', Body: 'MultipartFormData', FileFormName: 'f' });
    expect(buildRequest(multipart, text, run()).body).toEqual({
      kind: 'multipart',
      fields: [],
      file: { field: 'f', fileName: 'note "1".txt', contentType: 'text/plain', content: { kind: 'text', text: text.text } },
    });
  });

  it('uses the answers to {select} and {inputbox}, and the injected random source for {random}', () => {
    const spec = sxcuSpec({
      DestinationType: 'ImageUploader',
      RequestURL: 'https://{select:eu.example|us.example}/{random:a|b}',
      Headers: { 'X-Album': '{inputbox:Album}' },
      Body: 'Binary',
    });
    const request = buildRequest(spec, png, run({ RequestURL: 'us.example', Album: 'Cats' }, 0.9));
    expect(request.url).toBe('https://us.example/b');
    expect(request.headers).toEqual([{ name: 'X-Album', value: 'Cats' }]);
  });

  it('refuses what the uploader does not take, and a header that would hold a line break', () => {
    const shortener = sxcuSpec({ DestinationType: 'URLShortener', RequestURL: 'https://s.example', Parameters: { u: '{input}' } });
    expect(() => buildRequest(shortener, png, run())).toThrow('s.example is a URL shortener; it does not take files.');
    const newline = sxcuSpec({ DestinationType: 'ImageUploader', RequestURL: 'https://n.example', Headers: { 'X-Note': 'a%nb' }, Body: 'Binary' });
    expect(() => buildRequest(newline, png, run())).toThrow('the header X-Note would contain a line break');
  });
});
