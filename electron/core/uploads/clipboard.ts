import { fileURLToPath } from 'node:url';
import { isAbsolute } from 'node:path';
import { ShotputError } from '../errors.js';

/** One format the clipboard offers, read on demand (the app reads Electron's clipboard; tests give bytes). */
export interface ClipboardEntry {
  type: string;
  read(): Promise<Buffer>;
}

export type ClipboardContent =
  | { kind: 'image'; png: Buffer; width: number; height: number }
  | { kind: 'imageFile'; name: string; data: Buffer }
  | { kind: 'files'; paths: string[] }
  | { kind: 'url'; url: string };

const IMAGE_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif', 'image/bmp': 'bmp', 'image/tiff': 'tiff' };

function filePaths(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line) => {
      if (line.startsWith('file://')) {
        try {
          return [fileURLToPath(line)];
        } catch {
          return [];
        }
      }
      return isAbsolute(line) ? [line] : [];
    });
}

/**
 * What "Upload from clipboard" uploads: an image (a PNG becomes a capture and runs the
 * after-capture tasks; other image types upload as they are), a list of copied files, or a web
 * link. Anything else is refused with what to copy instead.
 */
export async function readClipboardContent(entries: ClipboardEntry[]): Promise<ClipboardContent> {
  const byType = new Map(entries.map((e) => [e.type.toLowerCase(), e]));
  const png = byType.get('image/png');
  if (png) {
    const data = await png.read();
    // Loaded here, not when the core opens: most commands never read the clipboard.
    const { default: sharp } = await import('sharp');
    const meta = await sharp(data).metadata();
    return { kind: 'image', png: data, width: meta.width ?? 0, height: meta.height ?? 0 };
  }
  for (const [type, ext] of Object.entries(IMAGE_EXTENSIONS)) {
    const entry = byType.get(type);
    if (entry) return { kind: 'imageFile', name: `clipboard.${ext}`, data: await entry.read() };
  }
  const uriList = byType.get('text/uri-list') ?? byType.get('public.file-url') ?? byType.get('x-special/gnome-copied-files');
  if (uriList) {
    const paths = filePaths((await uriList.read()).toString('utf8'));
    if (paths.length > 0) return { kind: 'files', paths };
  }
  const text = byType.get('text/plain');
  if (text) {
    const value = (await text.read()).toString('utf8').trim();
    if (/^https?:\/\/\S+$/i.test(value)) return { kind: 'url', url: value };
    const paths = filePaths(value);
    if (paths.length > 0) return { kind: 'files', paths };
  }
  throw new ShotputError('clipboard_empty', 'The clipboard holds no image, copied file or web link to upload. Copy one, then try again.');
}

export interface ClipboardUploadDeps {
  afterCapture(image: { png: Buffer; width: number; height: number }): Promise<unknown>;
  addData(name: string, data: Uint8Array): Promise<unknown>;
  addFiles(paths: string[]): Promise<Array<{ input: string; error?: { message: string } }>>;
  addUrl(url: string): Promise<unknown>;
}

/** "Upload from clipboard": a PNG runs the after-capture tasks like a screenshot; files, other images and links go to the queue. */
export async function uploadClipboard(entries: ClipboardEntry[], deps: ClipboardUploadDeps): Promise<ClipboardContent['kind']> {
  const content = await readClipboardContent(entries);
  switch (content.kind) {
    case 'image':
      await deps.afterCapture(content);
      break;
    case 'imageFile':
      await deps.addData(content.name, content.data);
      break;
    case 'files': {
      const refused = (await deps.addFiles(content.paths)).filter((o) => o.error);
      if (refused.length > 0) throw new ShotputError('clipboard_files', refused.map((o) => `${o.input}: ${o.error!.message}`).join(' '));
      break;
    }
    case 'url':
      await deps.addUrl(content.url);
      break;
  }
  return content.kind;
}
