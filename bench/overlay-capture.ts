/**
 * Child process of the overlay bench: the region overlay's capture step on the X server in
 * $DISPLAY (the display's bitmap and the window list, as ScreenshotService takes them), RUNS
 * times after a warm-up; prints the median in ms. A process of its own because xcap keeps its X
 * connection for the life of the process, and the capture bench's X server is gone by now.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeCore } from '../electron/core/node-core.js';
import { median } from './measure.js';

const [runsText, widthText] = process.argv.slice(2);
const runs = Number(runsText);
const width = Number(widthText);
if (!(runs > 0) || !(width > 0)) throw new Error('usage: bench-overlay-capture.js RUNS EXPECTED_WIDTH');
const dir = await mkdtemp(join(tmpdir(), 'shotput-bench-overlay-capture-'));
const core = await openNodeCore({ profileDir: dir, host: 'cli' });
try {
  const samples: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const start = performance.now();
    const [frame] = await Promise.all([core.capture.captureMonitor(0), core.capture.listWindows()]);
    if (frame.width !== width) throw new Error(`Captured ${frame.width}×${frame.height}, not a screen ${width} wide`);
    if (run > 0) samples.push(performance.now() - start);
  }
  console.log(median(samples));
} finally {
  await core.close();
  await rm(dir, { recursive: true, force: true });
}
