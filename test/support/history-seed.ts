import { openProfileHistory } from '../../electron/core/history/index.js';
import type { HistoryRecord } from '../../shared/uploads.js';

/**
 * Fills a profile's history with `count` records (newest first: record 0 is the newest), written
 * in one go through the store's bulk insert, as a long-used profile would have them.
 */
export async function seedHistory(profileDir: string, count: number, start = Date.parse('2020-01-01T00:00:00Z')): Promise<void> {
  const records = Array.from({ length: count }, (_, i) => {
    const n = count - i;
    const record: HistoryRecord = {
      id: `seed-${String(n).padStart(7, '0')}`,
      createdAt: new Date(start + n * 60_000).toISOString(),
      status: 'done',
      uploaderId: n % 3 === 0 ? 'imgbb' : 'imge',
      uploaderLabel: n % 3 === 0 ? 'ImgBB' : 'IM.GE',
      fileName: `screenshot-${String(n).padStart(7, '0')}.png`,
      url: `https://i.example.test/${n}.png`,
      viewerUrl: `https://example.test/i/${n}`,
      bytes: 1000 + (n % 50) * 100,
      width: 800,
      height: 600,
      origin: 'upload',
    };
    return record;
  });
  const history = await openProfileHistory(profileDir);
  try {
    history.addMany(records);
  } finally {
    await history.close();
  }
}
