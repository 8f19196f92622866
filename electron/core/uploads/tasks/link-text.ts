import { formatLink, LINK_FORMATS, type HistoryRecord, type LinkFormat } from '../../../../shared/uploads.js';

/** The link formats of the after-upload "copy link" task: the four fixed ones, or the user's template. */
export type LinkChoice = LinkFormat | 'template';
export const LINK_CHOICES: readonly LinkChoice[] = [...LINK_FORMATS, 'template'];

export const LINK_TEMPLATE_FIELDS = ['url', 'viewerUrl', 'thumbnailUrl', 'deleteUrl', 'filename', 'width', 'height'] as const;

type LinkRecord = Pick<HistoryRecord, 'url' | 'viewerUrl' | 'thumbnailUrl' | 'deleteUrl' | 'fileName' | 'width' | 'height'>;

/**
 * Fills `{url}`, `{viewerUrl}`, `{thumbnailUrl}`, `{deleteUrl}`, `{filename}`, `{width}`, `{height}`.
 * A field the host did not give becomes empty (the viewer and thumbnail fall back to the image URL);
 * any other `{word}` is left as written, so a typo shows in the result instead of vanishing.
 */
export function fillLinkTemplate(template: string, record: LinkRecord): string {
  const values: Record<(typeof LINK_TEMPLATE_FIELDS)[number], string> = {
    url: record.url,
    viewerUrl: record.viewerUrl ?? record.url,
    thumbnailUrl: record.thumbnailUrl ?? record.url,
    deleteUrl: record.deleteUrl ?? '',
    filename: record.fileName,
    width: record.width === undefined ? '' : String(record.width),
    height: record.height === undefined ? '' : String(record.height),
  };
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(values, name) ? values[name as keyof typeof values] : match));
}

export function isLinkChoice(value: unknown): value is LinkChoice {
  return typeof value === 'string' && (LINK_CHOICES as readonly string[]).includes(value);
}

export function linkText(record: LinkRecord, choice: LinkChoice, template: string): string {
  return choice === 'template' ? fillLinkTemplate(template, record) : formatLink(record, choice);
}
