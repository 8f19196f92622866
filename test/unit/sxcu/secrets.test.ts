import { describe, expect, it } from 'vitest';
import { detectSecrets, isSecretName, looksLikeKey, looksLikePlaceholder } from '../../../electron/core/uploaders/sxcu/secrets.js';
import { sxcuSpec } from '../../support/sxcu.js';

describe('finding the keys in a .sxcu file', () => {
  it('by name: authorization headers and names like key, token, secret, password, auth', () => {
    for (const name of ['Authorization', 'X-API-Key', 'api_key', 'apikey', 'key', 'token', 'access_token', 'client_secret', 'password', 'auth', 'Cookie', 'userhash', 'X-Auth-Token', 'upload-key'])
      expect(isSecretName(name), name).toBe(true);
    for (const name of ['format', 'title', 'author', 'expires', 'album', 'name', 'content', 'url', 'keyword', 'type']) expect(isSecretName(name), name).toBe(false);
  });

  it('by value: long random-looking tokens, with or without a scheme word', () => {
    for (const value of ['f0e1d2c3b4a5968778695a4b3c2d1e0f', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig4xZ', 'chv_Kq2_8gHf3LmN0pQrStUvWx', '0f6c1a9e-53b4-4d21-9b7e-2a8f6c4d1e77'])
      expect(looksLikeKey(value), value).toBe(true);
    for (const value of ['json', 'https://example.com/upload/abcdef0123456789abcdef', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'my holiday pictures 2024', '{json:data.token_value_here_1234}', '20240305-screenshot'])
      expect(looksLikeKey(value), value).toBe(false);
  });

  it('looks in Headers, Parameters and Arguments, and where a sample file says a key goes', () => {
    const spec = sxcuSpec({
      DestinationType: 'ImageUploader',
      RequestURL: 'https://s.example',
      Parameters: { k: 'Zt8qP3xL0vB6nM2cR9wE4yU7', format: 'json' },
      Headers: { Authorization: 'Basic {base64:me:pw}', Accept: 'application/vnd.u2s.v1+json', 'X-Kind': 'application/vnd.u2s.v1+json' },
      Body: 'MultipartFormData',
      Arguments: { password: '', u: 'YOUR API KEY', description: 'Uploaded by ShareX' },
      FileFormName: 'file',
    });
    expect(detectSecrets(spec)).toEqual([
      { field: 'parameters', name: 'k', reason: 'value' },
      { field: 'parameters', name: 'format', reason: 'value' },
      { field: 'headers', name: 'Authorization', reason: 'name' },
      { field: 'headers', name: 'X-Kind', reason: 'value' },
      { field: 'arguments', name: 'password', reason: 'name' },
      { field: 'arguments', name: 'u', reason: 'placeholder' },
      { field: 'arguments', name: 'description', reason: 'value' },
    ]);
  });

  it('recognises the placeholders sample files ship instead of a key', () => {
    for (const value of ['Your API key goes here', '<API KEY HERE (https://api.imgbb.com/)>', 'Bearer <token>', 'XXXXXXXX']) expect(looksLikePlaceholder(value), value).toBe(true);
    for (const value of ['Bearer tok-123', 'f0e1d2c3b4a5968778695a4b3c2d1e0f']) expect(looksLikePlaceholder(value), value).toBe(false);
  });
});
