/**
 * A process that writes to a history store as fast as it can, for the kill -9 test: records
 * `<prefix>-<n>` for jobs `job-<prefix>-<n>`, printing `committed <id>` once each add() has
 * resolved (the write is on disk). Before writing new ones it records the given earlier jobs
 * again, as a queue resuming after a crash would. Run: node writer.js STORE PREFIX [JOB...]
 */
import { HistoryService } from '../../electron/core/history/service.js';

const [path, prefix, ...resumed] = process.argv.slice(2);
if (!path || !prefix) throw new Error('usage: history-writer STORE PREFIX [JOB...]');
const history = await HistoryService.open({ path });
for (const jobId of resumed) {
  const record = await history.add({ jobId, uploaderId: 'imge', fileName: `again-${jobId}.png`, url: `https://i.example/again/${jobId}.png`, origin: 'upload' });
  process.stdout.write(`resumed ${jobId} ${record.id}\n`);
}
for (let n = 0; ; n++) {
  const record = await history.add({
    id: `${prefix}-${n}`,
    jobId: `job-${prefix}-${n}`,
    uploaderId: 'imge',
    fileName: `shot-${prefix}-${n}.png`,
    url: `https://i.example/${prefix}/${n}.png`,
    bytes: n,
    origin: 'upload',
  });
  process.stdout.write(`committed ${record.id}\n`);
}
