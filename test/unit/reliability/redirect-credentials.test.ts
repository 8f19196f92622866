import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { sxcuFile } from '../../support/sxcu.js';
import { failureOf } from '../uploaders/expect.js';
import { asSource, pngFile } from '../uploaders/fixtures.js';

const SECRET_ARG = 'argsecret_4b7e1f0a9c2d';
const SECRET_HEADER = 'hdrsecret_88aa11ee77cc';
const SECRET_QUERY = 'qrysecret_5d5d2c2c9f9f';

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function server(answer: (seen: Seen) => { status: number; headers?: Record<string, string>; body?: string }) {
  const seen: Seen[] = [];
  const s = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('latin1') };
      seen.push(entry);
      const reply = answer(entry);
      res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  servers.push(s);
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, seen };
}
const servers: import('node:http').Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function importedHost(requestUrl: string) {
  const core = await openTestCore(await tempProfile());
  const { uploader: stored } = await core.customUploaders.import(
    sxcuFile({
      Name: 'moving host',
      DestinationType: 'ImageUploader',
      RequestURL: requestUrl,
      Parameters: { api_key: SECRET_QUERY },
      Headers: { 'X-Upload-Pass': SECRET_HEADER },
      Body: 'MultipartFormData',
      Arguments: { api_key: SECRET_ARG },
      FileFormName: 'file',
      URL: '{json:url}',
    }),
  );
  return { core, uploader: core.uploaders.get(stored.id), ctx: () => core.uploadContext(stored.id) };
}

describe('a redirect to another host', () => {
  it.each([307, 308])('after %i, no credential (header, query or body argument) reaches the other host', async (status) => {
    const elsewhere = await server(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"url":"https://x.example/a.png"}' }));
    const origin = await server(() => ({ status, headers: { location: `${elsewhere.url}/collect` } }));
    const { uploader, ctx } = await importedHost(`${origin.url}/upload`);
    const err = await failureOf(uploader.upload(asSource(await pngFile()), {}, ctx()));
    const leaked = elsewhere.seen.map((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body}`).join('\n');
    for (const secret of [SECRET_ARG, SECRET_HEADER, SECRET_QUERY]) expect(leaked).not.toContain(secret);
    expect(err).toMatchObject({ code: 'rejected', retry: { kind: 'never' } });
    expect(err.message).toMatch(/redirected the upload to another host \(127\.0\.0\.1:\d+\)/);
    // The host it was meant for did get them.
    expect(origin.seen[0]!.body).toContain(SECRET_ARG);
  });

  it('on the same host, a 307 is still followed with the file and credentials', async () => {
    const host = await server((seen): { status: number; headers: Record<string, string>; body?: string } =>
      seen.url.startsWith('/upload') ? { status: 307, headers: { location: '/v2/upload' } } : { status: 200, headers: { 'content-type': 'application/json' }, body: '{"url":"https://x.example/b.png"}' },
    );
    const { uploader, ctx } = await importedHost(`${host.url}/upload`);
    expect(await uploader.upload(asSource(await pngFile()), {}, ctx())).toEqual({ url: 'https://x.example/b.png' });
    expect(host.seen[1]!.body).toContain(SECRET_ARG);
  });
});
