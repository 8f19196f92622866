import type { Sharp } from 'sharp';
import { sharpFromPixels, type Pixels } from './pixels.js';

/**
 * The history thumbnails, in the sizes GroupMe serves (`.preview`, `.large`, `.avatar`), so a
 * history row looks the same whichever service holds the image. Never larger than the image.
 */
export const THUMBNAIL_KINDS = {
  /** 200×200, centre-cropped. */
  preview: { side: 200, crop: true },
  /** Longest side 960. */
  large: { side: 960, crop: false },
  /** 60×60, centre-cropped. */
  avatar: { side: 60, crop: true },
} as const;
export type ThumbnailKind = keyof typeof THUMBNAIL_KINDS;
export const THUMBNAIL_NAMES = Object.keys(THUMBNAIL_KINDS) as ThumbnailKind[];

/** WebP keeps transparency, is small, and every Chromium shows it. */
export const THUMBNAIL_FORMAT = { format: 'webp', extension: '.webp', mime: 'image/webp', quality: 80 } as const;

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

/** The three thumbnails from pixels already decoded (the first frame of an animation). */
export function renderThumbnails(pixels: Pixels, timeoutSeconds: number): Promise<RenderedThumbnail[]> {
  return Promise.all(
    THUMBNAIL_NAMES.map(async (kind) => {
      const size = thumbnailSize(pixels, kind);
      const image: Sharp = sharpFromPixels(pixels, { firstFrameOnly: true })
        .timeout({ seconds: timeoutSeconds })
        .resize(size.width, size.height, { fit: 'cover', position: 'centre' });
      const data = await image.webp({ quality: THUMBNAIL_FORMAT.quality, effort: 4 }).toBuffer();
      return { kind, data, ...size };
    }),
  );
}
