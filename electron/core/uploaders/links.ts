import { UploadError, UploadErrorCode } from './errors.js';
import type { UploadResult } from './types.js';

function webAddress(text: string): string | undefined {
  try {
    const url = new URL(text);
    // Normalised: control characters in the path come back percent-encoded.
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Only web addresses leave an uploader's answer: a host that answers `javascript:`, `file:` or
 * `smb:` must not have it recorded, copied to the clipboard and reported as a success. Without a
 * web link for the image itself the upload fails (never retried: the host took the file); other
 * links that are not web addresses are left out.
 */
export function keepWebLinks(service: { id: string; label: string }, result: UploadResult): UploadResult {
  const kept: UploadResult = { ...result };
  if (!(result.awaitingModeration && result.url === '')) {
    const url = webAddress(result.url);
    if (!url) {
      throw new UploadError(
        UploadErrorCode.malformed,
        `${service.label} answered with a link that is not a web address (${JSON.stringify(result.url.slice(0, 60))}); Shotput only records http(s) links. Check the uploader's address, and the host, before trying again.`,
        { service: service.id, retry: { kind: 'never' } },
      );
    }
    kept.url = url;
  }
  for (const key of ['viewerUrl', 'thumbnailUrl', 'deleteUrl'] as const) {
    const value = result[key];
    if (value === undefined) continue;
    const url = webAddress(value);
    if (url) kept[key] = url;
    else delete kept[key];
  }
  if (result.links) kept.links = Object.fromEntries(Object.entries(result.links).flatMap(([name, link]) => (webAddress(link) ? [[name, webAddress(link)!]] : [])));
  return kept;
}
