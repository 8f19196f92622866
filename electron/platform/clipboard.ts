import { clipboard, ClipboardItem } from 'electron';
import type { ClipboardEntry } from '../core/uploads/clipboard.js';

// Electron 45's clipboard is the asynchronous, W3C-style API: read() gives ClipboardItems whose
// getType() resolves to Blobs; images are written as an image/png Blob (readImage/writeImage are gone).

export async function readClipboardEntries(): Promise<ClipboardEntry[]> {
  const items = await clipboard.read();
  return items.flatMap((item) =>
    item.types.map((type) => ({
      type,
      read: async () => {
        const value = await item.getType(type);
        return value instanceof Blob ? Buffer.from(await value.arrayBuffer()) : Buffer.from(value.url, 'utf8');
      },
    })),
  );
}

export function writeClipboardText(text: string): Promise<void> {
  return clipboard.writeText(text);
}

export function writeClipboardPng(png: Buffer): Promise<void> {
  return clipboard.write([new ClipboardItem({ 'image/png': new Blob([new Uint8Array(png)], { type: 'image/png' }) })]);
}
