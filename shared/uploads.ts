/**
 * Upload jobs and history records as the renderer and the CLI see them. Plain data, shared by
 * both ends of IPC.
 */

export interface UserError {
  code: string;
  message: string;
  /** The setting that fixes it: the window offers to open that field. */
  setting?: string;
}

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
  /** done (the default), failed (the upload did not go through), or deleted on the host. */
  status?: HistoryStatus;
  /** The title the upload was given, where the host keeps one. */
  title?: string;
  /** The queue job that made it (a resumed job never records twice). */
  jobId?: string;
}

export const HISTORY_STATUSES = ['done', 'failed', 'deleted'] as const;
export type HistoryStatus = (typeof HISTORY_STATUSES)[number];

export interface HistoryPageQuery {
  cursor?: string | null;
  limit: number;
  search?: string;
  uploaders?: string[];
  status?: HistoryStatus[];
  /** Epoch ms, inclusive. */
  from?: number;
  to?: number;
  sort?: { by: 'date' | 'size' | 'name'; dir: 'asc' | 'desc' };
}

export interface HistoryPageResult {
  records: HistoryRecord[];
  nextCursor: string | null;
  total: number;
}

export interface HistoryChange {
  added: HistoryRecord[];
  updated: HistoryRecord[];
  removed: string[];
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
