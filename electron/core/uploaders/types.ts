/**
 * What an uploader is, as the queue, the CLI and the UI see it. Each service is a module that
 * exports an `Uploader`; the registry keys them by `descriptor.id`.
 */
import type { SettingField } from '../../../shared/settings/fields.js';
import type { Logger } from '../logger.js';

/** Human expiration choices; each uploader maps them to what its server really accepts. */
export const EXPIRATION_CHOICES = [
  'never', '5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d', '2d', '3d', '4d', '5d', '6d',
  '1w', '2w', '3w', '1mo', '2mo', '3mo', '4mo', '5mo', '6mo', '1y',
] as const;
export type ExpirationChoice = (typeof EXPIRATION_CHOICES)[number];

import type { UploadedImage } from '../../../shared/uploads.js';
import type { ImageFormat } from '../pipeline/formats.js';

export type { ImageFormat };

export interface UploaderCapabilities {
  albums: boolean;
  /** Remote delete through the API (not just a web page to open). */
  delete: boolean;
  /** Can the server fetch a remote URL itself. */
  remoteUrl: boolean;
  /** Expirations this service accepts; empty when it has none. */
  expiration: readonly ExpirationChoice[];
  /** Largest file the service accepts, in bytes. */
  maxBytes: number;
  /**
   * A setting of this uploader (whole megabytes, at most `maxBytes`) that gives the limit instead:
   * a self-hosted site chooses its own.
   */
  maxMegabytesSetting?: string;
  /** The pipeline encodes to this format unless the user chose another (GroupMe wants JPEG). */
  preferredFormat?: ImageFormat;
  /** The image formats the service takes (others are converted before upload); any when absent. */
  formats?: readonly ImageFormat[];
  /** 'image' services refuse other files before any byte is sent. */
  accepts: 'image' | 'any';
}

export interface UploaderDescriptor {
  id: string;
  label: string;
  /** Settings under `uploaders.<id>.`; secrets have kind 'secret'. Every base URL is one of them. */
  settings: SettingField[];
  capabilities: UploaderCapabilities;
}

/** A local file is streamed from disk; a URL is fetched by the server (where allowed). */
export type UploadSource =
  | { kind: 'file'; path: string; name: string; mime: string; size: number }
  | { kind: 'url'; url: string };

export interface UploadOptions {
  title?: string;
  description?: string;
  albumId?: string;
  expiration?: ExpirationChoice;
  nsfw?: boolean;
  /** The host's category number (Chevereto sites that use categories). */
  categoryId?: number;
  /** The file name the host shows, instead of the file's own. */
  name?: string;
  /**
   * Answers to what a custom uploader asks the user ({select:…}, {inputbox:…} in .sxcu files),
   * collected before the job is queued so a retry or a resume never asks twice.
   */
  answers?: Record<string, string>;
  /** Not sent to the host: the history entry this image is an edited copy of, kept on the new entry. */
  editedFrom?: string;
}

/** The normalized result every uploader returns. */
/** The normalized answer of a service: the fields a history record keeps (shared/uploads.ts). */
export type UploadResult = UploadedImage;

export interface RateLimitState {
  service: string;
  /** Uploads or requests left before the service refuses. */
  remaining: number;
  limit: number;
  /** Epoch ms when the budget refills. */
  resetAt?: number;
}

/** Read and write access to this uploader's own settings and secrets. */
export interface UploaderConfig {
  get(field: string): string | number | boolean;
  getSecret(field: string): Promise<string | undefined>;
  setSecret(field: string, value: string | undefined): Promise<void>;
  /** Stores a non-secret value the uploader learns (the connected Imgur account's name). */
  set(field: string, value: string | number | boolean): Promise<void>;
}

export interface UploadContext {
  fetch: typeof fetch;
  signal: AbortSignal;
  /** Bytes of the body handed to the network so far, out of total. */
  onProgress(sent: number, total: number): void;
  config: UploaderConfig;
  now(): number;
  logger: Logger;
  reportRateLimit?(state: RateLimitState): void;
}

/** What a history record keeps so the upload can be deleted later. */
export interface RemoteRef {
  remoteId?: string;
  deleteHash?: string;
  deleteUrl?: string;
}

export interface Album {
  id: string;
  title: string;
  /** Anonymous albums are managed by their deletehash. */
  deleteHash?: string;
  imageCount?: number;
  link?: string;
  privacy?: string;
}

export interface AlbumApi {
  list(ctx: UploadContext): Promise<Album[]>;
  create(input: { title: string; description?: string; privacy?: string; imageIds?: string[] }, ctx: UploadContext): Promise<Album>;
  add(album: Album, images: RemoteRef[], ctx: UploadContext): Promise<void>;
  remove(album: Album, images: RemoteRef[], ctx: UploadContext): Promise<void>;
  delete(album: Album, ctx: UploadContext): Promise<void>;
  /** Puts the album's images in this order (all of them, by remote id), where the service can. */
  reorder?(album: Album, imageIds: string[], ctx: UploadContext): Promise<void>;
  /** The images in an album, newest first, where the service can list them. */
  images?(album: Album, ctx: UploadContext): Promise<UploadResult[]>;
}

export interface Uploader {
  descriptor: UploaderDescriptor;
  upload(source: UploadSource, options: UploadOptions, ctx: UploadContext): Promise<UploadResult>;
  delete?(ref: RemoteRef, ctx: UploadContext): Promise<void>;
  /** A cheap "test connection": resolves with a line for the user, or throws an UploadError. */
  verify?(ctx: UploadContext): Promise<string>;
  albums?: AlbumApi;
}
