import { inSlices, type Pixels } from './pixels.js';

export interface PixelFacts {
  /** Every alpha value is 255 (or there is no alpha channel): the channel can go. */
  opaque: boolean;
  /** Distinct RGBA colours, when there are at most `maxColours`; undefined when more. */
  colours?: number;
}

const TABLE_SIZE = 1024;

/**
 * The facts that decide a lossless PNG encoding, in one pass over the pixels (sliced, so the
 * event loop keeps turning). Counting stops at `maxColours + 1`: a photo region ends it within
 * a few thousand pixels; flat UI is fast because runs of one colour skip the hash.
 */
export async function analysePixels(pixels: Pixels, maxColours = 256): Promise<PixelFacts> {
  const { data, channels } = pixels;
  const count = pixels.width * pixels.height * pixels.frames;
  // RGBA as one little-endian word per pixel: alpha is the top byte.
  const words = channels === 4 && data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, count) : undefined;
  const alphaAt = (i: number) => (channels === 4 ? data[i * 4 + 3]! : 0xff);
  const pixelAt = words
    ? (i: number) => words[i]!
    : (i: number) => (data[i * channels]! | (data[i * channels + 1]! << 8) | (data[i * channels + 2]! << 16) | (alphaAt(i) << 24)) >>> 0;
  const keys = new Uint32Array(TABLE_SIZE);
  const used = new Uint8Array(TABLE_SIZE);
  let colours = 0;
  let tooMany = false;
  let opaque = true;
  let last = -1;

  await inSlices(count, (start, end) => {
    let i = start;
    for (; i < end && !tooMany; i++) {
      const value = pixelAt(i);
      if (value === last) continue;
      last = value;
      if (value >>> 24 !== 0xff) opaque = false;
      let slot = Math.imul(value, 0x9e3779b1) >>> 22;
      while (used[slot] && keys[slot] !== value) slot = (slot + 1) & (TABLE_SIZE - 1);
      if (used[slot]) continue;
      if (colours === maxColours) {
        tooMany = true;
        break;
      }
      used[slot] = 1;
      keys[slot] = value;
      colours++;
    }
    // Past the colour limit only opacity is left to learn: every alpha byte is 0xff exactly when
    // the AND of all the words keeps its top byte (branch-free, a few ms for 4K).
    if (words && opaque) {
      let all = -1;
      for (; i < end; i++) all &= words[i]!;
      opaque = all >>> 24 === 0xff;
    } else if (channels === 4) for (; i < end && opaque; i++) opaque = alphaAt(i) === 0xff;
    return tooMany && !opaque;
  });
  return tooMany ? { opaque } : { opaque, colours };
}

/**
 * True when `decoded` shows the same picture as `pixels` (same size and channels). Colour under
 * a fully transparent pixel is invisible, so it may differ.
 */
export async function samePicture(pixels: Pixels, decoded: Buffer, decodedChannels: number): Promise<boolean> {
  const count = pixels.width * pixels.height * pixels.frames;
  if (decoded.length !== count * decodedChannels) return false;
  const { data, channels } = pixels;
  let same = true;
  await inSlices(count, (start, end) => {
    for (let i = start; i < end; i++) {
      const a = i * channels;
      const b = i * decodedChannels;
      const alphaA = channels === 4 ? data[a + 3]! : 255;
      const alphaB = decodedChannels === 4 ? decoded[b + 3]! : 255;
      const visible = alphaA !== 0;
      if (alphaA !== alphaB || (visible && (data[a] !== decoded[b] || data[a + 1] !== decoded[b + 1] || data[a + 2] !== decoded[b + 2]))) {
        same = false;
        return true;
      }
    }
  });
  return same;
}
