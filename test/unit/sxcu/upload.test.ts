import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadErrorCode } from '../../../electron/core/uploaders/errors.js';
import { startBinaryHost, startJsonHost, startRedirectHost, startTextHost } from '../../servers/sxcu-hosts.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';
import { writeNoisePng } from '../../support/images.js';
import { sxcuFile } from '../../support/sxcu.js';
import { failureOf } from '../uploaders/expect.js';
import { asSource, pngFile, textFile, track, until } from '../uploaders/fixtures.js';

const TOKEN = 'tok_9f8e7d6c5b4a3210';

/** A profile with one .sxcu file imported; uploads go through the registry like any uploader's. */
async function imported(file: string) {
  const core = await openTestCore(await tempProfile());
  const { uploader: stored } = await core.customUploaders.import(file);
  const uploader = core.uploaders.get(stored.id);
  return { core, uploader, ctx: (extra: Parameters<typeof core.uploadContext>[1] = {}) => core.uploadContext(stored.id, extra) };
}

const jsonHostFile = (url: string, token = TOKEN) =>
  sxcuFile({
    Version: '16.1.0',
    Name: 'JSON host',
    DestinationType: 'ImageUploader, FileUploader',
    RequestMethod: 'POST',
    RequestURL: `${url}/api/upload`,
    Parameters: { expires: '%y' },
    Headers: { Authorization: `Bearer ${token}` },
    Body: 'MultipartFormData',
    Arguments: { title: '{filename}', album: '{inputbox:Album|inbox}' },
    FileFormName: 'file',
    URL: '{json:files[0].url}',
    ThumbnailURL: '{json:files[0].thumb}',
    DeletionURL: '{json:files[0].delete}',
    ErrorMessage: '{json:error.message} ({json:error.code})',
  });

