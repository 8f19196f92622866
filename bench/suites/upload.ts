import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { openNodeCore } from '../../electron/core/node-core.js';
import { copyAsIs } from '../../electron/core/queue/prepare.js';
import { mb, median, ms, printTable } from '../measure.js';
import type { BenchSuite } from './suite.js';

const run = promisify(execFile);
const KEY = 'bench-key';
const ROUNDS = 9;
const TARGET_RATIO = 1.5;
const TARGET_EXTRA_MEMORY = 100 * 1024 * 1024;

export async function startTarget(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'bench-upload-target.js'), KEY], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the stand-in exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** ~20 MB of PNG that any decoder accepts: noise, stored uncompressed. */
async function makeFile(dir: string): Promise<{ path: string; bytes: number }> {
  const path = join(dir, 'bench-20mb.png');
  const info = await sharp({ create: { width: 2600, height: 2600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png({ compressionLevel: 0 })
    .toFile(path);
  return { path, bytes: info.size };
}

export const uploadSuite: BenchSuite = {
  name: 'upload',
  description: `a 20 MB file to a loopback Chevereto stand-in: Shotput's upload path vs curl -F, same run (median of ${ROUNDS})`,
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'shotput-bench-'));
    const target = await startTarget();
    try {
      const file = await makeFile(dir);
      // Image processing is measured by the pipeline suite; here the queue copies the file as is
      // (history thumbnails are still made, as after every upload).
      const core = await openNodeCore({ profileDir: join(dir, 'profile'), host: 'cli', prepare: copyAsIs });
      core.settings.override('uploaders.imge.baseUrl', target.url);
      core.settings.override('uploaders.imge.apiKey', KEY);
      core.uploads.queue.start();
      const imge = core.uploaders.get('imge');
      const source = { kind: 'file' as const, path: file.path, name: 'bench-20mb.png', mime: 'image/png', size: file.bytes };
      // The upload path: the IM.GE uploader streaming the file as multipart, as every job does.
      const upload = () => imge.upload(source, {}, core.uploadContext('imge'));
      // The whole queue: the file copied into its job folder, uploaded, recorded in history.
      const queued = async () => {
        const job = await core.uploads.queue.add({ kind: 'file', path: file.path }, 'imge');
        const settled = await core.uploads.queue.waitFor(job.id);
        if (settled.job.state !== 'done') throw new Error(`upload failed: ${settled.job.error?.message}`);
      };
      const curl = () =>
        run('curl', ['-sS', '--fail-with-body', '-o', '/dev/null', '-H', `X-API-Key: ${KEY}`, '-F', `source=@${file.path}`, '-F', `key=${KEY}`, '-F', 'format=json', `${target.url}/api/1/upload`]);

      // Warm up both paths (connection setup, JIT) before measuring.
      await upload();
      await queued();
      await curl();

      const shotputTimes: number[] = [];
      const queueTimes: number[] = [];
      const curlTimes: number[] = [];
      // Interleaved, so background load on the machine hits both alike.
      for (let i = 0; i < ROUNDS; i++) {
        let start = performance.now();
        await upload();
        shotputTimes.push(performance.now() - start);
        start = performance.now();
        await curl();
        curlTimes.push(performance.now() - start);
        start = performance.now();
        await queued();
        queueTimes.push(performance.now() - start);
      }
      await core.close();

      const shotput = median(shotputTimes);
      const reference = median(curlTimes);
      const ratio = shotput / reference;
      const whole = median(queueTimes);
      // Memory in a process of its own that does nothing else, so other work cannot blur it.
      const probe = await run(process.execPath, ['--expose-gc', join(import.meta.dirname, 'bench-upload-memory.js'), target.url, KEY, file.path]);
      const { idle, peak } = JSON.parse(probe.stdout) as { idle: number; peak: number };
      const extra = peak - idle;
      printTable(
        ['what', 'Shotput', 'curl -F', 'target'],
        [
          ['file', mb(file.bytes), mb(file.bytes), ''],
          ['upload time (median)', ms(shotput), ms(reference), ''],
          ['upload time ratio', `${ratio.toFixed(2)}×`, '1.00×', `≤ ${TARGET_RATIO}×`],
          ['memory above idle while uploading (peak RSS − idle RSS)', mb(extra), '', `≤ ${mb(TARGET_EXTRA_MEMORY)}`],
          ['idle RSS of that process', mb(idle), '', ''],
          ['whole queue job: copy into the job, upload, thumbnails, history (median)', ms(whole), '', `${(whole / reference).toFixed(2)}× curl`],
        ],
      );
      console.log(
        "\nUpload: the IM.GE uploader streaming the file as multipart and parsing the reply. Memory: a separate process that only uploads, RSS sampled every 2 ms over 5 uploads after a warm-up and a GC. The whole job adds the copy into its job folder (what lets an upload survive a crash), the three history thumbnails (a full decode of the 2600×2600 image) and the history record.",
      );
      return ratio <= TARGET_RATIO && extra <= TARGET_EXTRA_MEMORY;
    } finally {
      target.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
