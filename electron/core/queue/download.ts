import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { formatBytes } from '../../../shared/format.js';
import { UploadError, UploadErrorCode } from '../uploaders/errors.js';
import { EXTENSION_BY_MIME } from '../files/mime.js';

/** A name for a file fetched from a URL: its last path segment, with an extension from its type. */
export function nameFromUrl(url: string, mime?: string): string {
  let last = '';
  try {
    last = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '');
  } catch {
    // keep the fallback
  }
  const safe = last.replace(/[^\w.\- ]+/g, '_').slice(0, 100) || 'download';
  const ext = mime ? EXTENSION_BY_MIME[mime.split(';')[0]!.trim()] : undefined;
  return ext && !safe.toLowerCase().endsWith(`.${ext}`) && !/\.\w{2,4}$/.test(safe) ? `${safe}.${ext}` : safe;
}

/**
 * Fetches a remote file for an uploader that cannot fetch URLs itself, streaming it to `dest`
 * and stopping at `maxBytes`.
 */
export async function downloadToFile(
  fetchFn: typeof fetch,
  url: string,
  dest: string,
  options: { maxBytes: number; signal: AbortSignal; service: string },
): Promise<{ mime: string; size: number }> {
  const fail = (code: string, message: string, retry: 'never' | 'backoff') =>
    new UploadError(code, message, { service: options.service, retry: { kind: retry } });
  let response: Response;
  try {
    response = await fetchFn(url, { signal: options.signal, redirect: 'follow' });
  } catch (err) {
    if (options.signal.aborted) throw err;
    throw fail(UploadErrorCode.network, `Could not download ${url}: ${(err as Error).message}.`, 'backoff');
  }
  if (!response.ok || !response.body) {
    throw fail('download_failed', `Could not download ${url}: the server answered HTTP ${response.status}.`, response.status >= 500 ? 'backoff' : 'never');
  }
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > options.maxBytes) done(fail(UploadErrorCode.tooBig, `${url} is larger than ${options.service}'s limit of ${formatBytes(options.maxBytes)}.`, 'never'));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), limit, createWriteStream(dest));
  } catch (err) {
    await rm(dest, { force: true });
    throw err;
  }
  return { mime: response.headers.get('content-type')?.split(';')[0]?.trim() || 'application/octet-stream', size };
}
