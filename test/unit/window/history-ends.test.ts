import { describe, expect, it } from 'vitest';
import { openProfileHistory } from '../../../electron/core/history/index.js';
import type { HistoryService } from '../../../electron/core/history/service.js';
import type { HistoryPageQuery, HistoryRecord } from '../../../shared/uploads.js';
import { seedHistory } from '../../support/history-seed.js';
import { tempProfile } from '../../support/profile.js';

/** Every record of a query, page by page with the cursor, as the window reads it. */
function readAll(history: HistoryService, query: Omit<HistoryPageQuery, 'cursor' | 'limit'>): HistoryRecord[] {
  const all: HistoryRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = history.page({ ...query, cursor, limit: 7 });
    all.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * The History view reaches the end of a long list (End) by reading it from the bottom with the
 * sort reversed, so the two directions must be exact mirrors, ties included.
 */
describe('history read from either end', () => {
  it('gives the same order backwards for every sort, with ties on size and name', async () => {
    const profile = await tempProfile();
    await seedHistory(profile, 60);
    const history = await openProfileHistory(profile);
    try {
      for (const by of ['date', 'size', 'name'] as const) {
        const forwards = readAll(history, { sort: { by, dir: 'desc' } }).map((r) => r.id);
        const backwards = readAll(history, { sort: { by, dir: 'asc' } }).map((r) => r.id);
        expect(forwards).toHaveLength(60);
        expect(backwards.reverse()).toEqual(forwards);
      }
      const searched = readAll(history, { search: 'ImgBB', sort: { by: 'date', dir: 'desc' } });
      expect(searched.length).toBe(20);
      expect(readAll(history, { search: 'ImgBB', sort: { by: 'date', dir: 'asc' } }).reverse()).toEqual(searched);
    } finally {
      await history.close();
    }
  });
});
