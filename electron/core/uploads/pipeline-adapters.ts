/**
 * The image pipeline in the shapes the upload queue and history take (`CoreDeps.prepare` and
 * `CoreDeps.makeThumbnails`), reading the `pipeline.*` settings at the time of each call. The
 * pipeline itself knows nothing of jobs, uploaders or settings services: this is where an upload
 * job becomes pipeline options.
 */
import { mkdir } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { SettingValue } from '../../../shared/settings/fields.js';
import { detectMime, mimeOfBytes } from '../files/mime.js';
import { safeFileName } from '../files/names.js';
import { FORMAT_INFO, ImageError, ImageErrorCode, makeThumbnails, pipelineOptionsFromSettings, processImage, type ImageInput } from '../pipeline/index.js';
import { copyAsIs, type FilePreparer, type PrepareInput } from '../queue/prepare.js';
import { fitPreparedImage } from './fit-to-limit.js';
import type { ThumbnailMaker } from './record-upload.js';

type Settings = { get(key: string): SettingValue };

function imageInputOf(input: PrepareInput): ImageInput {
  if ('path' in input) return { kind: 'file', path: input.path, name: input.name };
  if ('data' in input) return { kind: 'buffer', data: input.data, name: input.name };
  return { kind: 'raw', ...input.pixels, name: input.name };
}

async function isNoImageAtAll(input: PrepareInput): Promise<boolean> {
  if ('pixels' in input) return false;
  const mime = 'path' in input ? await detectMime(input.path) : mimeOfBytes(input.data, input.name);
  return !mime.startsWith('image/');
}

/**
 * Runs each queued file (or image in memory) through the pipeline into the job's folder, with
 * the uploader's preferred format. A file Shotput cannot read as an image goes as it is to a
 * service that takes any file; an image service refuses it, saying why (the queue's own words for
 * a file that is no image at all, the pipeline's for an image in a format it does not read).
 */
export function pipelinePreparer(settings: Settings): FilePreparer {
  return async (input, descriptor, jobDir) => {
    const stem = safeFileName(basename(input.name, extname(input.name)));
    try {
      const options = {
        ...pipelineOptionsFromSettings(settings),
        preferredFormat: descriptor.capabilities.preferredFormat,
        acceptedFormats: descriptor.capabilities.formats,
      };
      const processed = await processImage(imageInputOf(input), {
        ...options,
        out: { dir: jobDir, name: stem },
        // The job's folder is private: an unchanged file may be a hard link to the original.
        mayLinkInput: true,
      });
      const { result, note } = await fitPreparedImage(processed, { name: input.name, stem, jobDir, descriptor, settings, options });
      const file = basename(result.path);
      return { file, name: `${stem}${FORMAT_INFO[result.format].extension}`, mime: result.mime, size: result.bytes, ...(note ? { note } : {}) };
    } catch (err) {
      const unreadable = err instanceof ImageError && err.code === ImageErrorCode.unsupported;
      if (unreadable && (descriptor.capabilities.accepts === 'any' || (await isNoImageAtAll(input)))) {
        return copyAsIs(input, descriptor, jobDir);
      }
      throw err;
    }
  };
}

/** The three history thumbnails of an uploaded file, by the names history records use. */
export function pipelineThumbnailMaker(settings: Settings): ThumbnailMaker {
  return async (filePath, outDir, baseName) => {
    await mkdir(outDir, { recursive: true });
    const { pixelLimit } = pipelineOptionsFromSettings(settings);
    const made = await makeThumbnails({ kind: 'file', path: filePath }, { dir: outDir, name: baseName }, { pixelLimit });
    return Object.fromEntries(made.map((t) => [t.kind, basename(t.path)]));
  };
}
