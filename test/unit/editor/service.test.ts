import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { EditorService, type EditorPresenter } from '../../../electron/core/editor/service.js';
import type { EditorSession } from '../../../electron/core/editor/session.js';
import { silentLogger } from '../../../electron/core/logger.js';
import type { CorePlatform } from '../../../electron/core/platform.js';
import { EDITOR_FRAME_PATH, FrameStore } from '../../../electron/core/shots/frames.js';
import type { CapturedImage } from '../../../electron/core/uploads/tasks/after-capture.js';
import { tempProfile } from '../../support/profile.js';

/** A 4×2 image: left half red, right half blue. */
const pixels = { data: Buffer.from(Array.from({ length: 8 }, (_, i) => (i % 4 < 2 ? [255, 0, 0, 255] : [0, 0, 255, 255])).flat()), width: 4, height: 2 };

/** Stands in for the window: records what opened and closed, and lets the test act as the page. */
function fakeWindows() {
  const opened: Array<{ session: EditorSession; title: string; closed: boolean }> = [];
  const presenter: EditorPresenter = {
    open(session, title) {
      const entry = { session, title, closed: false };
      opened.push(entry);
      return { close: () => void (entry.closed = true) };
    },
  };
  return { presenter, opened, frames: new FrameStore('', EDITOR_FRAME_PATH) };
}

async function service(values: Record<string, string> = {}) {
  const folder = await tempProfile();
  const store: Record<string, string> = { 'afterCapture.folder': folder, ...values };
  const clipboard: Buffer[] = [];
  const platform: CorePlatform = { writeClipboard: () => {}, openExternal: async () => {}, notify: () => {}, writeClipboardImage: (png) => void clipboard.push(png) };
  const afterEdit: CapturedImage[] = [];
  const editor = new EditorService({
    settings: { getString: (k) => store[k] ?? '', set: async (k, v) => void (store[k] = String(v)) },
    platform,
    logger: silentLogger,
    afterEdit: async (image) => void afterEdit.push(image),
  });
  const windows = fakeWindows();
  editor.bind(windows.presenter, windows.frames);
  return { editor, windows, store, clipboard, afterEdit, folder };
}

/** The flattened result a page would send: every pixel green, at `width`×`height`. */
const greenResult = (width: number, height: number) => ({
  width,
  height,
  data: new Uint8Array(Array.from({ length: width * height }, () => [0, 255, 0, 255]).flat()),
  document: '{}',
});

const opening = async (windows: ReturnType<typeof fakeWindows>) => {
  await expect.poll(() => windows.opened.length).toBeGreaterThan(0);
  return windows.opened.at(-1)!;
};

