import { describe, expect, it } from 'vitest';
import type { ResponseInfo } from '../../../electron/core/uploaders/sxcu/evaluate.js';
import { readResponse } from '../../../electron/core/uploaders/sxcu/response.js';
import type { SxcuRunContext } from '../../../electron/core/uploaders/sxcu/scope.js';
import { fixedEnv, sxcuSpec } from '../../support/sxcu.js';

const run: SxcuRunContext = { env: fixedEnv(), answers: new Map() };
const png = { kind: 'file', fileName: 'a b.png', mime: 'image/png' } as const;
const reply = (status: number, text: string, headers: Record<string, string> = {}, url = 'https://h.example/up'): ResponseInfo => ({
  status,
  text,
  url,
  headers: new Headers(headers),
});

const jsonHost = sxcuSpec({
  Name: 'json host',
  DestinationType: 'ImageUploader',
  RequestURL: 'https://h.example/up',
  Body: 'MultipartFormData',
  FileFormName: 'file',
  URL: '{json:data.url}',
  ThumbnailURL: '{json:data.thumb}',
  DeletionURL: 'https://h.example/delete/{json:data.id}?name={filename}',
  ErrorMessage: '{json:error.message} (code {json:error.code})',
});

describe('reading the host\'s answer', () => {
  it('on 2xx, reads URL, ThumbnailURL and DeletionURL', () => {
    const body = JSON.stringify({ data: { url: 'https://i.example/x.png', thumb: 'https://i.example/x.th.png', id: 'x' } });
    expect(readResponse(jsonHost, png, reply(201, body), run)).toEqual({
      ok: true,
      result: { url: 'https://i.example/x.png', thumbnailUrl: 'https://i.example/x.th.png', deleteUrl: 'https://h.example/delete/x?name=a%20b.png' },
    });
  });

  it('with URL empty, the whole body (trimmed) is the link', () => {
    const plain = sxcuSpec({ DestinationType: 'FileUploader', RequestURL: 'https://p.example', Body: 'Binary' });
    expect(readResponse(plain, png, reply(200, 'https://p.example/abc.png\n'), run)).toEqual({ ok: true, result: { url: 'https://p.example/abc.png' } });
  });

  it('{responseurl} and {header:…} read where a redirect ended and its headers', () => {
    const redirect = sxcuSpec({ DestinationType: 'ImageUploader', RequestURL: 'https://r.example', Body: 'Binary', URL: '{responseurl}', DeletionURL: '{header:X-Delete}' });
    expect(readResponse(redirect, png, reply(200, '<html>', { 'X-Delete': 'https://r.example/d/1' }, 'https://r.example/i/1'), run)).toEqual({
      ok: true,
      result: { url: 'https://r.example/i/1', deleteUrl: 'https://r.example/d/1' },
    });
  });

  it('on non-2xx, reads ErrorMessage; if the error body is not what it expects, says nothing rather than failing', () => {
    expect(readResponse(jsonHost, png, reply(400, JSON.stringify({ error: { message: 'Invalid API key', code: 100 } })), run)).toEqual({
      ok: false,
      kind: 'rejected',
      status: 400,
      message: 'Invalid API key (code 100)',
      body: '{"error":{"message":"Invalid API key","code":100}}',
    });
    expect(readResponse(jsonHost, png, reply(502, '<html>Bad gateway</html>'), run)).toMatchObject({ ok: false, kind: 'rejected', status: 502, message: undefined });
  });

  it('a 2xx answer that is not what the file expects is malformed, with the reason and the start of the body', () => {
    expect(readResponse(jsonHost, png, reply(200, '<html>maintenance</html>'), run)).toEqual({
      ok: false,
      kind: 'malformed',
      message: 'json host accepted the upload, but its answer cannot be read as the file expects: expected JSON but got "<html>maintenance</html>".',
    });
    expect(readResponse(jsonHost, png, reply(200, '{"data":{}}'), run)).toEqual({
      ok: false,
      kind: 'malformed',
      message: 'json host accepted the upload, but URL {json:data.url} gave nothing, not a link. The response was "{\\"data\\":{}}".',
    });
  });

  it('a URL sharing service keeps the shared link when the host answers with no link', () => {
    const share = sxcuSpec({ DestinationType: 'URLSharingService', RequestURL: 'https://share.example', Body: 'FormURLEncoded', Arguments: { content: '{input}' } });
    expect(readResponse(share, { kind: 'url', url: 'https://x.example/1' }, reply(204, ''), run)).toEqual({ ok: true, result: { url: 'https://x.example/1' } });
  });
});
