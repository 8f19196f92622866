/** What the stand-ins can tell about an image from its first bytes, as the real hosts check them. */
export interface SniffedImage {
  mime: string;
  extension: string;
  width?: number;
  height?: number;
}

/** Enough leading bytes to recognise every format below and read PNG/GIF/WebP dimensions. */
export const SNIFF_BYTES = 64;

export function sniffImage(head: Buffer): SniffedImage | undefined {
  if (head.length >= 24 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { mime: 'image/png', extension: 'png', width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { mime: 'image/jpeg', extension: 'jpg' };
  if (head.length >= 10 && /^GIF8[79]a$/.test(head.subarray(0, 6).toString('latin1'))) {
    return { mime: 'image/gif', extension: 'gif', width: head.readUInt16LE(6), height: head.readUInt16LE(8) };
  }
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') {
    return { mime: 'image/webp', extension: 'webp' };
  }
  return undefined;
}

/** Keeps the first SNIFF_BYTES of a stream of chunks. */
export class HeadKeeper {
  private parts: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): void {
    if (this.size >= SNIFF_BYTES) return;
    const take = chunk.subarray(0, SNIFF_BYTES - this.size);
    this.parts.push(Buffer.from(take));
    this.size += take.length;
  }

  get head(): Buffer {
    return Buffer.concat(this.parts);
  }
}
