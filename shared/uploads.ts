/**
 * Upload jobs and history records as the renderer and the CLI see them. Plain data, shared by
 * both ends of IPC.
 */

import type { UserError } from './errors.js';

export type { UserError };

export type JobState =
  /** Waiting for a free slot. */
  | 'queued'
  /** Uploading now. */
  | 'running'
  /** Failed for a reason that may pass (network, 5xx, rate limit): tries again at `nextAttemptAt`. */
  | 'waiting'
  /** Stopped: needs the user to retry or discard. The file is kept. */
  | 'failed'
  /** Uploaded; the job is about to leave the queue for history. */
  | 'done';

export interface JobProgress {
  sent: number;
  total: number;
}

export interface QueueJob {
  id: string;
  createdAt: string;
  uploaderId: string;
  /** What the user gave: a file name or a URL. */
  input: string;
  fileName: string;
  bytes?: number;
  state: JobState;
  attempts: number;
  /** ISO time of the next automatic attempt (state 'waiting'). */
  nextAttemptAt?: string;
  progress?: JobProgress;
  error?: UserError;
  /** Another Shotput process (the app or a CLI run) is uploading it. */
  elsewhere?: boolean;
  historyId?: string;
}

/** What a service answers for an uploaded image, normalized: an uploader's result, and the heart of a history record. */
export interface UploadedImage {
  /** The direct link; '' only when `awaitingModeration` (the host has not published it yet). */
  url: string;
  viewerUrl?: string;
  thumbnailUrl?: string;
  /** A page or endpoint that deletes the image. */
  deleteUrl?: string;
  /** What the API needs to delete it (Imgur deletehash). */
  deleteHash?: string;
  remoteId?: string;
  width?: number;
  height?: number;
  bytes?: number;
  /** ISO 8601, when the host will remove it. */
  expiresAt?: string;
  /** Extra links a service provides (GroupMe's preview/large/avatar). */
  links?: Record<string, string>;
  /** Uploaded but held for moderation: no public link yet. */
  awaitingModeration?: boolean;
}

export interface HistoryRecord extends UploadedImage {
  id: string;
  createdAt: string;
  uploaderId: string;
  fileName: string;
  mime?: string;
  albumId?: string;
  /** Local thumbnail file names in the profile's thumbnails folder, by size name. */
  thumbnails?: Partial<Record<'square' | 'large' | 'avatar', string>>;
  /** 'upload' from this machine; 'import' from an account's existing images. */
  origin: 'upload' | 'import';
}

export interface HistoryPage {
  items: HistoryRecord[];
  total: number;
}

export type LinkFormat = 'url' | 'markdown' | 'html' | 'bbcode';
export const LINK_FORMATS: readonly LinkFormat[] = ['url', 'markdown', 'html', 'bbcode'];

/** The text put on the clipboard or printed for an upload, in the chosen format. */
export function formatLink(record: Pick<HistoryRecord, 'url' | 'viewerUrl' | 'fileName'>, format: LinkFormat): string {
  const alt = record.fileName.replace(/[[\]<>"]/g, '');
  switch (format) {
    case 'url':
      return record.url;
    case 'markdown':
      return `![${alt}](${record.url})`;
    case 'html':
      return `<img src="${record.url.replace(/"/g, '&quot;')}" alt="${alt}">`;
    case 'bbcode':
      return record.viewerUrl ? `[url=${record.viewerUrl}][img]${record.url}[/img][/url]` : `[img]${record.url}[/img]`;
  }
}
