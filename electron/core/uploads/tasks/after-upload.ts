import type { HistoryRecord } from '../../../../shared/uploads.js';
import type { Logger } from '../../logger.js';
import type { CorePlatform } from '../../platform.js';
import type { SettingsService } from '../../settings/service.js';
import { isLinkChoice, linkText } from './link-text.js';

type Settings = Pick<SettingsService, 'getBoolean' | 'getString'>;

export interface AfterUploadDeps {
  settings: Settings;
  platform: CorePlatform;
  logger: Logger;
}

export type AfterUploadTask = 'copyLink' | 'notify' | 'openInBrowser';

const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/** The link text the user chose in Settings (format or template). */
export function chosenLinkText(record: HistoryRecord, settings: Settings): string {
  const format = settings.getString('afterUpload.linkFormat');
  return linkText(record, isLinkChoice(format) ? format : 'url', settings.getString('afterUpload.linkTemplate'));
}

/**
 * The after-upload task list, run once per recorded upload whatever started it (capture, drop,
 * paste, clipboard, file, CLI): copy the link, notify (a click opens the link), open in the browser.
 * The notification ends with `note` (what was done to make the file fit the host) when there is one.
 * Returns the tasks that ran, in order.
 */
export function runAfterUpload(record: HistoryRecord, { settings, platform, logger }: AfterUploadDeps, note?: string): AfterUploadTask[] {
  const ran: AfterUploadTask[] = [];
  if (record.awaitingModeration) {
    if (settings.getBoolean('afterUpload.notify')) {
      platform.notify('Uploaded, awaiting moderation', `${record.fileName} has no public link until the host approves it.`);
      ran.push('notify');
    }
    return ran;
  }
  const copy = settings.getBoolean('afterUpload.copyLink');
  if (copy) {
    platform.writeClipboard(chosenLinkText(record, settings));
    ran.push('copyLink');
  }
  const link = record.viewerUrl ?? record.url;
  const openLink = isWebLink(link)
    ? () => void platform.openExternal(link).catch((err: unknown) => logger.warn(`Could not open ${link}: ${String(err)}`))
    : undefined;
  if (settings.getBoolean('afterUpload.notify')) {
    const body = copy ? `${record.fileName}: link copied` : `${record.fileName}: ${record.url}`;
    platform.notify('Upload complete', note ? `${body}\n${note}` : body, { onClick: openLink });
    ran.push('notify');
  }
  if (settings.getBoolean('afterUpload.openInBrowser') && openLink) {
    openLink();
    ran.push('openInBrowser');
  }
  return ran;
}
