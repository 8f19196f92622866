/**
 * "Edit" on a History entry, through the main window's `history.edit` channel on the real core:
 * the entry's image comes from its link (a local stand-in host), opens in an editor window (a
 * stand-in presenter acting as the page), and Enter uploads the edit to a Chevereto stand-in as a
 * NEW history entry linked to the original.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditorSession } from '../../../electron/core/editor/session.js';
import { EDITOR_FRAME_PATH, FrameStore } from '../../../electron/core/shots/frames.js';
import { startChevereto, type CheveretoStandIn } from '../../servers/chevereto.js';
import { openTestCore, type TestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';

const KEY = 'chv_history_edit_key';
let imge: CheveretoStandIn;
let host: Server;
let hostUrl: string;
let core: TestCore;
const sessions: EditorSession[] = [];
const frames = new FrameStore('', EDITOR_FRAME_PATH);
/** 6×4, every pixel orange. */
let original: Buffer;

beforeAll(async () => {
  original = await sharp({ create: { width: 6, height: 4, channels: 4, background: { r: 255, g: 128, b: 0, alpha: 1 } } }).png().toBuffer();
  host = createServer((req, res) => {
    if (req.url === '/i/orig.png') res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': original.length }).end(original);
    else res.writeHead(404).end('gone');
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  imge = await startChevereto({ name: 'imge', keys: { [KEY]: {} } });
  core = await openTestCore(await tempProfile());
  await core.settings.set('uploaders.imge.baseUrl', imge.url);
  await core.settings.set('uploaders.imge.apiKey', KEY);
  core.editor.bind({ open: (session) => (sessions.push(session), { close: () => {} }) }, frames);
  await core.startUploads();
});

afterAll(async () => {
  await core?.close();
  await imge?.close();
  await new Promise((resolve) => host?.close(resolve));
});

const addEntry = (fileName: string, url: string, status: 'done' | 'deleted' = 'done') =>
  core.history.addOrFind({ uploaderId: 'imge', fileName, url, origin: 'upload', status }).record;

describe('Edit on a History entry', () => {
  it('opens the entry image; Enter uploads the edit as a new entry linked to the original', async () => {
    const entry = addEntry('orig.png', `${hostUrl}/i/orig.png`);
    expect(await core.dispatch('history.edit', { id: entry.id })).toEqual({ ok: true, value: null });
    expect(sessions).toHaveLength(1);
    const init = (await sessions[0]!.dispatch('editor.init', {})) as { ok: true; value: { title: string; frame: { url: string; width: number; height: number } } };
    expect(init.value).toMatchObject({ title: 'orig.png', frame: { width: 6, height: 4 } });
    expect([...frames.lookup(init.value.frame.url)!.data.subarray(0, 4)]).toEqual([255, 128, 0, 255]);

    // The page flattens its edit: the whole image redacted black.
    const black = new Uint8Array(6 * 4 * 4).map((_, i) => (i % 4 === 3 ? 255 : 0));
    expect(await sessions[0]!.dispatch('editor.finish', { width: 6, height: 4, data: black, document: '{}' })).toMatchObject({ ok: true });

    await expect.poll(() => core.history.recent(10).find((r) => r.editedFrom === entry.id), { timeout: 15_000 }).toBeTruthy();
    const copy = core.history.recent(10).find((r) => r.editedFrom === entry.id)!;
    expect(copy.id).not.toBe(entry.id);
    expect(copy.fileName).toBe('orig (edited).png');
    expect(core.history.get(entry.id)!.editedFrom).toBeUndefined();
    const sent = await sharp(imge.uploads.at(-1)!.file!.bytes!).raw().toBuffer({ resolveWithObject: true });
    expect([sent.info.width, sent.info.height]).toEqual([6, 4]);
    expect([...sent.data.subarray(0, 3)]).toEqual([0, 0, 0]);
  });

  it('opens the entry\'s own file on this computer when it is still there', async () => {
    const local = join(await tempProfile(), 'local.png');
    await sharp({ create: { width: 3, height: 2, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 1 } } }).png().toFile(local);
    const entry = core.history.addOrFind({ uploaderId: 'imge', fileName: 'local.png', url: `${hostUrl}/i/not-there.png`, origin: 'upload', localPath: local }).record;
    expect(await core.dispatch('history.edit', { id: entry.id })).toEqual({ ok: true, value: null });
    const session = sessions.at(-1)!;
    const init = (await session.dispatch('editor.init', {})) as { ok: true; value: { frame: { url: string; width: number } } };
    expect(init.value.frame.width).toBe(3);
    expect([...frames.lookup(init.value.frame.url)!.data.subarray(0, 4)]).toEqual([0, 0, 255, 255]);
    session.close();
  });

  it('says why when the image cannot be had, and opens no editor', async () => {
    const before = sessions.length;
    const gone = addEntry('gone.png', `${hostUrl}/i/gone.png`);
    expect(await core.dispatch('history.edit', { id: gone.id })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/gone\.png.*404/) } });
    const deleted = addEntry('deleted.png', `${hostUrl}/i/orig.png`, 'deleted');
    expect(await core.dispatch('history.edit', { id: deleted.id })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/deleted from the host/) } });
    expect(await core.dispatch('history.edit', { id: 'no-such-entry' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no longer in history/) } });
    expect(sessions).toHaveLength(before);
  });
});
