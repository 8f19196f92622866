import { UsageError } from '../args.js';
import type { CliCommand } from '../context.js';

export const deleteCommand: CliCommand = {
  name: 'delete',
  usage: 'delete <history-id> [--local]',
  summary: 'delete an upload from its host and from history; --local only forgets it here',
  async run(ctx) {
    const [id, ...rest] = ctx.args.positionals;
    if (!id || rest.length > 0) throw new UsageError('Usage: shotput delete <history-id> [--local]. `shotput history` lists the ids.');
    const { uploads, history } = await ctx.core();
    const record = history.require(id);
    const { remote } = await uploads.delete(id, { localOnly: ctx.args.flags.has('local') });
    ctx.io.stdout(remote === 'deleted' ? `Deleted ${record.fileName} from ${record.uploaderId} and from history.\n` : `Removed ${record.fileName} from history.\n`);
    return 0;
  },
};
