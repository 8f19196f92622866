/** The thumbnail sizes and format, apart from the code that renders them (which loads sharp). */

/**
 * The history thumbnails, in the sizes GroupMe serves (its `.preview`, `.large` and `.avatar`),
 * so a history row looks the same whichever service holds the image. Never larger than the
 * image. Named as history records name them (shared/uploads.ts).
 */
export const THUMBNAIL_KINDS = {
  /** 200×200, centre-cropped (GroupMe's `.preview`). */
  square: { side: 200, crop: true },
  /** Longest side 960. */
  large: { side: 960, crop: false },
  /** 60×60, centre-cropped. */
  avatar: { side: 60, crop: true },
} as const;
export type ThumbnailKind = keyof typeof THUMBNAIL_KINDS;
export const THUMBNAIL_NAMES = Object.keys(THUMBNAIL_KINDS) as ThumbnailKind[];

/**
 * WebP keeps transparency, is small, and every Chromium shows it. Effort 2 halves the encode
 * time of effort 4 for 2% more bytes: thumbnails are made alongside the upload's own encode.
 */
export const THUMBNAIL_FORMAT = { format: 'webp', extension: '.webp', mime: 'image/webp', quality: 80, effort: 2 } as const;

