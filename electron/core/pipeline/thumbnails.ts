import { runToPixels, sharpFromPixels, type Pixels } from './pixels.js';

import { THUMBNAIL_FORMAT, THUMBNAIL_KINDS, THUMBNAIL_NAMES, type ThumbnailKind } from './thumbnail-kinds.js';

export { THUMBNAIL_KINDS, THUMBNAIL_NAMES, THUMBNAIL_FORMAT, type ThumbnailKind } from './thumbnail-kinds.js';

export interface RenderedThumbnail {
  kind: ThumbnailKind;
  data: Buffer;
  width: number;
  height: number;
}

function thumbnailSize(pixels: Pixels, kind: ThumbnailKind): { width: number; height: number } {
  const { side, crop } = THUMBNAIL_KINDS[kind];
  if (crop) {
    const square = Math.min(side, pixels.width, pixels.height);
    return { width: square, height: square };
  }
  const scale = Math.min(1, side / Math.max(pixels.width, pixels.height));
  return { width: Math.max(1, Math.round(pixels.width * scale)), height: Math.max(1, Math.round(pixels.height * scale)) };
}

function encodeThumbnail(kind: ThumbnailKind, from: Pixels, size: { width: number; height: number }, timeoutSeconds: number): Promise<RenderedThumbnail> {
  return sharpFromPixels(from)
    .timeout({ seconds: timeoutSeconds })
    .resize(size.width, size.height, { fit: 'cover', position: 'centre' })
    .webp({ quality: THUMBNAIL_FORMAT.quality, effort: THUMBNAIL_FORMAT.effort })
    .toBuffer()
    .then((data) => ({ kind, data, ...size }));
}

/**
 * The three thumbnails from pixels already decoded (the first frame of an animation). The large
 * one is made first and the two small squares from it, which reads the full-size pixels once
 * instead of three times; when the large one is too narrow for a square, they use the original.
 */
export async function renderThumbnails(pixels: Pixels, timeoutSeconds: number): Promise<RenderedThumbnail[]> {
  const largeSize = thumbnailSize(pixels, 'large');
  const first = { ...pixels, frames: 1 };
  const large =
    largeSize.width === pixels.width && largeSize.height === pixels.height
      ? first
      : await runToPixels(sharpFromPixels(first).timeout({ seconds: timeoutSeconds }).resize(largeSize.width, largeSize.height, { fit: 'fill' }), largeSize, false);
  return Promise.all(
    THUMBNAIL_NAMES.map((kind) => {
      const size = thumbnailSize(pixels, kind);
      const from = kind === 'large' || Math.min(large.width, large.height) >= size.width ? large : first;
      return encodeThumbnail(kind, from, size, timeoutSeconds);
    }),
  );
}
