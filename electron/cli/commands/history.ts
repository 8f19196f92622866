import { option, UsageError } from '../args.js';
import type { CliCommand } from '../context.js';

export const historyCommand: CliCommand = {
  name: 'history',
  usage: 'history [--search TEXT] [--limit N] [--json]',
  summary: 'list uploads, newest first: id, date, uploader, file and link (--json: one object per upload)',
  async run(ctx) {
    const limitText = option(ctx.args, 'limit');
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number of at least 1; got "${limitText}".`);
    const { history } = await ctx.core();
    const page = history.list({ search: option(ctx.args, 'search'), limit });
    if (ctx.args.flags.has('json')) {
      for (const record of page.items) ctx.io.stdout(`${JSON.stringify(record)}\n`);
      return 0;
    }
    if (page.total === 0) {
      ctx.io.stderr(option(ctx.args, 'search') ? 'No upload matches.\n' : 'No uploads yet.\n');
      return 0;
    }
    for (const r of page.items) {
      ctx.io.stdout(`${r.id}  ${r.createdAt.slice(0, 16).replace('T', ' ')}  ${r.uploaderId}  ${r.fileName}  ${r.url}\n`);
    }
    if (page.total > page.items.length) ctx.io.stderr(`(${page.items.length} of ${page.total}; --limit shows more)\n`);
    return 0;
  },
};
