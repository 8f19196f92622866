import type { QueueJob } from '../../../shared/uploads.js';
import { UsageError } from '../args.js';
import type { CliCommand } from '../context.js';

function describe(job: QueueJob): string {
  const state = job.elsewhere ? 'running in another Shotput process' : job.state === 'waiting' ? `waiting until ${job.nextAttemptAt}` : job.state;
  const error = job.error ? `: ${job.error.message}` : '';
  return `${job.id}  ${job.uploaderId}  ${job.fileName}  ${state}${error}`;
}

export const queueCommand: CliCommand = {
  name: 'queue',
  usage: 'queue [list | resume | retry <id> | discard <id>] [--json]',
  summary: 'show unfinished uploads; resume those an earlier run left (after a crash or a rate limit), retry or discard one',
  async run(ctx) {
    const [action = 'list', id] = ctx.args.positionals;
    const { uploads } = await ctx.core();
    const queue = uploads.queue;
    const print = (jobs: QueueJob[]) => {
      if (ctx.args.flags.has('json')) for (const job of jobs) ctx.io.stdout(`${JSON.stringify(job)}\n`);
      else if (jobs.length === 0) ctx.io.stderr('The queue is empty.\n');
      else for (const job of jobs) ctx.io.stdout(`${describe(job)}\n`);
    };
    switch (action) {
      case 'list': {
        // The queue is not started: this loads what is on disk without uploading anything.
        await queue.resumeInterrupted();
        print(queue.list());
        return 0;
      }
      case 'resume': {
        const resumed = await queue.resumeInterrupted();
        queue.start();
        const results = await Promise.all(resumed.map((job) => queue.waitFor(job.id, 90_000)));
        await queue.stop();
        print(results.map((r) => r.job));
        return results.every((r) => r.job.state === 'done') ? 0 : 1;
      }
      case 'retry':
      case 'discard': {
        if (!id) throw new UsageError(`Usage: shotput queue ${action} <id>`);
        await queue.resumeInterrupted((job) => job.id === id);
        if (action === 'discard') {
          await queue.discard(id);
          ctx.io.stdout(`Discarded ${id}.\n`);
          return 0;
        }
        await queue.retry(id);
        queue.start();
        const settled = await queue.waitFor(id, 90_000);
        await queue.stop();
        print([settled.job]);
        return settled.job.state === 'done' ? 0 : 1;
      }
      default:
        throw new UsageError(`Unknown queue action "${action}". ${queueCommand.usage}`);
    }
  },
};
