import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartParser, MultipartSyntaxError } from '../../servers/kit/multipart.js';

const boundary = '----ShotputBoundaryabc';
const body = Buffer.concat([
  Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\nchv_1\r\n`),
  Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="source"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
  // File bytes that contain a near-miss of the delimiter.
  Buffer.from(`\x89PNG\r\n--${boundary.slice(0, -1)}X\r\n\r\nend`, 'latin1'),
  Buffer.from(`\r\n--${boundary}--\r\n`),
]);

function parse(chunks: Buffer[]) {
  const parts: Array<{ name: string; filename?: string; contentType?: string; data: Buffer }> = [];
  const parser = new MultipartParser(boundary, {
    onPart: (p) => parts.push({ ...p, data: Buffer.alloc(0) }),
    onData: (c) => (parts.at(-1)!.data = Buffer.concat([parts.at(-1)!.data, c])),
    onPartEnd: () => {},
  });
  for (const c of chunks) parser.write(c);
  parser.end();
  return parts.map((p) => ({ ...p, data: p.data.toString('latin1') }));
}

describe('stand-in multipart parser', () => {
  const expected = [
    { name: 'key', filename: undefined, contentType: undefined, data: 'chv_1' },
    { name: 'source', filename: 'a.png', contentType: 'image/png', data: `\x89PNG\r\n--${boundary.slice(0, -1)}X\r\n\r\nend` },
  ];

  it('parses a body in one chunk', () => {
    expect(parse([body])).toEqual(expected);
  });

  it('parses the same body split at every possible point, and byte by byte', () => {
    for (let at = 1; at < body.length; at++) expect(parse([body.subarray(0, at), body.subarray(at)])).toEqual(expected);
    expect(parse([...body].map((b) => Buffer.from([b])))).toEqual(expected);
  });

  it('refuses a body cut before the closing boundary', () => {
    expect(() => parse([body.subarray(0, body.length - 10)])).toThrow(MultipartSyntaxError);
  });

  it('reads the boundary from the Content-Type, quoted or not', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(boundaryOf('image/png')).toBeUndefined();
  });
});
