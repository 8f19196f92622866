/**
 * The image pipeline: every image goes through it between capture (or a dropped file) and
 * upload. Built on sharp (libvips), fully asynchronous: pixel work runs on libuv's threads, and
 * the little done in JavaScript yields to the event loop between slices.
 *
 *   processImage(input, { out, format, maxWidth, crop, uploader, thumbnails, ... })
 *     decode (pixel bombs refused from the header) → orient by EXIF → crop → resize → encode
 *     (metadata stripped unless kept) → written atomically; rejects with an ImageError.
 *   encodeImage(input, options)  the same, answered in memory (a capture for the clipboard or a saved file).
 *   makeThumbnails(input, { dir, name })  the three history thumbnails from one decode.
 *   fitToLimit(input, { maxBytes, ladder, out })  a file over a host's limit made to fit, or not.
 *   pipelineSection() / pipelineOptionsFromSettings(settings)  the `pipeline.*` settings.
 */
export { processImage, makeThumbnails, encodeImage, fitToLimit } from './process.js';
export type { Encoded } from './encode.js';
export type { FitLadder, FitOptions, FitOutcome, FitStep } from './fit.js';
export type { OutputTarget, ProcessOptions, ProcessResult, ThumbnailFile } from './process.js';
export type { ImageInput, RawPixels } from './source.js';
export type { PipelineOptions, JobOptions } from './options.js';
export { PIPELINE_DEFAULTS } from './options.js';
export type { Region } from './stages.js';
export { ImageError, ImageErrorCode } from './errors.js';
export { FORMAT_INFO, OUTPUT_FORMATS, chooseFormat, formatFromExtension, isOutputFormat } from './formats.js';
export type { FormatChoice, ImageFormat, OutputFormat, SourceFormat } from './formats.js';
export { THUMBNAIL_KINDS, type ThumbnailKind } from './thumbnail-kinds.js';
export { pipelineSection, pipelineOptionsFromSettings, fitChoiceFromSettings, type FitChoice } from './settings.js';
export { decodeToRgba, type RgbaPixels } from './rgba.js';
export { loadImageCodec } from './sharp-lib.js';
