import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { SNIFF_BYTES, sniffImageMime } from '../pipeline/sniff.js';

const BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.svg': 'image/svg+xml',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

/** The type a file name's extension suggests; application/octet-stream when it says nothing. */
export function mimeFromName(name: string): string {
  return BY_EXTENSION[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

export const EXTENSION_BY_MIME: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/** The type of bytes in memory: what they say for images, else what the name's extension says. */
export function mimeOfBytes(data: Uint8Array, name: string): string {
  return sniffImageMime(data.subarray(0, SNIFF_BYTES)) ?? mimeFromName(name);
}

/** The file's type: what its bytes say for images, else what its extension says. */
export async function detectMime(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return sniffImageMime(head.subarray(0, bytesRead)) ?? mimeFromName(path);
  } finally {
    await handle.close();
  }
}
