/**
 * The upload benchmark's memory probe, alone in its process: after a warm-up upload and a GC,
 * the resident memory is the idle figure; the peak is sampled while the IM.GE uploader streams
 * the file again a few times. Prints {idle, peak} as JSON.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openNodeCore } from '../electron/core/node-core.js';
import { sampleRss } from './measure.js';

const [url, key, path] = process.argv.slice(2) as [string, string, string];
const core = await openNodeCore({ profileDir: join(tmpdir(), `shotput-bench-memory-${process.pid}`), host: 'cli' });
core.settings.override('uploaders.imge.baseUrl', url);
core.settings.override('uploaders.imge.apiKey', key);
const source = { kind: 'file' as const, path, name: 'bench.png', mime: 'image/png', size: (await stat(path)).size };
const upload = () => core.uploaders.get('imge').upload(source, {}, core.uploadContext('imge'));

await upload();
global.gc?.();
await new Promise((r) => setTimeout(r, 300));
const idle = process.memoryUsage.rss();
const sampler = sampleRss();
for (let i = 0; i < 5; i++) await upload();
const peak = sampler.stop();
await core.close();
process.stdout.write(`${JSON.stringify({ idle, peak })}\n`);
