import { UsageError } from '../args.js';
import type { CliCommand } from '../context.js';

export const uploaderCommand: CliCommand = {
  name: 'uploader',
  usage: 'uploader list | uploader test <id>',
  summary: 'the uploaders there are, and "Test connection" for one: checks its address and key with the service without uploading',
  async run(ctx) {
    const [action = 'list', id, ...rest] = ctx.args.positionals;
    if (rest.length > 0) throw new UsageError(`Usage: shotput ${uploaderCommand.usage}`);
    const core = await ctx.core();
    if (action === 'list') {
      for (const u of core.uploaders.list()) ctx.io.stdout(`${u.descriptor.id}  ${u.descriptor.label}\n`);
      return 0;
    }
    if (action !== 'test' || id === undefined) throw new UsageError(`Usage: shotput ${uploaderCommand.usage}`);
    const uploader = core.uploaders.get(id);
    if (!uploader.verify) throw new UsageError(`${uploader.descriptor.label} has no connection test; upload an image to check it.`);
    ctx.io.stdout(`${await uploader.verify(core.uploadContext(id))}\n`);
    return 0;
  },
};
