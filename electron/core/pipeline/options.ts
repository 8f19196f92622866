import type { FormatChoice, ImageFormat } from './formats.js';
import type { Region } from './stages.js';

export type LossyFormat = 'jpeg' | 'webp' | 'avif';

/** How images are processed: the user's settings, plus what a job adds. */
export interface PipelineOptions {
  /** 'auto' (the default) keeps the source format unless the uploader prefers another. */
  format?: FormatChoice;
  /** 1–100 per lossy format. */
  quality?: Partial<Record<LossyFormat, number>>;
  /** 0 or absent: no limit. Images are scaled down to fit, never up. */
  maxWidth?: number;
  maxHeight?: number;
  /** Larger inputs (width × height, times frames for animations) are refused undecoded. */
  pixelLimit?: number;
  /** Keep EXIF (including GPS), XMP, IPTC and the ICC profile. Off by default. */
  keepMetadata?: boolean;
  /** A pipeline running longer than this is stopped. */
  timeoutSeconds?: number;
}

export interface JobOptions extends PipelineOptions {
  /** The part to keep, in physical pixels of the upright image (the region overlay's selection). */
  crop?: Region;
  /** The format the destination prefers (an uploader's descriptor says so); applies when the format is 'auto'. */
  preferredFormat?: ImageFormat;
}

export const PIPELINE_DEFAULTS = {
  format: 'auto',
  quality: { jpeg: 85, webp: 80, avif: 50 },
  maxWidth: 0,
  maxHeight: 0,
  pixelLimit: 100_000_000,
  keepMetadata: false,
  timeoutSeconds: 60,
} as const satisfies Required<PipelineOptions>;

export type ResolvedOptions = Required<Omit<JobOptions, 'crop' | 'preferredFormat' | 'quality'>> &
  Pick<JobOptions, 'crop' | 'preferredFormat'> & { quality: Record<LossyFormat, number> };

export function resolveOptions(options: JobOptions): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as JobOptions;
  return { ...PIPELINE_DEFAULTS, ...defined, quality: { ...PIPELINE_DEFAULTS.quality, ...options.quality } };
}
