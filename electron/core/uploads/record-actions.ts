import { rm, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { formatLink, LINK_FORMATS, linksOf, type HistoryRecord, type LinkFormat, type LocalFile } from '../../../shared/uploads.js';
import { ShotputError } from '../errors.js';
import type { HistoryService } from '../history/service.js';
import type { CorePlatform } from '../platform.js';
import type { ContextFactory, UploaderLookup } from '../queue/queue.js';
import type { SettingsService } from '../settings/service.js';
import { chosenLinkText } from './tasks/after-upload.js';

export interface RecordActionsDeps {
  settings: Pick<SettingsService, 'getString' | 'getBoolean'>;
  history: HistoryService;
  uploaders: UploaderLookup;
  contextFor: ContextFactory;
  platform: Pick<CorePlatform, 'writeClipboard' | 'openExternal' | 'openPath' | 'showItemInFolder'>;
  thumbnailsDir: string;
}

/** What the user does with an upload already in history: copy its link, open it, delete it. */
export class RecordActions {
  constructor(private readonly deps: RecordActionsDeps) {}

  /** The link in `format`, or as the user chose in Settings (a format or their template). */
  linkFor(record: HistoryRecord, format?: LinkFormat): string {
    return format ? formatLink(record, format) : chosenLinkText(record, this.deps.settings);
  }

  copyLink(historyId: string, format?: LinkFormat): string {
    const text = this.linkFor(this.deps.history.require(historyId), format);
    this.deps.platform.writeClipboard(text);
    return text;
  }

  /** The links of several uploads, one per line, on the clipboard: the direct link in `format`, or the named link as it is. */
  copyLinks(historyIds: string[], options: { format?: LinkFormat; link?: string } = {}): { text: string; count: number } {
    const lines: string[] = [];
    for (const id of historyIds) {
      const record = this.deps.history.require(id);
      if (options.link && options.link !== 'direct') {
        const found = linksOf(record).find((l) => l.name === options.link);
        if (found) lines.push(found.url);
      } else if (!record.awaitingModeration) lines.push(this.linkFor(record, options.format));
    }
    if (lines.length === 0) throw new ShotputError('no_link', options.link ? `None of these uploads has a ${options.link} link.` : 'None of these uploads has a public link yet.');
    const text = lines.join('\n');
    this.deps.platform.writeClipboard(text);
    return { text, count: lines.length };
  }

  async open(historyId: string, which: 'viewer' | 'image' | 'deletePage'): Promise<void> {
    const record = this.deps.history.require(historyId);
    const url = which === 'viewer' ? (record.viewerUrl ?? record.url) : which === 'image' ? record.url : record.deleteUrl;
    if (!url) throw new ShotputError('no_link', `${record.fileName} has no ${which === 'deletePage' ? 'delete page' : 'link'} to open.`);
    if (!/^https?:\/\//.test(url)) throw new ShotputError('unsafe_link', `Refusing to open ${url}: only web links are opened.`);
    await this.deps.platform.openExternal(url);
  }

  /** The file on this computer an upload was made from, and whether it is still there; null when history knows of none. */
  async localFile(historyId: string): Promise<LocalFile | null> {
    const path = this.deps.history.require(historyId).localPath;
    if (!path || !isAbsolute(path)) return null;
    const info = await stat(path).catch(() => undefined);
    return { path, exists: info?.isFile() === true };
  }

  /**
   * Opens the record's own local file, or shows it in its folder. Only the path the record holds
   * is ever opened (the caller names a record, never a path), and only while it is a file.
   */
  async openLocal(historyId: string, how: 'open' | 'showInFolder'): Promise<void> {
    const record = this.deps.history.require(historyId);
    const file = await this.localFile(historyId);
    if (!file) {
      throw new ShotputError('no_local_file', `${record.fileName} has no file on this computer: it was dropped, pasted or imported rather than uploaded from a file or a saved capture.`);
    }
    if (!file.exists) {
      throw new ShotputError('local_file_gone', `${file.path} is no longer there: it was moved or deleted after the upload. The upload itself is still on the host.`);
    }
    const { openPath, showItemInFolder } = this.deps.platform;
    if (how === 'open') {
      if (!openPath) throw new ShotputError('no_desktop', `There is no desktop here to open ${file.path} with.`);
      await openPath(file.path).catch((err: unknown) => {
        throw new ShotputError('open_failed', `Could not open ${file.path}: ${err instanceof Error ? err.message : String(err)}. Use "Show in folder" and open it from there.`);
      });
    } else {
      if (!showItemInFolder) throw new ShotputError('no_desktop', `There is no file manager here to show ${file.path} in.`);
      showItemInFolder(file.path);
    }
  }

  /**
   * Deletes an upload from its host (through the API where the host has one), then from
   * history. Where the host only offers a delete page, nothing is removed and the error says
   * where that page is, unless `localOnly` asks to forget the record anyway.
   */
  async delete(historyId: string, options: { localOnly?: boolean } = {}): Promise<{ remote: 'deleted' | 'skipped' }> {
    const record = this.deps.history.require(historyId);
    let remote: 'deleted' | 'skipped' = 'skipped';
    if (!options.localOnly) {
      const uploader = this.deps.uploaders.get(record.uploaderId);
      if (!uploader.delete || !uploader.descriptor.capabilities.delete) {
        const where = record.deleteUrl ? ` Open ${record.deleteUrl} to delete it there` : ' Delete it on the website';
        throw new ShotputError(
          'delete_unsupported',
          `${uploader.descriptor.label} has no API to delete uploads.${where}, then remove it from history only (\`shotput delete ${record.id} --local\`).`,
        );
      }
      const controller = new AbortController();
      await uploader.delete(
        { remoteId: record.remoteId, deleteHash: record.deleteHash, deleteUrl: record.deleteUrl },
        this.deps.contextFor(uploader, controller.signal),
      );
      remote = 'deleted';
    }
    await this.deps.history.remove(record.id);
    for (const name of Object.values(record.thumbnails ?? {})) await rm(join(this.deps.thumbnailsDir, name), { force: true });
    return { remote };
  }
}

export function isLinkFormat(value: unknown): value is LinkFormat {
  return typeof value === 'string' && (LINK_FORMATS as readonly string[]).includes(value);
}