describe('uploading through an imported .sxcu file', () => {
  it('a JSON host: multipart with Arguments and the file, Parameters, the token header, every result field, progress', async () => {
    const server = track(await startJsonHost(TOKEN));
    const { core, uploader, ctx } = await imported(jsonHostFile(server.url));
    expect(uploader.descriptor).toMatchObject({ id: 'custom:json-host', label: 'JSON host', capabilities: { accepts: 'any', delete: false } });
    const file = await pngFile({ bytes: 300_000, name: 'my shot.png' });
    const progress: number[] = [];
    const result = await uploader.upload(asSource(file), { answers: { Album: 'Holiday' } }, ctx({ onProgress: (sent) => progress.push(sent) }));

    const seen = server.last()!;
    const upload = server.uploads[0]!;
    expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen.query).toEqual({ expires: String(new Date().getFullYear()) });
    expect(seen.parts).toEqual([
      { name: 'title', kind: 'text', value: 'my shot.png' },
      { name: 'album', kind: 'text', value: 'Holiday' },
      { name: 'file', kind: 'file' },
    ]);
    expect(upload.file).toMatchObject({ filename: 'my shot.png', contentType: 'image/png', size: file.size, sha256: file.sha256 });
    expect(progress.at(-1)).toBe(seen.bodyBytes);
    expect(result).toEqual({
      url: `${server.url}/f/${upload.id}/my%20shot.png`,
      thumbnailUrl: `${server.url}/t/${upload.id}.jpg`,
      deleteUrl: expect.stringMatching(new RegExp(`^${server.url}/d/${upload.id}\\?k=`)),
    });
    // The token never reached the plain settings or the stored spec.
    expect(JSON.stringify(core.customUploaders.list())).not.toContain(TOKEN);
  });

  it('a refusal reads ErrorMessage from the host\'s answer and is worded like any uploader\'s', async () => {
    const server = track(await startJsonHost(TOKEN));
    const { uploader, ctx } = await imported(jsonHostFile(server.url, 'wrong'));
    const failure = await failureOf(uploader.upload(asSource(await pngFile()), { answers: { album: 'x' } }, ctx()));
    expect(failure.code).toBe(UploadErrorCode.auth);
    expect(failure.retry).toEqual({ kind: 'never' });
    expect(failure.message).toBe('JSON host refused the credentials (HTTP 401 Unauthorized: Invalid token (E_AUTH)). Check the JSON host settings.');

    server.inject({ kind: 'status', status: 503 });
    const busy = await failureOf(uploader.upload(asSource(await pngFile()), { answers: { album: 'x' } }, ctx()));
    expect(busy).toMatchObject({ code: UploadErrorCode.server, retry: { kind: 'backoff' } });
  });

  it('refuses to start without the answer to its question, naming it', async () => {
    const server = track(await startJsonHost(TOKEN));
    const { uploader, ctx } = await imported(jsonHostFile(server.url));
    const failure = await failureOf(uploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(failure).toMatchObject({ code: 'question_unanswered', retry: { kind: 'never' } });
    expect(failure.message).toBe('JSON host asks a question before it uploads: "Album" (text, default "inbox"). Answer it and try again.');
    expect(server.log).toEqual([]);
  });

  it('a plain-text host, from an old-syntax file: the whole body is the link', async () => {
    const server = track(await startTextHost());
    const { uploader, ctx } = await imported(
      sxcuFile({ Version: '12.4.1', Name: 'text host', RequestURL: `${server.url}/`, Body: 'MultipartFormData', Arguments: { secret: '' }, FileFormName: 'file' }),
    );
    const file = await textFile('plain notes\n');
    const result = await uploader.upload(asSource(file), {}, ctx());
    expect(result).toEqual({ url: `${server.url}/${server.uploads[0]!.id}.txt` });
    expect(server.uploads[0]!.file).toMatchObject({ filename: 'notes.txt', contentType: 'text/plain', sha256: file.sha256 });
  });

  it('a redirect host: {responseurl} is where the redirect after the upload ended', async () => {
    const server = track(await startRedirectHost());
    const { uploader, ctx } = await imported(
      sxcuFile({ Version: '12.4.1', Name: 'redirect host', RequestMethod: 'POST', RequestURL: `${server.url}/api/1/upload`, Body: 'MultipartFormData', Arguments: { format: 'redirect' }, FileFormName: 'source', URL: '$responseurl$' }),
    );
    const result = await uploader.upload(asSource(await pngFile()), {}, ctx());
    expect(result).toEqual({ url: `${server.url}/image/${server.uploads[0]!.id}` });
    expect(server.log.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/1/upload', `GET /image/${server.uploads[0]!.id}`]);
  });

  it('a 307 redirect sends the same request, file included, to the new address', async () => {
    const server = track(await startRedirectHost());
    const { uploader, ctx } = await imported(
      sxcuFile({ Version: '16.0.0', Name: 'moved', DestinationType: 'ImageUploader', RequestURL: `${server.url}/upload.php`, Body: 'MultipartFormData', FileFormName: 'source', URL: '{responseurl}' }),
    );
    const file = await pngFile({ bytes: 200_000 });
    const result = await uploader.upload(asSource(file), {}, ctx());
    const id = server.uploads[0]!.id;
    expect(result).toEqual({ url: `${server.url}/image/${id}` });
    expect(server.log.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /upload.php', 'POST /api/1/upload', `GET /image/${id}`]);
    expect(server.uploads[0]!.file).toMatchObject({ size: file.size, sha256: file.sha256 });
  });

  it('a Binary-body host: the file is the body, typed by its name, its name URL-encoded in RequestURL', async () => {
    const server = track(await startBinaryHost());
    const { uploader, ctx } = await imported(
      sxcuFile({ Version: '15.0.0', Name: 'binary host', DestinationType: 'FileUploader', RequestMethod: 'PUT', RequestURL: `${server.url}/up/{filename}`, Body: 'Binary', URL: '{json:link}' }),
    );
    const file = await pngFile({ name: 'a b+c.png' });
    const result = await uploader.upload(asSource(file), {}, ctx());
    const upload = server.uploads[0]!;
    expect(server.last()!.path).toBe('/up/a%20b%2Bc.png');
    expect(upload.file).toMatchObject({ filename: 'a b+c.png', contentType: 'image/png', size: file.size, sha256: file.sha256 });
    expect(result).toEqual({ url: `${server.url}/raw/${upload.id}/a%20b%2Bc.png` });
  });

  it('can be cancelled mid-upload like any uploader', async () => {
    const server = track(await startBinaryHost());
    const { uploader, ctx } = await imported(
      sxcuFile({ Version: '15.0.0', Name: 'binary host', DestinationType: 'FileUploader', RequestMethod: 'PUT', RequestURL: `${server.url}/up/{filename}`, Body: 'Binary', URL: '{json:link}' }),
    );
    server.inject({ kind: 'stall', afterBytes: 64 * 1024 });
    const controller = new AbortController();
    const upload = uploader.upload(asSource(await pngFile({ bytes: 2_000_000 })), {}, ctx({ signal: controller.signal }));
    await until(() => (server.last()?.bodyBytes ?? 0) >= 64 * 1024);
    controller.abort();
    expect(await failureOf(upload)).toMatchObject({ code: UploadErrorCode.cancelled, message: 'The upload to binary host was cancelled.' });
  });

  it('a URL shortener takes links, and a file sent to it is refused before the network', async () => {
    const server = track(await startTextHost());
    const { uploader, ctx } = await imported(
      sxcuFile({ Version: '14.0.0', Name: 'short', DestinationType: 'URLShortener', RequestURL: `${server.url}/`, Body: 'MultipartFormData', Arguments: { shorten: '{input}' } }),
    );
    expect(uploader.descriptor.capabilities.remoteUrl).toBe(true);
    const failure = await failureOf(uploader.upload(asSource(await pngFile()), {}, ctx()));
    expect(failure.message).toBe('short takes links, not shot.png (image/png). Choose a file uploader for it.');
    expect(server.log).toEqual([]);
  });

  it('is registered at start-up, replaced on a new import and gone when removed', async () => {
    const dir = await tempProfile();
    const first = await openTestCore(dir);
    await first.customUploaders.import(sxcuFile({ Name: 'kept', DestinationType: 'ImageUploader', RequestURL: 'https://k.example/up', Body: 'Binary' }));
    const core = await openTestCore(dir);
    expect(core.uploaders.get('custom:kept').descriptor.label).toBe('kept');
    expect(core.settings.field('defaultUploader').choices?.map((c) => c.value)).toContain('custom:kept');
    await core.settings.set('defaultUploader', 'custom:kept');
    await core.customUploaders.remove('custom:kept');
    expect(core.uploaders.has('custom:kept')).toBe(false);
  });
});

describe('files that are not images', () => {
  it('go to the uploader for other files when one is set, images to the default one', async () => {
    const server = track(await startBinaryHost());
    const { core } = await imported(
      sxcuFile({ Version: '15.0.0', Name: 'files', DestinationType: 'FileUploader', RequestMethod: 'PUT', RequestURL: `${server.url}/up/{filename}`, Body: 'Binary', URL: '{json:link}' }),
    );
    const notes = await textFile('a text file\n');
    // A real image: queued images go through the pipeline, which decodes them.
    const image = join(await tempProfile(), 'real.png');
    await writeNoisePng(image, 8, 8);
    expect((await core.uploads.addFiles([notes.path]))[0]).toMatchObject({ error: { code: 'not_an_image' } });

    await core.settings.set('defaultFileUploader', 'custom:files');
    const outcomes = await core.uploads.addFiles([notes.path, image]);
    expect(outcomes.map((o) => o.job?.uploaderId)).toEqual(['custom:files', 'imge']);
    expect(await core.dispatch('sxcu.questions', { fileName: 'report.pdf' })).toEqual({ ok: true, value: { uploaderId: 'custom:files', questions: [] } });
    expect(await core.dispatch('sxcu.questions', { fileName: 'shot.png' })).toEqual({ ok: true, value: { uploaderId: 'imge', questions: [] } });
    await core.close();
  });
});
