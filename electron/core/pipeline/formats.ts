import { extname } from 'node:path';

/** Formats the pipeline writes. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'avif' | 'gif';

/** Formats a user can ask for. GIF is only ever kept from an animated GIF source. */
export const OUTPUT_FORMATS = ['png', 'jpeg', 'webp', 'avif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type FormatChoice = 'auto' | OutputFormat;

/** What the pipeline can read. `raw` is a bitmap straight from screen capture. */
export type SourceFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'tiff' | 'raw';

interface FormatInfo {
  label: string;
  mime: string;
  extension: string;
  animates: boolean;
  /** The longest side the encoder accepts. */
  maxSide: number;
}

export const FORMAT_INFO: Record<ImageFormat, FormatInfo> = {
  png: { label: 'PNG', mime: 'image/png', extension: '.png', animates: false, maxSide: 0x7fffffff },
  jpeg: { label: 'JPEG', mime: 'image/jpeg', extension: '.jpg', animates: false, maxSide: 65535 },
  webp: { label: 'WebP', mime: 'image/webp', extension: '.webp', animates: true, maxSide: 16383 },
  avif: { label: 'AVIF', mime: 'image/avif', extension: '.avif', animates: false, maxSide: 16384 },
  gif: { label: 'GIF', mime: 'image/gif', extension: '.gif', animates: true, maxSide: 65535 },
};

const EXTENSIONS: Record<string, ImageFormat> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
  '.avif': 'avif',
  '.gif': 'gif',
};

/** The format a file name asks for by its extension, if it names one. */
export function formatFromExtension(path: string): ImageFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

/**
 * Resolves the format to encode. An explicit choice wins. 'auto' keeps an animation animated,
 * then follows the uploader's preferred format (GroupMe wants JPEG), then keeps the source's own
 * web format; anything else (TIFF, screen captures) becomes PNG, which loses nothing.
 */
export function chooseFormat(
  requested: FormatChoice,
  source: { format: SourceFormat; frames: number },
  preferred?: ImageFormat,
): ImageFormat {
  if (requested !== 'auto') return requested;
  const own = source.format === 'raw' || source.format === 'tiff' ? undefined : source.format;
  if (source.frames > 1 && own && FORMAT_INFO[own].animates) return own;
  if (preferred) return preferred;
  return own ?? 'png';
}
