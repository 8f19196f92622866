import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryService } from '../../../electron/core/history/service.js';
import { tempProfile } from '../../support/profile.js';

const opened: HistoryService[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});
async function openHistory(...args: Parameters<typeof HistoryService.open>): Promise<HistoryService> {
  const history = await HistoryService.open(...args);
  opened.push(history);
  return history;
}

const record = (n: number, extra: Record<string, unknown> = {}) => ({
  uploaderId: n % 2 ? 'imge' : 'imgur',
  fileName: `shot-${n}.png`,
  url: `https://i.example/${n}.png`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
  origin: 'upload' as const,
  ...extra,
});

describe('history', () => {
  it('keeps uploads across reopening, newest first', async () => {
    const path = join(await tempProfile(), 'history.jsonl');
    const history = await openHistory(path);
    for (let n = 1; n <= 3; n++) await history.add(record(n));
    await history.close();
    const reopened = await openHistory(path);
    expect(reopened.list().items.map((r) => r.fileName)).toEqual(['shot-3.png', 'shot-2.png', 'shot-1.png']);
    expect(reopened.list().total).toBe(3);
  });

  it('applies updates and removals, and they survive reopening', async () => {
    const path = join(await tempProfile(), 'history.jsonl');
    const history = await openHistory(path);
    const a = await history.add(record(1));
    const b = await history.add(record(2));
    await history.update(a.id, { albumId: 'alb1' });
    await history.remove(b.id);
    const reopened = await openHistory(path);
    expect(reopened.list().items).toMatchObject([{ id: a.id, albumId: 'alb1' }]);
    await expect(reopened.remove('nope')).rejects.toThrow('There is no upload with id nope');
  });

  it('searches by every word, and pages', async () => {
    const history = await openHistory(join(await tempProfile(), 'history.jsonl'));
    for (let n = 1; n <= 12; n++) await history.add(record(n));
    expect(history.list({ search: 'shot-1' }).items.map((r) => r.fileName)).toEqual(['shot-12.png', 'shot-11.png', 'shot-10.png', 'shot-1.png']);
    expect(history.list({ search: 'imgur shot-1' }).total).toBe(2);
    expect(history.list({ search: 'nothing-like-this' }).total).toBe(0);
    const page = history.list({ limit: 5, offset: 10 });
    expect(page.items.map((r) => r.fileName)).toEqual(['shot-2.png', 'shot-1.png']);
    expect(page.total).toBe(12);
  });

  it('survives a torn last line from a crash, keeping every complete record', async () => {
    const path = join(await tempProfile(), 'history.jsonl');
    const history = await openHistory(path);
    await history.add(record(1));
    await history.add(record(2));
    await history.close();
    await appendFile(path, '{"op":"add","record":{"id":"x","url":"https://i.exa');
    const warnings: string[] = [];
    const reopened = await openHistory(path, { info() {}, warn: (m) => warnings.push(m), error() {} });
    expect(reopened.list().total).toBe(2);
    expect(warnings[0]).toContain('skipped 1 damaged line');
    await reopened.add(record(3));
    const again = await openHistory(path);
    expect(again.list().total).toBe(3);
    expect((await readFile(path, 'utf8')).split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('compacts a log of mostly superseded operations without losing records', async () => {
    const path = join(await tempProfile(), 'history.jsonl');
    const history = await openHistory(path);
    const kept = await history.add(record(1));
    for (let n = 0; n < 1100; n++) await history.update(kept.id, { albumId: `a${n}` });
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(200);
    const reopened = await openHistory(path);
    expect(reopened.get(kept.id)?.albumId).toBe('a1099');
  });

  it('tells whether a remote image is already recorded', async () => {
    const history = await openHistory(join(await tempProfile(), 'history.jsonl'));
    await history.add(record(1, { remoteId: 'abc' }));
    expect(history.hasRemote('imge', 'abc')).toBe(true);
    expect(history.hasRemote('imgur', 'abc')).toBe(false);
  });
});
