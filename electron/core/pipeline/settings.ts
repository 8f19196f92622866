import type { SettingSection, SettingValue } from '../../../shared/settings/fields.js';
import { OUTPUT_FORMATS, FORMAT_INFO, type FormatChoice } from './formats.js';
import { PIPELINE_DEFAULTS as DEFAULTS, type PipelineOptions } from './options.js';
import type { FitLadder } from './fit.js';

/** What to do with a file over the host's size limit: refuse it, or make it fit by a ladder. */
export type FitChoice = 'refuse' | FitLadder;
const FIT_CHOICES: readonly FitChoice[] = ['refuse', 'lossless', 'quality', 'size'];
export const FIT_DEFAULT: FitChoice = 'quality';

/** The `pipeline.*` settings, rendered by the Settings view and `shotput config`. */
export function pipelineSection(): SettingSection {
  const quality = (key: string, label: string, fallback: number) => ({
    key,
    label,
    kind: 'integer' as const,
    default: fallback,
    min: 1,
    max: 100,
  });
  return {
    id: 'pipeline',
    title: 'Image processing',
    fields: [
      {
        key: 'pipeline.format',
        label: 'Upload format',
        kind: 'choice',
        default: DEFAULTS.format,
        choices: [
          { value: 'auto', label: 'Automatic' },
          ...OUTPUT_FORMATS.map((format) => ({ value: format, label: FORMAT_INFO[format].label })),
        ],
        help: 'Automatic keeps each image\'s own format (screenshots are PNG) unless the uploader needs another, as GroupMe needs JPEG.',
      },
      quality('pipeline.jpegQuality', 'JPEG quality', DEFAULTS.quality.jpeg),
      quality('pipeline.webpQuality', 'WebP quality', DEFAULTS.quality.webp),
      quality('pipeline.avifQuality', 'AVIF quality', DEFAULTS.quality.avif),
      {
        key: 'pipeline.maxWidth',
        label: 'Maximum width (pixels)',
        kind: 'integer',
        default: DEFAULTS.maxWidth,
        min: 0,
        max: 65535,
        help: 'Wider images are scaled down before upload, never up. 0 means no limit.',
      },
      {
        key: 'pipeline.maxHeight',
        label: 'Maximum height (pixels)',
        kind: 'integer',
        default: DEFAULTS.maxHeight,
        min: 0,
        max: 65535,
        help: 'Taller images are scaled down before upload, never up. 0 means no limit.',
      },
      {
        key: 'pipeline.pixelLimit',
        label: 'Largest image to open (megapixels)',
        kind: 'integer',
        default: DEFAULTS.pixelLimit / 1e6,
        min: 1,
        max: 1000,
        help: 'Bigger images are refused before they are decoded, which protects memory from "decompression bomb" files.',
      },
      {
        key: 'pipeline.keepMetadata',
        label: 'Keep photo metadata (EXIF, GPS location)',
        kind: 'boolean',
        default: DEFAULTS.keepMetadata,
        help: 'Off: camera details, dates and the GPS location where a photo was taken are removed before upload. On: they are uploaded with the image.',
      },
      {
        key: 'pipeline.fitToLimit',
        label: 'Images over the uploader\'s size limit',
        kind: 'choice',
        default: FIT_DEFAULT,
        choices: [
          { value: 'quality', label: 'Lower the quality until they fit (JPEG or WebP)' },
          { value: 'size', label: 'Scale them down until they fit' },
          { value: 'lossless', label: 'Only recompress without loss' },
          { value: 'refuse', label: 'Refuse them' },
        ],
        help: 'Every choice but "Refuse" first tries a smaller lossless PNG. A notice says what was done; an image that still does not fit is refused, naming the limit.',
      },
    ],
  };
}

/** The pipeline's options as the user set them. */
export function pipelineOptionsFromSettings(settings: { get(key: string): SettingValue }): PipelineOptions {
  const number = (key: string) => Number(settings.get(key));
  return {
    format: String(settings.get('pipeline.format')) as FormatChoice,
    quality: { jpeg: number('pipeline.jpegQuality'), webp: number('pipeline.webpQuality'), avif: number('pipeline.avifQuality') },
    maxWidth: number('pipeline.maxWidth'),
    maxHeight: number('pipeline.maxHeight'),
    pixelLimit: number('pipeline.pixelLimit') * 1e6,
    keepMetadata: settings.get('pipeline.keepMetadata') === true,
  };
}

/** The `pipeline.fitToLimit` setting; an unknown value (from a hand-edited file) refuses rather than change images. */
export function fitChoiceFromSettings(settings: { get(key: string): SettingValue }): FitChoice {
  const value = String(settings.get('pipeline.fitToLimit'));
  return (FIT_CHOICES as readonly string[]).includes(value) ? (value as FitChoice) : 'refuse';
}
