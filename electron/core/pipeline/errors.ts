import { ShotputError } from '../../../shared/errors.js';

/** Stable codes the queue, the CLI and the UI branch on. */
export const ImageErrorCode = {
  notFound: 'image_not_found',
  empty: 'image_empty',
  truncated: 'image_truncated',
  unsupported: 'image_unsupported',
  tooManyPixels: 'image_too_many_pixels',
  corrupt: 'image_corrupt',
  /** Options that cannot apply to this image (a crop outside it, a bitmap of the wrong size). */
  badOptions: 'image_bad_options',
  timeout: 'image_timeout',
  encodeFailed: 'image_encode_failed',
  writeFailed: 'image_write_failed',
} as const;
export type ImageErrorCode = (typeof ImageErrorCode)[keyof typeof ImageErrorCode];

/** A pipeline failure phrased for a person; `file` is the input (or output) it is about. */
export class ImageError extends ShotputError {
  constructor(
    code: ImageErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'ImageError';
  }
}

const REOPEN = 'Open it in an image editor and save it again, or choose another file.';

export function damaged(file: string, problem: string, cause?: unknown): ImageError {
  return new ImageError(ImageErrorCode.corrupt, file, `${file} is damaged: ${problem}. ${REOPEN}`, { cause });
}

export function truncated(file: string, cause?: unknown): ImageError {
  return new ImageError(
    ImageErrorCode.truncated,
    file,
    `${file} is cut short: the file ends before the image does, so it was probably not completely downloaded or copied. Get the file again.`,
    { cause },
  );
}

export const megapixels = (pixels: number) => `${(pixels / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })} megapixels`;

export function tooManyPixels(name: string, width: number, height: number, limit: number, frames = 1): ImageError {
  const size = frames > 1 ? `${frames} frames of ${width}×${height}` : `${width}×${height}`;
  return new ImageError(
    ImageErrorCode.tooManyPixels,
    name,
    `${name} is ${size} pixels (${megapixels(width * height * frames)}), more than the ${megapixels(limit)} Shotput opens, ` +
      'so it was not decoded: files like this can exhaust memory. If you trust it, raise pipeline.pixelLimit in Settings.',
  );
}

/** What the decoder's complaint means, in words for the end of a "damaged" message. */
export function decoderProblem(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/CRC error|checksum/i.test(text)) return 'part of its data fails its checksum';
  if (/corrupt header|invalid.*header|IHDR/i.test(text)) return 'its header is invalid';
  return 'its image data cannot be decoded';
}

export function isSharpTimeout(err: unknown): boolean {
  return err instanceof Error && /timeout/i.test(err.message);
}
