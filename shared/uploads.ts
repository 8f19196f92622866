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
  /** What was done to the file before upload that the user should know (made smaller to fit the host's limit). */
  note?: string;
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

/** done: on the host; failed: the upload did not succeed; deleted: removed from the host, kept here. */
export type HistoryStatus = 'done' | 'failed' | 'deleted';
export const HISTORY_STATUSES: readonly HistoryStatus[] = ['done', 'failed', 'deleted'];

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
  /** The queue job that produced it: a job is recorded at most once. Absent for imports. */
  jobId?: string;
  status: HistoryStatus;
  uploaderId: string;
  /** The uploader's name as shown to the user ("IM.GE"), kept as it was at upload time. */
  uploaderLabel: string;
  fileName: string;
  mime?: string;
  albumId?: string;
  /** The album's title where known, so search finds uploads by album name. */
  albumTitle?: string;
  title?: string;
  /** What the upload was sent with ("Upload with options…", `--description`, `--nsfw`), for the details panel. */
  description?: string;
  nsfw?: boolean;
  /** Local thumbnail file names in the profile's thumbnails folder, by size name. */
  thumbnails?: Partial<Record<'square' | 'large' | 'avatar', string>>;
  /**
   * The file on this computer the upload was made from: the file the user chose, or the saved
   * capture. The only file "Open file" and "Show in folder" ever open for this record.
   */
  localPath?: string;
  /** 'upload' from this machine; 'import' from an account's existing images. */
  origin: 'upload' | 'import';
  /** The history entry this upload is an edited copy of (Edit in History). */
  editedFrom?: string;
}

/** A history record's file on this computer (`localPath`), and whether it is still there. */
export interface LocalFile {
  path: string;
  /** False once the file was moved or deleted. */
  exists: boolean;
}

/** What `history.add` takes: the store fills in id, date, status and label when not given. */
export type NewHistoryRecord = Omit<HistoryRecord, 'id' | 'createdAt' | 'status' | 'uploaderLabel'> &
  Partial<Pick<HistoryRecord, 'id' | 'createdAt' | 'status' | 'uploaderLabel'>>;

/** The old offset-based page (`history.list`), kept until the window moves to `history.page`. */
export interface HistoryPage {
  items: HistoryRecord[];
  total: number;
}

export type HistorySortKey = 'date' | 'size' | 'name';
export const HISTORY_SORT_KEYS: readonly HistorySortKey[] = ['date', 'size', 'name'];
export interface HistorySort {
  by: HistorySortKey;
  dir: 'asc' | 'desc';
}

/** One page of history, by keyset cursor. Without `sort`: newest first. */
export interface HistoryPageQuery {
  /** `nextCursor` of the previous page with the same query; absent or null for the first page. */
  cursor?: string | null;
  limit: number;
  /** Every word must appear in the file name, a link, the uploader's name, the album or the title. */
  search?: string;
  uploaders?: string[];
  status?: HistoryStatus[];
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, inclusive. */
  to?: number;
  sort?: HistorySort;
}

export interface HistoryPageResult {
  records: HistoryRecord[];
  /** null on the last page. */
  nextCursor: string | null;
  /** How many records match the query in all. */
  total: number;
}

/** What changed in history, from this process or another one. */
export interface HistoryChange {
  added: HistoryRecord[];
  updated: HistoryRecord[];
  /** Ids of records no longer in history. */
  removed: string[];
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

export const LINK_FORMAT_LABELS: Record<LinkFormat, string> = { url: 'URL', markdown: 'Markdown', html: 'HTML', bbcode: 'BBCode' };

/** A link the host returned for an upload, named for people and for `history.copy`. */
export interface RecordLink {
  /** 'direct', 'viewer', 'thumbnail', 'delete', or a name from the host's extra links (medium, preview, large, avatar). */
  name: string;
  label: string;
  url: string;
}

const EXTRA_LINK_LABELS: Record<string, string> = { medium: 'Medium size', preview: 'Preview', large: 'Large', avatar: 'Avatar' };

/** Every link the host returned for a record, in a stable order; empty ones left out. */
export function linksOf(record: HistoryRecord): RecordLink[] {
  const links: RecordLink[] = [];
  const push = (name: string, label: string, url: string | undefined) => {
    if (url && !links.some((l) => l.name === name)) links.push({ name, label, url });
  };
  push('direct', 'Direct link', record.url);
  push('viewer', 'Viewer page', record.viewerUrl);
  push('thumbnail', 'Thumbnail', record.thumbnailUrl);
  for (const [name, url] of Object.entries(record.links ?? {})) push(name, EXTRA_LINK_LABELS[name] ?? name, url);
  push('delete', 'Delete page', record.deleteUrl);
  return links;
}

/** Whether a host's text is a web link that may be shown as a link (anything else is plain text). */
export function isWebLink(text: string | undefined): text is string {
  return typeof text === 'string' && /^https?:\/\/[^\s]+$/i.test(text);
}
