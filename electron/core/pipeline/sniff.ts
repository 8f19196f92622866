/**
 * Recognises a file by its first bytes, before any decoder sees it: only formats Shotput reads
 * reach libvips, and everything else gets a message that says what the file is.
 */
import type { SourceFormat } from './formats.js';

export const SNIFF_BYTES = 256;

export type Sniffed =
  | { kind: 'image'; format: Exclude<SourceFormat, 'raw'> }
  /** A known format Shotput does not read; `what` reads "a BMP image", `advice` what to do. */
  | { kind: 'unsupported'; what: string; advice: string; mime?: string }
  /** A PNG whose 8-byte signature was altered (typically by a text-mode transfer). */
  | { kind: 'damaged-png' }
  | { kind: 'unknown'; what: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CONVERT = 'Save it as PNG or JPEG first, then try again.';

const startsWith = (head: Buffer, bytes: number[] | string, at = 0) => {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + expected.length && head.subarray(at, at + expected.length).equals(expected);
};

/** ISO base media (HEIF, AVIF): the major brand and compatible brands of the `ftyp` box. */
function ftypBrands(head: Buffer): string[] | undefined {
  if (!startsWith(head, 'ftyp', 4) || head.length < 16) return undefined;
  const size = Math.min(head.readUInt32BE(0), head.length);
  const brands = [head.toString('latin1', 8, 12)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(head.toString('latin1', at, at + 4));
  return brands;
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  let printable = 0;
  for (const byte of head) if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127)) printable++;
  return printable / head.length > 0.95 && !head.includes(0);
}

export function sniff(head: Buffer): Sniffed {
  if (startsWith(head, [...PNG_SIGNATURE])) return { kind: 'image', format: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return { kind: 'image', format: 'gif' };
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return { kind: 'image', format: 'webp' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'image', format: 'tiff' };

  const brands = ftypBrands(head);
  if (brands) {
    if (brands.some((b) => b === 'avif' || b === 'avis')) return { kind: 'image', format: 'avif' };
    if (brands.some((b) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(b))) {
      return {
        kind: 'unsupported',
        what: 'a HEIC photo',
        mime: 'image/heic',
        advice: 'Export it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible), then try again.',
      };
    }
    return { kind: 'unknown', what: 'a video or other media file, not an image' };
  }

  // The signature is damaged but the first chunk is still where a PNG has it.
  const ihdr = head.indexOf('IHDR', 0, 'latin1');
  if (ihdr >= 8 && ihdr <= 16) return { kind: 'damaged-png' };

  if (startsWith(head, 'BM')) return { kind: 'unsupported', what: 'a BMP image', advice: CONVERT, mime: 'image/bmp' };
  if (startsWith(head, [0x00, 0x00, 0x01, 0x00])) return { kind: 'unsupported', what: 'a Windows icon (ICO)', advice: CONVERT };
  if (startsWith(head, '8BPS')) return { kind: 'unsupported', what: 'a Photoshop document (PSD)', advice: 'Export it as PNG or JPEG first, then try again.' };
  if (startsWith(head, [0xff, 0x0a]) || startsWith(head, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) {
    return { kind: 'unsupported', what: 'a JPEG XL image', advice: CONVERT };
  }
  if (startsWith(head, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(head, [0xff, 0x4f, 0xff, 0x51])) {
    return { kind: 'unsupported', what: 'a JPEG 2000 image', advice: CONVERT };
  }
  if (startsWith(head, '%PDF')) return { kind: 'unknown', what: 'a PDF document, not an image' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'unknown', what: 'a ZIP archive (or an Office document), not an image' };
  if (looksLikeText(head)) {
    const text = head.toString('utf8').trimStart().toLowerCase();
    if (text.startsWith('<') && text.includes('<svg')) {
      return { kind: 'unsupported', what: 'an SVG drawing', advice: 'Export it as PNG first, then try again.' };
    }
    return { kind: 'unknown', what: 'a text file, not an image' };
  }
  return { kind: 'unknown', what: 'not an image Shotput can read' };
}

const IMAGE_MIME: Record<Exclude<SourceFormat, 'raw'>, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  tiff: 'image/tiff',
};

/** The image type the first bytes announce (readable or not), or undefined when they are no image. */
export function sniffImageMime(head: Uint8Array): string | undefined {
  const found = sniff(Buffer.isBuffer(head) ? head : Buffer.from(head.buffer, head.byteOffset, head.byteLength));
  if (found.kind === 'image') return IMAGE_MIME[found.format];
  if (found.kind === 'damaged-png') return 'image/png';
  return found.kind === 'unsupported' ? found.mime : undefined;
}
