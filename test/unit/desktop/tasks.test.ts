import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { HistoryRecord, QueueJob } from '../../../shared/uploads.js';
import { headlessPlatform, type CorePlatform, type NotifyOptions } from '../../../electron/core/platform.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { expandFileNamePattern } from '../../../electron/core/uploads/tasks/file-name-pattern.js';
import { fillLinkTemplate, linkText } from '../../../electron/core/uploads/tasks/link-text.js';
import { runAfterUpload } from '../../../electron/core/uploads/tasks/after-upload.js';
import { encodeCapturePng, runAfterCapture, type AfterCaptureDeps, type CaptureUpload } from '../../../electron/core/uploads/tasks/after-capture.js';
import { tempProfile } from '../../support/profile.js';

const record: HistoryRecord = {
  id: 'h1',
  createdAt: '2026-12-02T10:00:00Z',
  status: 'done',
  uploaderId: 'imge',
  uploaderLabel: 'IM.GE',
  fileName: 'shot [1].png',
  url: 'https://i.example/abc.png',
  viewerUrl: 'https://example/i/abc',
  thumbnailUrl: 'https://i.example/abc.th.png',
  deleteUrl: 'https://example/delete/abc/KEY',
  width: 300,
  height: 200,
  origin: 'upload',
};

function settingsOf(values: Record<string, string | number | boolean>) {
  return {
    getBoolean: (k: string) => values[k] === true,
    getString: (k: string) => String(values[k] ?? ''),
    getNumber: (k: string) => Number(values[k] ?? 0),
    async set(k: string, v: unknown) {
      values[k] = v as string;
    },
  };
}

/** A platform that records what the tasks did, notification clicks included. */
function recordingPlatform(withImageClipboard = true) {
  const seen = { clipboard: [] as string[], images: [] as Buffer[], opened: [] as string[], notes: [] as Array<{ title: string; body: string } & NotifyOptions> };
  const platform: CorePlatform = {
    writeClipboard: (t) => void seen.clipboard.push(t),
    openExternal: async (u) => void seen.opened.push(u),
    notify: (title, body, options) => void seen.notes.push({ title, body, ...options }),
    writeClipboardImage: withImageClipboard ? (png) => void seen.images.push(png) : undefined,
  };
  return { platform, seen };
}

describe('file name patterns', () => {
  const date = new Date(2026, 0, 5, 7, 8, 9, 45);
  it('expands ShareX-style date, time, counter, window and size tokens', () => {
    expect(expandFileNamePattern('Shot_%y-%mo-%d_%h-%mi-%s.%ms_%i', { date, counter: 12 })).toBe('Shot_2026-01-05_07-08-09.045_12');
    expect(expandFileNamePattern('%yy %t (%pn) %widthx%height', { date, counter: 1, windowTitle: 'a/b: c', processName: 'firefox', width: 640, height: 480 })).toBe(
      '26 a_b_ c (firefox) 640x480',
    );
  });
  it('leaves unknown tokens and never yields an empty or path-like name', () => {
    expect(expandFileNamePattern('%q_%i', { date, counter: 3 })).toBe('%q_3');
    expect(expandFileNamePattern('%t', { date, counter: 1, windowTitle: '' })).toBe('Shotput_2026-01-05_07-08-09');
    expect(expandFileNamePattern('../../%t', { date, counter: 1, windowTitle: 'x' })).toBe('x');
  });
});

describe('link formats', () => {
  it('fills every template field and keeps unknown ones visible', () => {
    expect(fillLinkTemplate('{url} {viewerUrl} {thumbnailUrl} {deleteUrl} {filename} {width}x{height} {nope}', record)).toBe(
      'https://i.example/abc.png https://example/i/abc https://i.example/abc.th.png https://example/delete/abc/KEY shot [1].png 300x200 {nope}',
    );
  });
  it('gives the four fixed formats and the template', () => {
    expect(linkText(record, 'url', '')).toBe(record.url);
    expect(linkText(record, 'markdown', '')).toBe('![shot 1.png](https://i.example/abc.png)');
    expect(linkText(record, 'bbcode', '')).toBe('[url=https://example/i/abc][img]https://i.example/abc.png[/img][/url]');
    expect(linkText(record, 'template', '<a href="{viewerUrl}">{filename}</a>')).toBe('<a href="https://example/i/abc">shot [1].png</a>');
  });
});

