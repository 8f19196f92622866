import { describe, expect, it } from 'vitest';
import { imgurUploader } from '../../../electron/core/uploaders/imgur/uploader.js';
import { asSource, pngFile } from '../uploaders/fixtures.js';
import { imgurSetup } from '../uploaders/imgur-setup.js';

describe("importing an Imgur account's images into history", () => {
  it('adds every image of the account, page after page, and only new ones on the next run', async () => {
    const { core, ctx } = await imgurSetup({ connected: true });
    // Uploaded elsewhere (the website, another computer): on the account, not in this history.
    for (let i = 0; i < 3; i++) await imgurUploader.upload(asSource(await pngFile()), { title: `Elsewhere ${i}` }, ctx());
    // Uploaded from here: already in history, and must not appear twice.
    const mine = await imgurUploader.upload(asSource(await pngFile()), { title: 'Mine' }, ctx());
    await core.history.add({ uploaderId: 'imgur', fileName: 'mine.png', url: mine.url, remoteId: mine.remoteId, deleteHash: mine.deleteHash, origin: 'upload' });

    expect(await core.importImgurAccount()).toEqual({ imported: 3, alreadyThere: 1 });
    const { items } = core.history.list({ uploaderId: 'imgur' });
    expect(items).toHaveLength(4);
    const imported = items.filter((r) => r.origin === 'import');
    expect(new Set(imported.map((r) => r.remoteId)).size).toBe(3);
    // Named as they were uploaded, with what it takes to open and delete them.
    for (const record of imported) {
      expect(record).toMatchObject({ fileName: 'shot.png', url: expect.stringMatching(/\.png$/), viewerUrl: expect.stringMatching(/imgur\.com\//), deleteHash: expect.any(String) });
    }

    await imgurUploader.upload(asSource(await pngFile()), { title: 'Later' }, ctx());
    expect(await core.importImgurAccount()).toEqual({ imported: 1, alreadyThere: 4 });
  });

  it('says what to do when no account is connected', async () => {
    const { core } = await imgurSetup();
    await expect(core.importImgurAccount()).rejects.toThrow(/connect/i);
    expect(core.history.list().total).toBe(0);
  });
});
