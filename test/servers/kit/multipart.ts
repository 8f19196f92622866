/**
 * A streaming multipart/form-data parser for the stand-in servers: it holds at most one chunk
 * plus a boundary's worth of bytes, so a 20 MB upload costs no more memory than a 20 kB one.
 */

export interface PartHeaders {
  name: string;
  filename?: string;
  contentType?: string;
}

export interface MultipartHandlers {
  onPart(part: PartHeaders): void;
  onData(chunk: Buffer): void;
  onPartEnd(): void;
}

export class MultipartSyntaxError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary from a Content-Type header, or undefined when it is not multipart/form-data. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function parsePartHeaders(block: string): PartHeaders {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') {
      name = /(?:^|;)\s*name="([^"]*)"/i.exec(value)?.[1] ?? /(?:^|;)\s*name=([^;\s]+)/i.exec(value)?.[1];
      filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1] ?? /;\s*filename=([^;\s]+)/i.exec(value)?.[1];
    } else if (key === 'content-type') {
      contentType = value;
    }
  }
  if (name === undefined) throw new MultipartSyntaxError('a part has no Content-Disposition name');
  return { name, filename, contentType };
}

type State = 'preamble' | 'after-boundary' | 'headers' | 'body' | 'done';

export class MultipartParser {
  private readonly opening: Buffer;
  private readonly delimiter: Buffer;
  private state: State = 'preamble';
  private carry: Buffer = Buffer.alloc(0);

  constructor(
    boundary: string,
    private readonly handlers: MultipartHandlers,
  ) {
    this.opening = Buffer.from(`--${boundary}`);
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  write(chunk: Buffer): void {
    let data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    for (;;) {
      switch (this.state) {
        case 'preamble': {
          const at = data.indexOf(this.opening);
          if (at === -1) {
            this.carry = data.subarray(Math.max(0, data.length - this.opening.length));
            return;
          }
          data = data.subarray(at + this.opening.length);
          this.state = 'after-boundary';
          break;
        }
        case 'after-boundary': {
          if (data.length < 2) {
            this.carry = Buffer.from(data);
            return;
          }
          if (data[0] === 0x2d && data[1] === 0x2d) {
            this.state = 'done';
            return;
          }
          if (!data.subarray(0, 2).equals(CRLF)) throw new MultipartSyntaxError('a boundary is not followed by a line break');
          data = data.subarray(2);
          this.state = 'headers';
          break;
        }
        case 'headers': {
          const end = data.indexOf(HEADER_END);
          if (end === -1) {
            if (data.length > MAX_HEADER_BYTES) throw new MultipartSyntaxError('part headers are too long');
            this.carry = Buffer.from(data);
            return;
          }
          this.handlers.onPart(parsePartHeaders(data.subarray(0, end).toString('utf8')));
          data = data.subarray(end + HEADER_END.length);
          this.state = 'body';
          break;
        }
        case 'body': {
          const at = data.indexOf(this.delimiter);
          if (at === -1) {
            // Keep what could be the start of a delimiter split across chunks.
            const keep = Math.min(data.length, this.delimiter.length - 1);
            if (data.length > keep) this.handlers.onData(data.subarray(0, data.length - keep));
            this.carry = Buffer.from(data.subarray(data.length - keep));
            return;
          }
          if (at > 0) this.handlers.onData(data.subarray(0, at));
          this.handlers.onPartEnd();
          data = data.subarray(at + this.delimiter.length);
          this.state = 'after-boundary';
          break;
        }
        case 'done':
          return;
      }
    }
  }

  /** Throws when the body stopped before the closing boundary. */
  end(): void {
    if (this.state !== 'done') throw new MultipartSyntaxError('the body ended before the closing boundary');
  }
}
