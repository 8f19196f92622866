import { readFile } from 'node:fs/promises';
import { isWebLink, type HistoryRecord } from '../../../shared/uploads.js';
import { formatBytes } from '../../../shared/format.js';
import { ShotputError } from '../errors.js';

/** More than any screenshot; a link answering more is not the image the user means to edit. */
export const MAX_EDIT_DOWNLOAD_BYTES = 100 * 1024 * 1024;

/** The image of a history entry, to edit: its own file on this computer while it is there, else its link's bytes. */
export async function recordImageBytes(record: HistoryRecord, fetchImpl: typeof fetch): Promise<Buffer> {
  if (record.localPath) {
    try {
      return await readFile(record.localPath);
    } catch {
      // Moved or deleted since: the host still has it.
    }
  }
  return downloadRecordImage(record, fetchImpl);
}

/** The direct link's bytes. Refuses, saying why, an entry whose image cannot be had. */
export async function downloadRecordImage(record: HistoryRecord, fetchImpl: typeof fetch, maxBytes = MAX_EDIT_DOWNLOAD_BYTES): Promise<Buffer> {
  if (record.status === 'deleted') throw new ShotputError('not_on_host', `${record.fileName} was deleted from the host, so there is no image to edit.`);
  if (record.awaitingModeration || !record.url) throw new ShotputError('no_link', `${record.fileName} has no public link yet (awaiting moderation); edit it once the host publishes it.`);
  if (!isWebLink(record.url)) throw new ShotputError('bad_link', `${record.fileName}'s link is not an http(s) address, so Shotput does not fetch it.`);
  let response: Response;
  try {
    response = await fetchImpl(record.url, { redirect: 'follow' });
  } catch (err) {
    throw new ShotputError('network', `${record.fileName} could not be downloaded for editing (${err instanceof Error ? err.message : String(err)}). Check the connection and try again.`);
  }
  if (!response.ok) throw new ShotputError('download_failed', `${record.fileName} could not be downloaded for editing: the host answered ${response.status}. It may have been removed.`);
  const tooBig = () => new ShotputError('too_big', `${record.fileName} is larger than ${formatBytes(maxBytes)}, too large to edit.`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
    total += part.value.byteLength;
    if (total > maxBytes) {
      await reader!.cancel();
      throw tooBig();
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks);
}
