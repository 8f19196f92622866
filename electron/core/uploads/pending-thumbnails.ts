import { access, copyFile, link, mkdir, readdir, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { toUserError } from '../errors.js';
import { claim, release } from '../files/owner-claim.js';
import { makeOwnerOnly } from '../profile.js';
import type { HistoryService } from '../history/service.js';
import type { Logger } from '../logger.js';
import type { ThumbnailMaker } from './thumbnail-maker.js';

/**
 * History thumbnails left for later: a command-line upload is done when its link is printed, not
 * after decoding the image once more. The uploaded file is kept (a hard link: instant) under its
 * history id until `shotput thumbnails`, started on its own after the upload, or the app's next
 * start makes the thumbnails and adds them to the record. The app makes them at once, after the
 * link is on the clipboard; the kept file is what a crash in between leaves for its next start.
 * Two processes may look at once (two uploads, each starting `shotput thumbnails`): a kept file
 * is claimed (`<file>.owner`) before its thumbnails are made, so they are made once.
 */
export class PendingThumbnails {
  constructor(
    private readonly deps: { dir: string; thumbnailsDir: string; history: HistoryService; makeThumbnails?: ThumbnailMaker; logger: Logger },
  ) {}

  async keep(filePath: string, historyId: string): Promise<void> {
    await mkdir(this.deps.dir, { recursive: true });
    const kept = join(this.deps.dir, `${historyId}${extname(filePath)}`);
    await link(filePath, kept).catch(async () => {
      await copyFile(filePath, kept);
      await makeOwnerOnly(kept);
    });
  }

  async any(): Promise<boolean> {
    return (await this.keptFiles()).length > 0;
  }

  /** Makes every pending thumbnail set and adds it to its record; resolves to how many were made. */
  async makeAll(): Promise<number> {
    let made = 0;
    for (const file of await this.keptFiles()) if (await this.makeFrom(file)) made++;
    return made;
  }

  /** Makes the thumbnails of one record whose file was kept; true when they were added to it. */
  async make(historyId: string): Promise<boolean> {
    const file = (await this.keptFiles()).find((f) => historyIdOf(f) === historyId);
    return file ? this.makeFrom(file) : false;
  }

  private async keptFiles(): Promise<string[]> {
    return (await readdir(this.deps.dir).catch(() => [] as string[])).filter((name) => !name.includes(CLAIM));
  }

  private async makeFrom(file: string): Promise<boolean> {
    const { dir, thumbnailsDir, history, makeThumbnails, logger } = this.deps;
    const path = join(dir, file);
    const claimPath = `${path}${CLAIM}`;
    if (!(await claim(claimPath))) return false; // another process is making these
    const historyId = historyIdOf(file);
    try {
      // Gone: the process that had it before this claim finished it.
      if (!(await access(path).then(() => true, () => false))) return false;
      if (!makeThumbnails || !history.get(historyId)) return false;
      const thumbnails = await makeThumbnails(path, thumbnailsDir, historyId);
      await history.update(historyId, { thumbnails });
      return true;
    } catch (err) {
      logger.warn(`No thumbnail for ${historyId}: ${toUserError(err).message}`);
      return false;
    } finally {
      await rm(path, { force: true });
      await release(claimPath);
    }
  }
}

const CLAIM = '.owner';

const historyIdOf = (file: string) => file.slice(0, file.length - extname(file).length);
