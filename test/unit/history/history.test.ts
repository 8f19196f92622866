import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyPaths, openProfileHistory } from '../../../electron/core/history/index.js';
import { HistoryService, type HistoryOpenOptions } from '../../../electron/core/history/service.js';
import type { HistoryChange, HistoryPageQuery, HistoryRecord, NewHistoryRecord } from '../../../shared/uploads.js';
import { tempProfile } from '../../support/profile.js';

const opened: HistoryService[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});

const LABELS: Record<string, string> = { imge: 'IM.GE', imgur: 'Imgur', imgbb: 'ImgBB' };

async function openStore(path: string, options: Partial<HistoryOpenOptions> = {}): Promise<HistoryService> {
  const history = await HistoryService.open({ path, labelOf: (id) => LABELS[id] ?? id, ...options });
  opened.push(history);
  return history;
}

async function newStore(options: Partial<HistoryOpenOptions> = {}): Promise<{ history: HistoryService; path: string }> {
  const path = join(await tempProfile(), 'history', 'history.sqlite');
  return { history: await openStore(path, options), path };
}

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

const record = (n: number, extra: Partial<NewHistoryRecord> = {}): NewHistoryRecord => ({
  uploaderId: n % 2 ? 'imge' : 'imgur',
  fileName: `shot-${n}.png`,
  url: `https://i.example/${n}.png`,
  createdAt: minute(n),
  bytes: 1000 + ((n * 37) % 11) * 100,
  origin: 'upload',
  ...extra,
});

