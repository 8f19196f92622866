import { existsSync } from 'node:fs';
import { historyPaths, openProfileHistory } from '../../core/history/index.js';
import type { HistoryService } from '../../core/history/service.js';
import { option, UsageError } from '../args.js';
import type { CliCommand, CliContext } from '../context.js';

export const historyCommand: CliCommand = {
  name: 'history',
  usage: 'history [--search TEXT] [--limit N] [--json]',
  summary: 'list uploads, newest first: id, date, uploader, file and link (--json: one object per upload)',
  async run(ctx) {
    const limitText = option(ctx.args, 'limit');
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number of at least 1; got "${limitText}".`);
    const search = option(ctx.args, 'search');
    const { history, close } = await openHistory(ctx);
    try {
      const page = history.page({ search, limit });
      if (ctx.args.flags.has('json')) {
        ctx.io.stdout(page.records.map((record) => `${JSON.stringify(record)}\n`).join(''));
        return 0;
      }
      if (page.total === 0) {
        ctx.io.stderr(search ? 'No upload matches.\n' : 'No uploads yet.\n');
        return 0;
      }
      ctx.io.stdout(page.records.map((r) => `${r.id}  ${r.createdAt.slice(0, 16).replace('T', ' ')}  ${r.uploaderId}  ${r.fileName}  ${r.url}\n`).join(''));
      if (page.total > page.records.length) ctx.io.stderr(`(${page.records.length} of ${page.total}; --limit shows more)\n`);
      return 0;
    } finally {
      await close();
    }
  },
};

/**
 * Only the store, which is all a listing needs, and starts fast. The first run after an upgrade
 * opens the whole core instead, so the old journal is moved in with each uploader's name.
 */
async function openHistory(ctx: CliContext): Promise<{ history: HistoryService; close(): Promise<void> }> {
  if (existsSync(historyPaths(ctx.profileDir).journal)) return { history: (await ctx.core()).history, close: async () => {} };
  const history = await openProfileHistory(ctx.profileDir);
  return { history, close: () => history.close() };
}
