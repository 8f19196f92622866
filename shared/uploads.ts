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

export interface HistoryRecord {
  id: string;
  createdAt: string;
  uploaderId: string;
  fileName: string;
  mime?: string;
  bytes?: number;
  width?: number;
  height?: number;
  url: string;
  viewerUrl?: string;
  thumbnailUrl?: string;
  deleteUrl?: string;
  deleteHash?: string;
  remoteId?: string;
  expiresAt?: string;
  albumId?: string;
  links?: Record<string, string>;
  awaitingModeration?: boolean;
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
