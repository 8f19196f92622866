import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { HistoryRecord, QueueJob } from '../../../shared/uploads.js';
import { readClipboardContent, uploadClipboard, type ClipboardEntry } from '../../../electron/core/uploads/clipboard.js';
import { trayMenu, trayToolTip } from '../../../electron/core/tray-menu.js';

const entry = (type: string, data: string | Buffer): ClipboardEntry => ({ type, read: async () => (typeof data === 'string' ? Buffer.from(data) : data) });

describe('upload from clipboard', () => {
  it('takes a PNG image as a capture (after-capture tasks), with its size', async () => {
    const png = await sharp({ create: { width: 7, height: 5, channels: 4, background: '#f00' } }).png().toBuffer();
    const captured: unknown[] = [];
    const kind = await uploadClipboard([entry('text/plain', 'ignored'), entry('image/png', png)], {
      afterCapture: async (i) => void captured.push(i),
      addData: async () => null,
      addFiles: async () => [],
      addUrl: async () => null,
    });
    expect(kind).toBe('image');
    expect(captured).toEqual([{ kind: 'image', png, width: 7, height: 5 }]);
  });
  it('takes other image types as they are, a copied file list, and a web link', async () => {
    expect(await readClipboardContent([entry('image/jpeg', 'jpg')])).toEqual({ kind: 'imageFile', name: 'clipboard.jpg', data: Buffer.from('jpg') });
    expect(await readClipboardContent([entry('text/uri-list', 'file:///home/me/a%20b.png\r\n# comment\nfile:///tmp/c.gif\n')])).toEqual({
      kind: 'files',
      paths: ['/home/me/a b.png', '/tmp/c.gif'],
    });
    expect(await readClipboardContent([entry('text/plain', ' https://example.com/cat.png \n')])).toEqual({ kind: 'url', url: 'https://example.com/cat.png' });
  });
  it('refuses plain text and non-web links with what to copy instead', async () => {
    await expect(readClipboardContent([entry('text/plain', 'hello')])).rejects.toThrow(/no image, copied file or web link/);
    await expect(readClipboardContent([entry('text/plain', 'javascript:alert(1)')])).rejects.toThrow(/no image/);
    await expect(readClipboardContent([])).rejects.toThrow(/Copy one, then try again/);
  });
  it('reports copied files the queue refused', async () => {
    await expect(
      uploadClipboard([entry('text/uri-list', 'file:///tmp/x.txt')], {
        afterCapture: async () => {},
        addData: async () => null,
        addFiles: async (paths) => paths.map((input) => ({ input, error: { message: 'only images' } })),
        addUrl: async () => null,
      }),
    ).rejects.toThrow('/tmp/x.txt: only images');
  });
});

describe('tray', () => {
  const record = (n: number): HistoryRecord => ({ id: `r${n}`, createdAt: '', status: 'done', uploaderId: 'imge', uploaderLabel: 'IM.GE', fileName: `shot${n}.png`, url: `https://x/${n}`, origin: 'upload', thumbnails: n % 2 ? { avatar: `r${n}.avatar.webp` } : undefined });
  const menu = trayMenu({ recent: Array.from({ length: 12 }, (_, i) => record(i)), thumbnailsDir: '/thumbs', hotkeysPaused: true, accelerator: (k) => (k === 'hotkeys.capture.region' ? 'Control+PrintScreen' : '') });

  it('offers every capture mode and upload action, the editor, history, settings, pause and quit', () => {
    const labels = menu.map((i) => i.label).filter(Boolean);
    expect(labels).toEqual([
      'Capture a region',
      'Capture the full screen',
      'Capture the monitor under the pointer',
      'Capture the active window',
      'Capture the last region again',
      'Upload from the clipboard',
      'Upload files…',
      'Open image in editor…',
      'Recent uploads',
      'Open history',
      'Open Shotput',
      'Settings',
      'Pause hotkeys',
      'Quit Shotput',
    ]);
    expect(menu[0]).toMatchObject({ accelerator: 'Control+PrintScreen', run: { action: 'capture.region' } });
    expect(menu.find((i) => i.label === 'Open image in editor…')).toMatchObject({ run: { action: 'editor.open' } });
    expect(menu.find((i) => i.label === 'Pause hotkeys')).toMatchObject({ checkbox: true, checked: true });
  });
  it('lists the 10 most recent uploads, with their thumbnail where there is one', () => {
    const recent = menu.find((i) => i.label === 'Recent uploads')!.submenu!;
    expect(recent).toHaveLength(10);
    expect(recent[1]).toMatchObject({ label: 'shot1.png', run: { copyLink: 'r1' }, iconPath: '/thumbs/r1.avatar.webp' });
    expect(recent[0]!.iconPath).toBeUndefined();
  });
  it('shows upload progress and the countdown in the tooltip', () => {
    const job = (state: QueueJob['state'], sent: number, total: number) => ({ id: state, state, progress: { sent, total } }) as QueueJob;
    expect(trayToolTip([])).toBe('Shotput');
    expect(trayToolTip([job('running', 25, 100), job('queued', 0, 100), job('failed', 0, 5)])).toBe('Shotput: uploading 2 files (13%)');
    expect(trayToolTip([], 3)).toBe('Shotput: capturing in 3 s');
  });
});
