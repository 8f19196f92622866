import type { CliCommand } from '../context.js';

export const thumbnailsCommand: CliCommand = {
  name: 'thumbnails',
  usage: 'thumbnails',
  summary: 'make the history thumbnails that uploads from the command line left for later (started on its own after `shotput upload`)',
  async run(ctx) {
    const { uploads } = await ctx.core();
    const made = await uploads.pendingThumbnails.makeAll();
    ctx.io.stderr(`Made the thumbnails of ${made} upload${made === 1 ? '' : 's'}.\n`);
    return 0;
  },
};