describe('the editor service', () => {
  it('serves the image to its window, and Enter answers the edited pixels; the window closes and the image is forgotten', async () => {
    const { editor, windows } = await service();
    const result = editor.edit({ pixels, title: 'shot.png' });
    const { session, title } = await opening(windows);
    expect(title).toBe('shot.png');
    const init = (await session.dispatch('editor.init', {})) as { ok: true; value: { frame: { url: string; width: number; height: number } } };
    expect(init.value.frame).toMatchObject({ width: 4, height: 2 });
    expect(init.value.frame.url.startsWith(EDITOR_FRAME_PATH)).toBe(true);
    expect(windows.frames.lookup(init.value.frame.url)!.data).toEqual(pixels.data);

    expect(await session.dispatch('editor.finish', greenResult(3, 2))).toMatchObject({ ok: true });
    const edited = (await result)!;
    // Pixels, not PNG: the tasks after the editor encode once.
    expect(edited).toMatchObject({ width: 3, height: 2, pixels: { width: 3, height: 2, order: 'rgba' } });
    expect([...edited.pixels.data]).toEqual([...greenResult(3, 2).data]);
    expect(windows.opened[0]!.closed).toBe(true);
    expect(windows.frames.lookup(init.value.frame.url)).toBeUndefined();
  });

  it('answers null when the user discards or closes the window', async () => {
    const { editor, windows } = await service();
    const discarded = editor.edit({ pixels, title: 'a' });
    await (await opening(windows)).session.dispatch('editor.discard', {});
    expect(await discarded).toBeNull();
    const closed = editor.edit({ pixels, title: 'b' });
    await expect.poll(() => windows.opened.length).toBe(2);
    windows.opened[1]!.session.close();
    expect(await closed).toBeNull();
  });

  it('Ctrl+S saves a PNG next to the captures without overwriting; Ctrl+C copies it', async () => {
    const { editor, windows, folder, clipboard } = await service();
    void editor.edit({ pixels, title: 'shot.png' });
    const { session } = await opening(windows);
    const first = (await session.dispatch('editor.save', greenResult(4, 2))) as { ok: true; value: { path: string } };
    const second = (await session.dispatch('editor.save', greenResult(4, 2))) as { ok: true; value: { path: string } };
    expect(first.value.path).toBe(join(folder, 'shot (edited).png'));
    expect(second.value.path).toBe(join(folder, 'shot (edited) (2).png'));
    expect((await sharp(await readFile(first.value.path)).metadata()).width).toBe(4);
    expect(await session.dispatch('editor.copy', greenResult(4, 2))).toEqual({ ok: true, value: null });
    expect(clipboard).toHaveLength(1);
    session.close();
  });

  it('remembers the toolbar style for the next edit', async () => {
    const { editor, windows } = await service();
    void editor.edit({ pixels, title: 'a' });
    const first = await opening(windows);
    const style = { color: '#00aa00', strokeWidth: 9, fill: null, fontSize: 30 };
    expect(await first.session.dispatch('editor.rememberStyle', { style })).toEqual({ ok: true, value: null });
    first.session.close();
    void editor.edit({ pixels, title: 'b' });
    await expect.poll(() => windows.opened.length).toBe(2);
    const init = (await windows.opened[1]!.session.dispatch('editor.init', {})) as { ok: true; value: { style: unknown } };
    expect(init.value.style).toEqual(style);
    windows.opened[1]!.session.close();
  });

  it('opens an image file; Enter hands the result to the after-capture tasks', async () => {
    const { editor, windows, afterEdit, folder } = await service();
    const file = join(folder, 'photo.png');
    await sharp(pixels.data, { raw: { width: 4, height: 2, channels: 4 } }).png().toFile(file);
    const done = editor.editFile(file);
    const { session, title } = await opening(windows);
    expect(title).toBe('photo.png');
    const init = (await session.dispatch('editor.init', {})) as { ok: true; value: { frame: { url: string } } };
    expect(windows.frames.lookup(init.value.frame.url)!.data).toEqual(pixels.data);
    await session.dispatch('editor.finish', greenResult(4, 2));
    expect(await done).toBe(true);
    expect(afterEdit).toHaveLength(1);
    expect(afterEdit[0]).toMatchObject({ width: 4, height: 2, windowTitle: 'photo' });
  });

  it('says what is wrong with a file it cannot open, and opens no window', async () => {
    const { editor, windows, folder } = await service();
    const notImage = join(folder, 'notes.png');
    await writeFile(notImage, 'just some text');
    await expect(editor.editFile(notImage)).rejects.toThrow(/notes\.png/);
    await expect(editor.editFile(join(folder, 'missing.png'))).rejects.toThrow(/does not exist/);
    expect(windows.opened).toHaveLength(0);
  });

  it('refuses, with what to do, where no editor window can open (CLI, harness)', async () => {
    const editor = new EditorService({ settings: { getString: () => '', set: async () => {} }, platform: { writeClipboard: () => {}, openExternal: async () => {}, notify: () => {} }, logger: silentLogger, afterEdit: async () => {} });
    expect(editor.available).toBe(false);
    await expect(editor.edit({ pixels, title: 'x' })).rejects.toThrow(/Shotput app/);
  });
});
