import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { formatLink, LINK_FORMATS, type HistoryRecord, type LinkFormat } from '../../../shared/uploads.js';
import { ShotputError } from '../errors.js';
import type { HistoryService } from '../history/service.js';
import type { CorePlatform } from '../platform.js';
import type { ContextFactory, UploaderLookup } from '../queue/queue.js';
import type { SettingsService } from '../settings/service.js';

export interface RecordActionsDeps {
  settings: Pick<SettingsService, 'getString'>;
  history: HistoryService;
  uploaders: UploaderLookup;
  contextFor: ContextFactory;
  platform: Pick<CorePlatform, 'writeClipboard' | 'openExternal'>;
  thumbnailsDir: string;
}

/** What the user does with an upload already in history: copy its link, open it, delete it. */
export class RecordActions {
  constructor(private readonly deps: RecordActionsDeps) {}

  linkFor(record: HistoryRecord, format?: LinkFormat): string {
    return formatLink(record, format ?? (this.deps.settings.getString('afterUpload.linkFormat') as LinkFormat));
  }

  copyLink(historyId: string, format?: LinkFormat): string {
    const text = this.linkFor(this.deps.history.require(historyId), format);
    this.deps.platform.writeClipboard(text);
    return text;
  }

  async open(historyId: string, which: 'viewer' | 'image' | 'deletePage'): Promise<void> {
    const record = this.deps.history.require(historyId);
    const url = which === 'viewer' ? (record.viewerUrl ?? record.url) : which === 'image' ? record.url : record.deleteUrl;
    if (!url) throw new ShotputError('no_link', `${record.fileName} has no ${which === 'deletePage' ? 'delete page' : 'link'} to open.`);
    if (!/^https?:\/\//.test(url)) throw new ShotputError('unsafe_link', `Refusing to open ${url}: only web links are opened.`);
    await this.deps.platform.openExternal(url);
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
