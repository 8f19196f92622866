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

/** What a host says about formats (from its uploader's descriptor). */
export interface HostFormats {
  /** Encode to this unless the user chose another (GroupMe wants JPEG). */
  preferredFormat?: ImageFormat;
  /** The formats it takes; any when absent. */
  formats?: readonly ImageFormat[];
}

/**
 * Resolves the format to encode. An explicit choice wins. 'auto' keeps an animation animated
 * where the host takes it, then follows the host's preferred format (GroupMe wants JPEG), then
 * keeps the source's own web format if the host takes it; anything else (TIFF, screen captures,
 * a format the host refuses) becomes PNG, which loses nothing, or the host's first format.
 */
export function chooseFormat(requested: FormatChoice, source: { format: SourceFormat; frames: number }, host: HostFormats = {}): ImageFormat {
  if (requested !== 'auto') return requested;
  const takes = (format: ImageFormat) => !host.formats || host.formats.includes(format);
  const own = source.format === 'raw' || source.format === 'tiff' ? undefined : source.format;
  if (source.frames > 1 && own && FORMAT_INFO[own].animates && takes(own)) return own;
  if (host.preferredFormat) return host.preferredFormat;
  if (own && takes(own)) return own;
  return takes('png') ? 'png' : host.formats![0]!;
}
