/**
 * Issue 3's acceptance, through the built command: every uploader uploads to its stand-in with
 * `shotput upload --json` and prints the link, the stand-ins see the exact fields and headers
 * each API expects, and every documented failure gives a clear message and a non-zero exit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllStandIns, STANDIN_CREDENTIALS, type StandIns } from '../servers/all.js';
import type { Fault, RecordedRequest, StandIn } from '../servers/kit/stand-in.js';
import { runShotput } from '../support/bin.js';
import { writeNoisePng } from '../support/images.js';

const UPLOADERS = ['imge', 'chevereto', 'imgbb', 'imgur', 'groupme'] as const;
type Id = (typeof UPLOADERS)[number];

const LABEL: Record<Id, string> = { imge: 'IM.GE', chevereto: 'Chevereto', imgbb: 'ImgBB', imgur: 'Imgur', groupme: 'GroupMe' };
const SECRET: Record<Id, string> = {
  imge: 'uploaders.imge.apiKey',
  chevereto: 'uploaders.chevereto.apiKey',
  imgbb: 'uploaders.imgbb.apiKey',
  imgur: 'uploaders.imgur.clientId',
  groupme: 'uploaders.groupme.accessToken',
};

/** What each API must receive, checked on the stand-in's record of the upload. */
const EXPECTED: Record<Id, (r: RecordedRequest) => void> = {
  imge: (r) => {
    expect(r).toMatchObject({ method: 'POST', path: '/api/1/upload', headers: { 'x-api-key': STANDIN_CREDENTIALS.imge.apiKey } });
    expect(r.fields).toMatchObject({ key: STANDIN_CREDENTIALS.imge.apiKey, format: 'json' });
    expect(r.files.map((f) => f.field)).toEqual(['source']);
  },
  chevereto: (r) => {
    expect(r).toMatchObject({ method: 'POST', path: '/api/1/upload', headers: { 'x-api-key': STANDIN_CREDENTIALS.chevereto.apiKey } });
    expect(r.fields).toMatchObject({ key: STANDIN_CREDENTIALS.chevereto.apiKey, format: 'json' });
    expect(r.files.map((f) => f.field)).toEqual(['source']);
  },
  imgbb: (r) => {
    expect(r).toMatchObject({ method: 'POST', path: '/1/upload', query: { key: STANDIN_CREDENTIALS.imgbb.apiKey } });
    expect(r.headers['x-api-key']).toBeUndefined();
    expect(r.files.map((f) => f.field)).toEqual(['image']);
    expect(r.files[0]!.filename).toBe('shot.png');
  },
  imgur: (r) => {
    expect(r).toMatchObject({ method: 'POST', path: '/3/image', headers: { authorization: `Client-ID ${STANDIN_CREDENTIALS.imgur.clientId}` } });
    expect(r.fields).toMatchObject({ type: 'file', name: 'shot.png' });
    expect(r.files.map((f) => f.field)).toEqual(['image']);
  },
  groupme: (r) => {
    expect(r).toMatchObject({ method: 'POST', path: '/pictures', headers: { 'x-access-token': STANDIN_CREDENTIALS.groupme.accessToken, 'content-type': 'image/jpeg' } });
    // A raw body, never multipart; GroupMe's preferred JPEG.
    expect(r.files).toEqual([]);
    expect(r.raw?.image?.mime).toBe('image/jpeg');
  },
};

let servers: StandIns;
let small: StandIns;
let dir: string;
let image: string;
let large: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shotput-uploaders-'));
  [servers, small] = await Promise.all([startAllStandIns(), startAllStandIns({ maxBytes: 1024 * 1024 })]);
  image = join(dir, 'shot.png');
  await writeNoisePng(image, 120, 80);
  large = join(dir, 'large.png');
  await writeNoisePng(large, 1400, 1400);
  writeFileSync(join(dir, 'empty.png'), '');
});

afterAll(async () => {
  await Promise.all([servers?.close(), small?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const settingsOf = (s: StandIns, extra: string[] = []) => [...s.settings(), ...extra].flatMap((kv) => ['--set', kv]);
const parse = (stdout: string) => JSON.parse(stdout.trim().split('\n')[0]!) as Record<string, any>;

async function upload(id: Id, file: string, extra: string[] = [], s: StandIns = servers) {
  const profile = mkdtempSync(join(dir, 'profile-'));
  // No retries: each failure is reported the first time it happens.
  const run = await runShotput(profile, ...settingsOf(s, ['queue.retries=0', ...extra]), 'upload', file, '--uploader', id, '--json');
  return { ...run, result: run.stdout.trim() ? parse(run.stdout) : undefined };
}

describe.each(UPLOADERS)('shotput upload --uploader %s', (id) => {
  const server = (): StandIn => servers[id];

  it('uploads to its stand-in, prints the link, and sends what the API expects', async () => {
    const run = await upload(id, image);
    expect(run.code, run.stderr).toBe(0);
    expect(run.result).toMatchObject({ ok: true, uploader: id, error: null });
    expect(run.result!.url).toContain(new URL(server().url).host);
    EXPECTED[id](server().last()!);
  });

  const failures: Array<[string, () => Fault | undefined, string[], RegExp, string?]> = [
    ['a refused key', () => undefined, [`${SECRET[id]}=wrong-key-0000`], /auth_failed/],
    ['a rate limit', () => ({ kind: 'rate-limit', resetSeconds: 600 }), [], /rate_limited/, 'It stays queued'],
    ['a server error', () => ({ kind: 'status', status: 503 }), [], /server_error/],
    ['a connection reset', () => ({ kind: 'reset' }), [], /network_error/],
    ['a malformed reply', () => ({ kind: 'malformed' }), [], /malformed_response/],
  ];
  it.each(failures)('reports %s clearly and exits 1', async (_name, fault, extra, code, more) => {
    const f = fault();
    if (f) server().inject(f);
    const run = await upload(id, image, extra);
    server().clearFaults();
    expect(run.code).toBe(1);
    expect(run.result).toMatchObject({ ok: false, url: null });
    expect(run.result!.error.code).toMatch(code);
    const message: string = run.result!.error.message;
    expect(message).toContain(LABEL[id]);
    expect(message).not.toMatch(/undefined|\n\s+at /);
    expect(run.stderr).toContain(message);
    if (more) expect(message).toContain(more);
  });

  it('reports a file the service finds too big', async () => {
    const run = await upload(id, large, [], small);
    expect(run.code).toBe(1);
    expect(run.result!.error.code).toBe('too_big');
    expect(run.result!.error.message).toContain(LABEL[id]);
  });

  it('refuses an empty file before anything is sent', async () => {
    const before = server().log.length;
    const run = await upload(id, join(dir, 'empty.png'));
    expect(run.code).toBe(1);
    expect(run.result!.error).toMatchObject({ code: 'file_empty' });
    expect(run.result!.error.message).toContain('is empty (0 bytes)');
    expect(server().log.length).toBe(before);
  });
});
