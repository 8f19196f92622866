import { crc32 } from 'node:zlib';

const INCHES_PER_METRE = 1 / 0.0254;

/**
 * Sets a PNG's pixel density (the pHYs chunk) to `dpi`. libvips writes 1 pixel per millimetre
 * (25.4 dpi) when it knows nothing better, which makes Word or Photoshop show a screenshot
 * nearly three times too large; a HiDPI capture at 144 dpi shows at its logical size in viewers
 * that honour density. This is layout information, not personal metadata.
 */
export function setPngDensity(png: Buffer, dpi: number): Buffer {
  const perMetre = Math.round(dpi * INCHES_PER_METRE);
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  chunk.writeUInt32BE(perMetre, 8);
  chunk.writeUInt32BE(perMetre, 12);
  chunk[16] = 1; // unit: metre
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);

  // Chunks start after the 8-byte signature; pHYs must come before the first IDAT.
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'pHYs') return Buffer.concat([png.subarray(0, at), chunk, png.subarray(at + 12 + length)]);
    if (type === 'IDAT') return Buffer.concat([png.subarray(0, at), chunk, png.subarray(at)]);
    at += 12 + length;
  }
  return png;
}
