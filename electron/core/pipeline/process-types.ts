/** What one run of the pipeline is asked for and answers: shared by process.ts and reencode.ts. */
import type { ImageFormat, SourceFormat } from './formats.js';
import type { JobOptions } from './options.js';
import type { ThumbnailKind } from './thumbnail-kinds.js';

/** Where a result goes: an exact path, or a folder and a name that gets the format's extension. */
export type OutputTarget = { path: string } | { dir: string; name: string };

export interface ProcessOptions extends JobOptions {
  out: OutputTarget;
  /** Also write the history thumbnails, from the same decode: `<dir>/<name>.<kind>.webp`. */
  thumbnails?: { dir: string; name: string };
}

export interface ThumbnailFile {
  kind: ThumbnailKind;
  path: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

export interface ProcessResult {
  path: string;
  format: ImageFormat;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  /** 1 unless an animation kept its frames. */
  frames: number;
  sourceFormat: SourceFormat;
  thumbnails?: ThumbnailFile[];
}

/** Set on ProcessOptions when the output is a private copy (a queue job's): it may share the input's storage. */
export interface SharingOptions {
  mayLinkInput?: boolean;
}

