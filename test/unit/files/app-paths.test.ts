import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPath } from '../../../electron/core/files/app-paths.js';
import { tempProfile } from '../../support/profile.js';

async function setUp() {
  const dir = await tempProfile();
  const renderer = join(dir, 'renderer');
  const thumbs = join(dir, 'profile', 'thumbnails');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await mkdir(thumbs, { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html>');
  await writeFile(join(renderer, 'assets', 'app.js'), '');
  await writeFile(join(thumbs, 'a.square.webp'), 'webp');
  await writeFile(join(dir, 'profile', 'secrets.json'), '{}');
  await symlink(join(dir, 'profile', 'secrets.json'), join(renderer, 'assets', 'leak.json'));
  await symlink(join(dir, 'profile'), join(thumbs, 'up'));
  const mounts = { '/': renderer, '/thumbs/': thumbs };
  return { renderer, thumbs, resolve: (path: string) => resolveAppPath(path, mounts) };
}

describe('the app:// path resolver (main and the harness)', () => {
  it('serves the pages and the thumbnails from their folders', async () => {
    const { renderer, thumbs, resolve } = await setUp();
    expect(await resolve('/')).toEqual({ ok: true, file: join(renderer, 'index.html') });
    expect(await resolve('/assets/app.js')).toEqual({ ok: true, file: join(renderer, 'assets', 'app.js') });
    expect(await resolve('/thumbs/a.square.webp')).toEqual({ ok: true, file: join(thumbs, 'a.square.webp') });
    expect(await resolve('/assets/missing.js')).toMatchObject({ ok: false, status: 404 });
  });

  it.each([
    ['dot segments', '/../profile/secrets.json'],
    ['encoded dots', '/%2e%2e/profile/secrets.json'],
    ['encoded dots and slashes', '/assets%2F..%2F..%2Fprofile%2Fsecrets.json'],
    ['a thumbnail path climbing out', '/thumbs/%2e%2e/secrets.json'],
    ['a thumbnail path climbing out of the profile', '/thumbs/..%2f..%2f..%2fetc%2fpasswd'],
  ])('refuses %s with 403', async (_what, path) => {
    const { resolve } = await setUp();
    expect(await resolve(path)).toMatchObject({ ok: false, status: 403 });
  });

  it('keeps an absolute path inside the folder', async () => {
    const { resolve } = await setUp();
    expect(await resolve('/%2Fetc%2Fpasswd')).toMatchObject({ ok: false, status: 404 });
    expect(await resolve('//etc/passwd')).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses a symlink that points out of its folder', async () => {
    const { resolve } = await setUp();
    expect(await resolve('/assets/leak.json')).toMatchObject({ ok: false, status: 403 });
    expect(await resolve('/thumbs/up/secrets.json')).toMatchObject({ ok: false, status: 403 });
  });

  it.each(['/%E0%A4%A', '/%', '/%zz', '/a%00b', '/a%5c..%5csecrets.json'])('answers malformed %s with 400 instead of throwing', async (path) => {
    const { resolve } = await setUp();
    expect(await resolve(path)).toMatchObject({ ok: false, status: 400 });
  });
});
