/**
 * The pipeline in the shapes the upload queue and history take (`CoreDeps.prepare` and
 * `CoreDeps.makeThumbnails`), reading the `pipeline.*` settings at the time of each call.
 */
import { mkdir } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { SettingValue } from '../../../shared/settings/fields.js';
import { detectMime } from '../files/mime.js';
import { safeFileName } from '../files/names.js';
import { copyAsIs, type FilePreparer } from '../queue/prepare.js';
import type { ThumbnailMaker } from '../uploads/service.js';
import { ImageError, ImageErrorCode } from './errors.js';
import { FORMAT_INFO } from './formats.js';
import { makeThumbnails, processImage } from './process.js';
import { pipelineOptionsFromSettings } from './settings.js';

type Settings = { get(key: string): SettingValue };

/**
 * Runs each queued file through the pipeline into the job's folder, with the uploader's
 * preferred format. A file Shotput cannot read as an image goes as it is to a service that
 * takes any file; an image service refuses it, saying why (the queue's own words for a file
 * that is no image at all, the pipeline's for an image in a format it does not read).
 */
export function pipelinePreparer(settings: Settings): FilePreparer {
  return async (input, descriptor, jobDir) => {
    const stem = safeFileName(basename(input.name, extname(input.name)));
    try {
      const result = await processImage(
        { kind: 'file', path: input.path, name: input.name },
        { ...pipelineOptionsFromSettings(settings), uploader: descriptor, out: { dir: jobDir, name: stem }, mayLinkInput: true },
      );
      const file = basename(result.path);
      return { file, name: `${stem}${FORMAT_INFO[result.format].extension}`, mime: result.mime, size: result.bytes };
    } catch (err) {
      const unreadable = err instanceof ImageError && err.code === ImageErrorCode.unsupported;
      if (unreadable && (descriptor.capabilities.accepts === 'any' || !(await detectMime(input.path)).startsWith('image/'))) {
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