describe('after upload', () => {
  it('copies the link in the chosen template, notifies with a click that opens the viewer, opens the browser, in that order', async () => {
    const { platform, seen } = recordingPlatform();
    const settings = settingsOf({
      'afterUpload.copyLink': true,
      'afterUpload.linkFormat': 'template',
      'afterUpload.linkTemplate': '{url} ({width}×{height})',
      'afterUpload.notify': true,
      'afterUpload.openInBrowser': true,
    });
    expect(runAfterUpload(record, { settings, platform, logger: silentLogger })).toEqual(['copyLink', 'notify', 'openInBrowser']);
    expect(seen.clipboard).toEqual(['https://i.example/abc.png (300×200)']);
    expect(seen.opened).toEqual(['https://example/i/abc']);
    seen.notes[0]!.onClick!();
    await Promise.resolve();
    expect(seen.opened).toEqual(['https://example/i/abc', 'https://example/i/abc']);
  });
  it('never opens a link that is not http(s)', () => {
    const { platform, seen } = recordingPlatform();
    const settings = settingsOf({ 'afterUpload.notify': true, 'afterUpload.openInBrowser': true, 'afterUpload.linkFormat': 'url' });
    const ran = runAfterUpload({ ...record, url: 'file:///etc/passwd', viewerUrl: 'javascript:alert(1)' }, { settings, platform, logger: silentLogger });
    expect(ran).toEqual(['notify']);
    expect(seen.opened).toEqual([]);
    expect(seen.notes[0]!.onClick).toBeUndefined();
  });
  it('says in the notification what was done to make the file fit the host', () => {
    const { platform, seen } = recordingPlatform();
    const note = "Re-encoded as JPEG quality 75 to fit IM.GE's 50 MB limit (61.2 MB → 12 MB).";
    runAfterUpload(record, { settings: settingsOf({ 'afterUpload.notify': true, 'afterUpload.copyLink': true }), platform, logger: silentLogger }, note);
    expect(seen.notes.map((n) => n.body)).toEqual([`shot [1].png: link copied\n${note}`]);
  });
  it('runs nothing that is switched off', () => {
    const { platform, seen } = recordingPlatform();
    expect(runAfterUpload(record, { settings: settingsOf({}), platform, logger: silentLogger })).toEqual([]);
    expect(seen).toEqual({ clipboard: [], images: [], opened: [], notes: [] });
  });
});