describe('the history store', () => {
  it('keeps uploads across reopening, newest first, with what the store fills in', async () => {
    const { history, path } = await newStore();
    for (let n = 1; n <= 3; n++) await history.add(record(n));
    await history.close();
    const reopened = await openStore(path);
    const page = reopened.page({ limit: 10 });
    expect(page.records.map((r) => r.fileName)).toEqual(['shot-3.png', 'shot-2.png', 'shot-1.png']);
    expect(page.total).toBe(3);
    expect(page.nextCursor).toBeNull();
    expect(page.records[0]).toMatchObject({ status: 'done', uploaderLabel: 'IM.GE', id: expect.any(String) });
  });

  it('applies updates and removals, which survive reopening, and names an unknown id', async () => {
    const { history, path } = await newStore();
    const a = await history.add(record(1));
    const b = await history.add(record(2));
    await history.update(a.id, { albumId: 'alb1', albumTitle: 'Holidays' });
    await history.remove(b.id);
    const reopened = await openStore(path);
    expect(reopened.page({ limit: 10 }).records).toMatchObject([{ id: a.id, albumId: 'alb1' }]);
    expect(reopened.page({ limit: 10, search: 'holidays' }).total).toBe(1);
    await expect(reopened.remove('nope')).rejects.toThrow('There is no upload with id nope');
    await expect(reopened.update('nope', { title: 'x' })).rejects.toThrow('There is no upload with id nope');
    expect(reopened.get('nope')).toBeUndefined();
  });

  it('records a queue job once: a second record for the same job is refused and the first returned', async () => {
    const { history, path } = await newStore();
    const first = await history.add(record(1, { jobId: 'job-1' }));
    const again = history.addOrFind(record(2, { jobId: 'job-1' }));
    expect(again).toEqual({ record: first, created: false });
    // Also from another process's connection to the same file.
    const other = await openStore(path);
    expect((await other.add(record(3, { jobId: 'job-1' }))).id).toBe(first.id);
    expect(other.findByJob('job-1')?.fileName).toBe('shot-1.png');
    // Records without a job (imports) are not limited.
    await history.add(record(4));
    await history.add(record(5));
    expect(history.page({ limit: 10 }).total).toBe(3);
  });

  it('pages by cursor through every record exactly once, in each sort order', async () => {
    const { history } = await newStore();
    const names = ['b.png', 'A.png', 'c.png', 'a.png', 'B.png'];
    for (let n = 1; n <= 23; n++) await history.add(record(n, { fileName: names[n % 5]!.replace('.', `-${n % 3}.`) }));
    const byId = new Map(history.page({ limit: 500 }).records.map((r) => [r.id, r]));
    const keys = { date: (r: HistoryRecord) => r.createdAt, size: (r: HistoryRecord) => r.bytes!, name: (r: HistoryRecord) => r.fileName.toLowerCase() };
    for (const by of ['date', 'size', 'name'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const ids: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = history.page({ limit: 5, sort: { by, dir }, cursor });
          expect(page.total).toBe(23);
          ids.push(...page.records.map((r) => r.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        expect(pages).toBe(5);
        expect(new Set(ids).size).toBe(23);
        const values = ids.map((id) => keys[by](byId.get(id)!));
        const sorted = [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        expect(values, `${by} ${dir}`).toEqual(dir === 'asc' ? sorted : sorted.reverse());
      }
    }
  });

  it('pages a search with thousands of matches as one with a few, in order, each record once', async () => {
    const { history } = await newStore();
    const count = 2600;
    const inserted = history.addMany(
      Array.from({ length: count }, (_, n) => record(n, { fileName: n % 100 === 0 ? `rare-${n}.png` : `shot-${n}.png`, createdAt: new Date(Date.UTC(2026, 0, 1) + ((n * 7919) % count) * 1000).toISOString() })),
    );
    expect(inserted).toBe(count);
    for (const search of ['png', 'rare']) {
      const dates: string[] = [];
      const ids = new Set<string>();
      let cursor: string | null = null;
      do {
        const page = history.page({ limit: 500, search, cursor });
        for (const r of page.records) {
          ids.add(r.id);
          dates.push(r.createdAt);
        }
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids.size).toBe(search === 'png' ? count : count / 100);
      expect(dates).toEqual([...dates].sort().reverse());
    }
  });

  it('keeps paging where it was when a newer record arrives between pages', async () => {
    const { history } = await newStore();
    for (let n = 1; n <= 10; n++) await history.add(record(n));
    const first = history.page({ limit: 4 });
    await history.add(record(99));
    const second = history.page({ limit: 4, cursor: first.nextCursor });
    expect(second.records.map((r) => r.fileName)).toEqual(['shot-6.png', 'shot-5.png', 'shot-4.png', 'shot-3.png']);
    expect(second.total).toBe(11);
  });

  it('refuses a cursor from another sort order, or a damaged one, saying what to do', async () => {
    const { history } = await newStore();
    for (let n = 1; n <= 5; n++) await history.add(record(n));
    const { nextCursor } = history.page({ limit: 2 });
    expect(() => history.page({ limit: 2, cursor: nextCursor, sort: { by: 'size', dir: 'desc' } })).toThrow(/first page again/);
    expect(() => history.page({ limit: 2, cursor: 'garbage!' })).toThrow(/first page again/);
  });

  it('searches file name, links, the uploader as displayed, album and title; every word must match', async () => {
    const { history } = await newStore();
    await history.add(record(1, { fileName: 'Holiday Beach.png', uploaderId: 'imge' }));
    await history.add(record(2, { fileName: 'invoice.pdf', uploaderId: 'imgur', viewerUrl: 'https://imgur.com/gallery/XyZ12' }));
    await history.add(record(3, { fileName: 'cat.jpg', uploaderId: 'imgbb', albumId: 'a1', albumTitle: 'Pets of 2026' }));
    await history.add(record(4, { fileName: 'dog.jpg', uploaderId: 'imgbb', title: 'Good boy' }));
    await history.add(record(5, { fileName: '50%_off.png', uploaderId: 'imgbb' }));
    await history.add(record(6, { fileName: '50xxoff.png', uploaderId: 'imgbb' }));
    await history.add(record(7, { fileName: 'Ünïcode Straße.png', uploaderId: 'imgbb' }));
    const names = (search: string) => history.page({ limit: 50, search }).records.map((r) => r.fileName);
    expect(names('beach')).toEqual(['Holiday Beach.png']);
    expect(names('IM.GE')).toEqual(['Holiday Beach.png']);
    expect(names('im.ge holiday')).toEqual(['Holiday Beach.png']);
    expect(names('im.ge cat')).toEqual([]);
    expect(names('xyz12')).toEqual(['invoice.pdf']);
    expect(names('pets')).toEqual(['cat.jpg']);
    expect(names('good boy')).toEqual(['dog.jpg']);
    expect(names('i.example/4.png')).toEqual(['dog.jpg']);
    // Short words and LIKE's wildcards are taken literally.
    expect(names('50%_')).toEqual(['50%_off.png']);
    expect(names('g 4')).toEqual(['dog.jpg']);
    expect(names('straße')).toEqual(['Ünïcode Straße.png']);
    expect(names('ÜNÏ')).toEqual(['Ünïcode Straße.png']);
    expect(history.page({ limit: 2, search: 'imgbb' }).total).toBe(5);
  });

  it('filters by uploader, status and date range, with search and sort, and counts the matches', async () => {
    const { history } = await newStore();
    for (let n = 1; n <= 20; n++) await history.add(record(n, { status: n % 5 === 0 ? 'failed' : n % 7 === 0 ? 'deleted' : 'done' }));
    const page = (query: Omit<HistoryPageQuery, 'limit'>) => history.page({ limit: 100, ...query });
    expect(page({ uploaders: ['imgur'] }).records.every((r) => r.uploaderId === 'imgur')).toBe(true);
    expect(page({ uploaders: ['imgur'] }).total).toBe(10);
    expect(page({ status: ['failed'] }).records.map((r) => r.fileName)).toEqual(['shot-20.png', 'shot-15.png', 'shot-10.png', 'shot-5.png']);
    expect(page({ status: ['failed', 'deleted'] }).total).toBe(6);
    const from = Date.parse(minute(5));
    const to = Date.parse(minute(8));
    expect(page({ from, to }).records.map((r) => r.fileName)).toEqual(['shot-8.png', 'shot-7.png', 'shot-6.png', 'shot-5.png']);
    expect(page({ from, to, uploaders: ['imge'], status: ['done'] }).records.map((r) => r.fileName)).toEqual([]);
    expect(page({ from, to, uploaders: ['imge'], status: ['done', 'deleted'] }).records.map((r) => r.fileName)).toEqual(['shot-7.png']);
    expect(page({ search: 'shot-1', sort: { by: 'name', dir: 'asc' } }).records.map((r) => r.fileName)).toEqual([
      'shot-1.png',
      'shot-10.png',
      'shot-11.png',
      'shot-12.png',
      'shot-13.png',
      'shot-14.png',
      'shot-15.png',
      'shot-16.png',
      'shot-17.png',
      'shot-18.png',
      'shot-19.png',
    ]);
    expect(page({ search: 'shot-1', uploaders: ['imgur'] }).total).toBe(5);
  });

  it('keeps the old offset list working until the window moves to pages', async () => {
    const { history } = await newStore();
    for (let n = 1; n <= 12; n++) await history.add(record(n));
    expect(history.list({ search: 'shot-1' }).items.map((r) => r.fileName)).toEqual(['shot-12.png', 'shot-11.png', 'shot-10.png', 'shot-1.png']);
    expect(history.list({ search: 'imgur shot-1' }).total).toBe(2);
    const page = history.list({ limit: 5, offset: 10 });
    expect(page.items.map((r) => r.fileName)).toEqual(['shot-2.png', 'shot-1.png']);
    expect(page.total).toBe(12);
    expect(history.recent(2).map((r) => r.fileName)).toEqual(['shot-12.png', 'shot-11.png']);
  });

  it('tells whether a remote image is already recorded', async () => {
    const { history } = await newStore();
    await history.add(record(1, { remoteId: 'abc' }));
    expect(history.hasRemote('imge', 'abc')).toBe(true);
    expect(history.hasRemote('imgur', 'abc')).toBe(false);
  });

  it('announces added, updated and removed records one by one, not a reload', async () => {
    const { history } = await newStore();
    const changes: HistoryChange[] = [];
    history.onChange((change) => changes.push(change));
    const a = await history.add(record(1));
    await history.update(a.id, { title: 'Renamed' });
    await history.remove(a.id);
    expect(changes).toEqual([
      { added: [a], updated: [], removed: [] },
      { added: [], updated: [{ ...a, title: 'Renamed' }], removed: [] },
      { added: [], updated: [], removed: [a.id] },
    ]);
  });

  it("announces another connection's writes within a second, without being asked", async () => {
    const { history, path } = await newStore({ pollMs: 100 });
    const other = await openStore(path);
    const seen: HistoryChange[] = [];
    history.onChange((change) => seen.push(change));
    const written = await other.add(record(1));
    await expect.poll(() => seen, { timeout: 1000, interval: 20 }).toEqual([{ added: [written], updated: [], removed: [] }]);
    await other.update(written.id, { status: 'deleted' });
    await other.remove(written.id);
    await expect.poll(() => seen.slice(1).flatMap((c) => c.removed), { timeout: 1000, interval: 20 }).toEqual([written.id]);
  });

  it('says clearly when the store file is not a database, and what to do', async () => {
    const dir = join(await tempProfile(), 'history');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'history.sqlite'), 'this is not a database, just text that happens to be here'.repeat(100));
    const history = await openStore(join(dir, 'history.sqlite'));
    expect(() => history.page({ limit: 10 })).toThrow(/cannot be opened: .*move it aside/);
    expect(() => history.connect()).toThrow(/history\.sqlite cannot be opened/);
  });
});

describe('moving the old journal into the store', () => {
  const journalLines = (lines: object[]) => lines.map((l) => `${JSON.stringify(l)}\n`).join('');
  const old = (n: number, extra: object = {}) => ({
    id: `old-${n}`,
    createdAt: minute(n),
    uploaderId: 'imge',
    fileName: `old-${n}.png`,
    url: `https://i.example/old-${n}.png`,
    origin: 'upload',
    ...extra,
  });

  it('brings every record in, replaying updates and removals, skips a torn last line, and keeps the old file renamed', async () => {
    const profile = await tempProfile();
    const paths = historyPaths(profile);
    await mkdir(join(profile, 'history'), { recursive: true });
    const text =
      journalLines([
        { op: 'add', record: old(1) },
        { op: 'add', record: old(2) },
        { op: 'add', record: old(3) },
        { op: 'update', id: 'old-1', patch: { albumId: 'alb' } },
        { op: 'remove', id: 'old-2' },
      ]) + '{"op":"add","record":{"id":"old-4","url":"https://i.exa';
    await writeFile(paths.journal, text);
    const warnings: string[] = [];
    const history = await openProfileHistory(profile, { labelOf: (id) => LABELS[id] ?? id, logger: { info() {}, warn: (m) => warnings.push(m), error() {} } });
    opened.push(history);
    expect(history.page({ limit: 10 }).records.map((r) => [r.id, r.albumId, r.uploaderLabel, r.status])).toEqual([
      ['old-3', undefined, 'IM.GE', 'done'],
      ['old-1', 'alb', 'IM.GE', 'done'],
    ]);
    expect(warnings.join('\n')).toContain('skipped 1 damaged line');
    expect((await readdir(join(profile, 'history'))).sort()).toContain('history.jsonl.migrated');
    expect(await readFile(`${paths.journal}.migrated`, 'utf8')).toBe(text);
    await expect(readFile(paths.journal)).rejects.toThrow(/ENOENT/);
  });

  it('does not duplicate when the journal comes back (a crash before the rename, or an old version writing)', async () => {
    const profile = await tempProfile();
    const paths = historyPaths(profile);
    await mkdir(join(profile, 'history'), { recursive: true });
    await writeFile(paths.journal, journalLines([{ op: 'add', record: old(1) }, { op: 'add', record: old(2) }]));
    await (await openProfileHistory(profile)).close();
    // The same journal again (rename lost), plus a record an old Shotput appended meanwhile.
    await writeFile(paths.journal, journalLines([{ op: 'add', record: old(1) }, { op: 'add', record: old(2) }, { op: 'add', record: old(3) }]));
    const history = await openProfileHistory(profile);
    opened.push(history);
    expect(history.page({ limit: 10 }).records.map((r) => r.id)).toEqual(['old-3', 'old-2', 'old-1']);
    expect((await readdir(join(profile, 'history'))).filter((f) => f.startsWith('history.jsonl')).sort()).toEqual(['history.jsonl.migrated', 'history.jsonl.migrated.2']);
  });

  it('leaves the journal untouched when the store cannot be opened', async () => {
    const profile = await tempProfile();
    const paths = historyPaths(profile);
    await mkdir(paths.store, { recursive: true }); // a folder where the database file should be
    const text = journalLines([{ op: 'add', record: old(1) }]);
    await writeFile(paths.journal, text);
    await expect(openProfileHistory(profile)).rejects.toThrow(/cannot be opened/);
    expect(await readFile(paths.journal, 'utf8')).toBe(text);
  });
});
