import { randomBytes } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { UploadError, UploadErrorCode } from '../errors.js';

/**
 * A request body whose exact length is known before the first byte is sent, and which can be
 * streamed any number of times: `open()` starts over, so a request retried after a token
 * refresh re-reads the file instead of keeping it in memory.
 */
export interface RequestBody {
  /** Sent as Content-Type unless the request sets its own. */
  readonly contentType?: string;
  /** Exact byte length: sent as Content-Length, and the total of progress events. */
  readonly length: number;
  /** A fresh stream of the body. `onChunk(bytes)` runs as each chunk is handed to the network. */
  open(signal: AbortSignal, onChunk: (bytes: number) => void): ReadableStream<Uint8Array>;
}

/** A file on disk, sent from `path`; `filename` is what the server is told it is called. */
export interface FileRef {
  path: string;
  filename: string;
  contentType: string;
}

export type MultipartPart = { name: string; value: string } | { name: string; file: FileRef };

/** Read size for files: large enough to keep syscalls cheap, small enough for smooth progress. */
const CHUNK_BYTES = 128 * 1024;

/** Thrown inside a body stream when the file cannot be read; the request turns it into an UploadError. */
export class BodySourceError extends Error {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BodySourceError';
  }
}

type Segment = { bytes: Uint8Array } | { path: string; size: number };

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'it does not exist (it may have been moved or deleted)';
  if (code === 'EACCES' || code === 'EPERM') return 'Shotput is not allowed to read it';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return (err as Error | undefined)?.message ?? 'it could not be read';
}

/** Sizes a file before anything is sent, so a missing file fails before the upload starts. */
async function fileSize(path: string, service: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    return info.size;
  } catch (err) {
    throw new UploadError(UploadErrorCode.fileUnreadable, `Could not read ${path} for ${service}: ${describeFsError(err)}.`, {
      service,
      retry: { kind: 'never' },
      cause: err,
    });
  }
}

/**
 * Streams segments in order: byte arrays as they are, files read from disk in chunks. Pulls only
 * when the consumer asks (highWaterMark 0), so progress counts bytes the network took, not bytes
 * read ahead.
 */
function segmentStream(segments: readonly Segment[], signal: AbortSignal, onChunk: (bytes: number) => void): ReadableStream<Uint8Array> {
  let index = 0;
  let handle: FileHandle | undefined;
  let position = 0;
  const closeHandle = async () => {
    const h = handle;
    handle = undefined;
    await h?.close().catch(() => undefined);
  };
  /** The next chunk of a file segment, or undefined once it is finished (and checked unchanged). */
  const readFileChunk = async (segment: { path: string; size: number }): Promise<Uint8Array | undefined> => {
    if (!handle) {
      handle = await open(segment.path, 'r');
      position = 0;
    }
    const want = Math.min(CHUNK_BYTES, segment.size - position);
    if (want > 0) {
      // Not zero-filled: every byte is read over at once.
      const buffer = Buffer.allocUnsafeSlow(want);
      const { bytesRead } = await handle.read(buffer, 0, want, position);
      if (bytesRead < want) throw new BodySourceError(`${segment.path} got shorter while it was being uploaded`, segment.path);
      position += bytesRead;
      return buffer;
    }
    const now = await handle.stat();
    if (now.size !== segment.size) throw new BodySourceError(`${segment.path} changed while it was being uploaded`, segment.path);
    await closeHandle();
    index++;
    return undefined;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Loops until it has something to hand over: an empty file yields no chunk, and a pull
        // that enqueues nothing would not be called again.
        for (;;) {
          if (signal.aborted) {
            await closeHandle();
            controller.error(signal.reason);
            return;
          }
          const segment = segments[index];
          if (!segment) {
            controller.close();
            return;
          }
          if ('bytes' in segment) {
            index++;
            onChunk(segment.bytes.byteLength);
            controller.enqueue(segment.bytes);
            return;
          }
          try {
            const chunk = await readFileChunk(segment);
            if (chunk) {
              onChunk(chunk.byteLength);
              controller.enqueue(chunk);
              return;
            }
          } catch (err) {
            await closeHandle();
            controller.error(
              err instanceof BodySourceError ? err : new BodySourceError(`${segment.path}: ${describeFsError(err)}`, segment.path, { cause: err }),
            );
            return;
          }
        }
      },
      async cancel() {
        await closeHandle();
      },
    },
    { highWaterMark: 0 },
  );
}

function bodyOf(segments: Segment[], contentType: string | undefined): RequestBody {
  const length = segments.reduce((sum, s) => sum + ('bytes' in s ? s.bytes.byteLength : s.size), 0);
  return { contentType, length, open: (signal, onChunk) => segmentStream(segments, signal, onChunk) };
}

/** Quotes a name for Content-Disposition as browsers do: `"` becomes %22, line breaks go. */
function dispositionName(text: string): string {
  return text.replace(/[\r\n]/g, '').replace(/"/g, '%22');
}

/**
 * multipart/form-data with text fields and files, in the order given (put the file last: some
 * servers read fields as they arrive). Files are sized now and streamed from disk when sent.
 */
export async function multipartBody(parts: readonly MultipartPart[], options: { service: string; boundary?: string }): Promise<RequestBody> {
  const boundary = options.boundary ?? `----ShotputBoundary${randomBytes(12).toString('hex')}`;
  const encoder = new TextEncoder();
  const segments: Segment[] = [];
  for (const part of parts) {
    if ('value' in part) {
      segments.push({
        bytes: encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${dispositionName(part.name)}"\r\n\r\n${part.value}\r\n`),
      });
    } else {
      const size = await fileSize(part.file.path, options.service);
      const head =
        `--${boundary}\r\nContent-Disposition: form-data; name="${dispositionName(part.name)}"; filename="${dispositionName(part.file.filename)}"\r\n` +
        `Content-Type: ${part.file.contentType}\r\n\r\n`;
      segments.push({ bytes: encoder.encode(head) }, { path: part.file.path, size }, { bytes: encoder.encode('\r\n') });
    }
  }
  segments.push({ bytes: encoder.encode(`--${boundary}--\r\n`) });
  return bodyOf(segments, `multipart/form-data; boundary=${boundary}`);
}

/** The file's bytes as the whole body (GroupMe, `.sxcu` "Binary"). */
export async function fileBody(file: { path: string; contentType: string }, options: { service: string }): Promise<RequestBody> {
  const size = await fileSize(file.path, options.service);
  return bodyOf([{ path: file.path, size }], file.contentType);
}

/**
 * application/x-www-form-urlencoded. Pairs keep their order and may repeat (Imgur's `ids[]`).
 */
export function formBody(fields: ReadonlyArray<readonly [string, string]> | Record<string, string | undefined>): RequestBody {
  const params = new URLSearchParams();
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  for (const [key, value] of pairs) if (value !== undefined) params.append(key, value);
  return textBody(params.toString(), 'application/x-www-form-urlencoded');
}

/** Any text (JSON, XML, a form already encoded) sent as UTF-8. */
export function textBody(text: string, contentType: string): RequestBody {
  return bodyOf([{ bytes: new TextEncoder().encode(text) }], contentType);
}
