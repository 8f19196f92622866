import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarnessProcess, type HarnessProcess } from '../../support/harness-process.js';

let profile: string;
let outside: string;
let harness: HarnessProcess;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-harness-abuse-'));
  outside = mkdtempSync(join(tmpdir(), 'shotput-outside-'));
  writeFileSync(join(outside, 'private.txt'), 'not for the web');
  mkdirSync(join(profile, 'thumbnails'), { recursive: true });
  symlinkSync(join(outside, 'private.txt'), join(profile, 'thumbnails', 'link.png'));
  symlinkSync(outside, join(profile, 'thumbnails', 'dir'));
  harness = await startHarnessProcess(profile);
});
afterAll(async () => {
  await harness?.stop();
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  rmSync(outside, { recursive: true, force: true });
});

/** A raw GET: the path is sent exactly as written, and any Host header. */
function get(path: string, host?: string): Promise<{ status: number; body: string }> {
  const url = new URL(harness.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path, method: 'GET', headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the harness under abuse', () => {
  it('survives malformed percent-encodings, answering 400', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/thumbs/%ZZ', '/%C0%AF..%C0%AF']) expect((await get(path)).status, path).toBe(400);
    expect((await get('/')).status).toBe(200);
    expect(harness.child.exitCode).toBeNull();
  });

  it('refuses a Host header that is not its own (DNS rebinding)', async () => {
    expect((await get('/', 'evil.example')).status).toBe(421);
    expect((await get('/', `evil.example:${new URL(harness.url).port}`)).status).toBe(421);
    expect((await get('/', `127.0.0.1:${new URL(harness.url).port}`)).status).toBe(200);
    expect((await get('/', `localhost:${new URL(harness.url).port}`)).status).toBe(200);
  });

  it('does not follow a symlink out of the thumbnails folder', async () => {
    for (const path of ['/thumbs/link.png', '/thumbs/dir/private.txt']) {
      const reply = await get(path);
      expect(reply.status, path).toBe(403);
      expect(reply.body).not.toContain('not for the web');
    }
  });
});