describe('after capture', () => {
  // A 30×20 capture: a blue left half and a red right half, as raw RGBA.
  const pixels = { data: Buffer.alloc(30 * 20 * 4), width: 30, height: 20, order: 'rgba' as const, scaleFactor: 1 };
  for (let i = 0; i < 30 * 20; i++) pixels.data.set(i % 30 < 15 ? [0, 0, 255, 255] : [255, 0, 0, 255], i * 4);
  const image = { pixels, width: 30, height: 20, windowTitle: 'Editor', app: 'code' };

  async function deps(values: Record<string, string | number | boolean>, withImageClipboard = true) {
    const { platform, seen } = recordingPlatform(withImageClipboard);
    const uploaded: Array<{ name: string; source: CaptureUpload }> = [];
    const encodes: Array<number | undefined> = [];
    const d: AfterCaptureDeps = {
      settings: settingsOf(values),
      platform,
      logger: silentLogger,
      now: () => new Date(2026, 11, 2, 14, 5, 6).getTime(),
      upload: async (name, source) => {
        uploaded.push({ name, source });
        return { id: 'j1' } as QueueJob;
      },
      encodePng: (p, maxSide) => (encodes.push(maxSide), encodeCapturePng(p, maxSide)),
    };
    return { d, seen, uploaded, encodes };
  }

  const decoded = (png: Buffer) => sharp(png).ensureAlpha().raw().toBuffer();

  it('copies, saves under the pattern, uploads the saved file and notifies, encoding the capture once', async () => {
    const folder = join(await tempProfile(), 'captures');
    const values = {
      'afterCapture.copyImage': true,
      'afterCapture.save': true,
      'afterCapture.folder': folder,
      'afterCapture.fileNamePattern': '%t_%y%mo%d_%i',
      'afterCapture.counter': 4,
      'afterCapture.upload': true,
      'afterCapture.notify': true,
    };
    const { d, seen, uploaded, encodes } = await deps(values);
    const report = await runAfterCapture(image, d);
    expect(report.ran).toEqual(['copyImage', 'save', 'upload', 'notify']);
    expect(encodes).toEqual([undefined]);
    expect(report.savedTo).toBe(join(folder, 'Editor_20261202_5.png'));
    const saved = await readFile(report.savedTo!);
    expect(await decoded(saved)).toEqual(pixels.data);
    expect(seen.images).toEqual([saved]);
    expect(values['afterCapture.counter']).toBe(5);
    // The saved file is what uploads, so History can open that file.
    expect(uploaded).toEqual([{ name: 'Editor_20261202_5.png', source: { path: report.savedTo } }]);
    expect(seen.notes).toEqual([{ title: 'Screenshot 30×20', body: `Saved to ${report.savedTo}`, image: saved }]);
  });

  it('hands the raw pixels to the queue when uploading alone, and notifies with a small thumbnail, not a second full encode', async () => {
    const big = { data: Buffer.alloc(600 * 400 * 4, 200), width: 600, height: 400, order: 'rgba' as const, scaleFactor: 1 };
    const { d, uploaded, encodes, seen } = await deps({ 'afterCapture.upload': true, 'afterCapture.notify': true });
    const report = await runAfterCapture({ pixels: big, width: 600, height: 400 }, d);
    expect(report.ran).toEqual(['upload', 'notify']);
    expect(uploaded).toEqual([{ name: expect.stringMatching(/\.png$/), source: { pixels: big } }]);
    expect(encodes).toEqual([256]);
    expect(await sharp(seen.notes[0]!.image).metadata()).toMatchObject({ width: 256, height: 171 });
  });

  it('uploads an image pasted as PNG as those bytes', async () => {
    const png = await sharp(pixels.data, { raw: { width: 30, height: 20, channels: 4 } }).png().toBuffer();
    const { d, uploaded, encodes } = await deps({ 'afterCapture.upload': true });
    await runAfterCapture({ png, width: 30, height: 20 }, d);
    expect(uploaded).toEqual([{ name: expect.stringMatching(/\.png$/), source: { png } }]);
    expect(encodes).toEqual([]);
  });

  it('never overwrites an earlier capture with the same name', async () => {
    const folder = await tempProfile();
    await writeFile(join(folder, 'same.png'), 'earlier');
    const { d } = await deps({ 'afterCapture.save': true, 'afterCapture.folder': folder, 'afterCapture.fileNamePattern': 'same' });
    const report = await runAfterCapture(image, d);
    expect(report.savedTo).toBe(join(folder, 'same (2).png'));
    expect(await readFile(join(folder, 'same.png'), 'utf8')).toBe('earlier');
  });

  it('still uploads when saving fails, and says what to fix', async () => {
    const blocked = join(await tempProfile(), 'a-file');
    await writeFile(blocked, 'x');
    const { d, seen, uploaded } = await deps({ 'afterCapture.save': true, 'afterCapture.folder': join(blocked, 'sub'), 'afterCapture.upload': true });
    const report = await runAfterCapture(image, d);
    expect(report.ran).toEqual(['upload']);
    expect(uploaded).toHaveLength(1);
    expect(report.failed.map((f) => f.task)).toEqual(['save']);
    expect(seen.notes.map((n) => n.title)).toEqual(['Could not save the capture']);
  });

  it('refuses a relative folder instead of writing somewhere unexpected', async () => {
    const { d } = await deps({ 'afterCapture.save': true, 'afterCapture.folder': 'captures' });
    const report = await runAfterCapture(image, d);
    expect(report.failed[0]!.message).toMatch(/full path/);
  });

  it('reports a missing image clipboard (CLI) instead of pretending it copied', async () => {
    const { d } = await deps({ 'afterCapture.copyImage': true }, false);
    const report = await runAfterCapture(image, d);
    expect(report.failed.map((f) => f.task)).toEqual(['copyImage']);
  });

  it('opens the editor first; the tasks after it get the edited image', async () => {
    const folder = join(await tempProfile(), 'captures');
    // The editor hands back pixels: 12×8, all green.
    const green = Buffer.alloc(12 * 8 * 4);
    for (let i = 0; i < 12 * 8; i++) green.set([0, 255, 0, 255], i * 4);
    const edited = { pixels: { data: green, width: 12, height: 8, order: 'rgba' as const }, width: 12, height: 8 };
    const opened: unknown[] = [];
    const { d, seen, uploaded } = await deps({
      'afterCapture.openEditor': true,
      'afterCapture.copyImage': true,
      'afterCapture.save': true,
      'afterCapture.folder': folder,
      'afterCapture.fileNamePattern': '%t_%widthx%height',
      'afterCapture.upload': true,
    });
    d.openEditor = async (i) => (opened.push(i), { ...edited, windowTitle: i.windowTitle });
    const report = await runAfterCapture(image, d);
    expect(report.ran).toEqual(['openEditor', 'copyImage', 'save', 'upload']);
    expect(opened).toEqual([image]);
    expect(await decoded(seen.images[0]!)).toEqual(green);
    expect(await decoded(await readFile(report.savedTo!))).toEqual(green);
    // The name follows the edited (cropped) size; the saved edit is what goes up.
    expect(report.savedTo).toBe(join(folder, 'Editor_12x8.png'));
    expect(uploaded).toEqual([{ name: 'Editor_12x8.png', source: { path: report.savedTo } }]);
  });

  it('runs nothing after the editor when the edit is discarded', async () => {
    const { d, seen, uploaded } = await deps({ 'afterCapture.openEditor': true, 'afterCapture.copyImage': true, 'afterCapture.upload': true, 'afterCapture.notify': true });
    d.openEditor = async () => null;
    const report = await runAfterCapture(image, d);
    expect(report).toMatchObject({ ran: ['openEditor'], cancelled: true });
    expect(uploaded).toEqual([]);
    expect(seen.images).toEqual([]);
    expect(seen.notes).toEqual([]);
  });

  it('still uploads the capture as it was when the editor cannot open, and says why', async () => {
    const { d, seen, uploaded } = await deps({ 'afterCapture.openEditor': true, 'afterCapture.upload': true });
    d.openEditor = async () => {
      throw new Error('no display for the editor');
    };
    const report = await runAfterCapture(image, d);
    expect(report.failed).toEqual([{ task: 'openEditor', message: expect.stringContaining('no display for the editor') }]);
    expect(uploaded.map((u) => u.source)).toEqual([{ pixels }]);
    expect(seen.notes.map((n) => n.title)).toEqual(['Could not open the editor']);
  });
});

describe('the task settings', () => {
  it('show each list in the order its tasks run', async () => {
    const { openTestCore } = await import('../../support/core.js');
    const core = await openTestCore(await tempProfile(), { platform: headlessPlatform() });
    try {
      const toggles = (id: string) => core.settings.describe().find((s) => s.id === id)!.fields.filter((f) => !f.hidden && f.kind === 'boolean').map((f) => f.key);
      expect(toggles('afterCapture')).toEqual(['afterCapture.openEditor', 'afterCapture.copyImage', 'afterCapture.save', 'afterCapture.upload', 'afterCapture.notify']);
      expect(toggles('afterUpload')).toEqual(['afterUpload.copyLink', 'afterUpload.notify', 'afterUpload.openInBrowser']);
      expect(core.settings.getString('afterCapture.folder')).toBe(join(core.profileDir, 'captures'));
    } finally {
      await core.close();
    }
  });
});
