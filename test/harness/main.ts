import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleLogger } from '../../electron/core/logger.js';
import { openNodeCore } from '../../electron/core/node-core.js';
import { openFilesWithShotput } from '../../electron/core/open-files.js';
import { startHarness } from './harness.js';
import { runOverlayHarness } from './overlay.js';

function portFrom(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i === -1) return 5178;
  const text = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`harness: --port needs a number from 0 to 65535; got ${JSON.stringify(text)}.`);
    process.exit(2);
  }
  return port;
}

/** The value after `--name` (or in `--name=value`), if the flag is there. */
function optionValue(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i === -1) return undefined;
  const value = argv[i]!.includes('=') ? argv[i]!.slice(name.length + 1) : argv[i + 1];
  if (!value || value.startsWith('--')) {
    console.error(`harness: ${name} needs a value.`);
    process.exit(2);
  }
  return value;
}

const rendererDir = join(dirname(fileURLToPath(import.meta.url)), 'renderer');
const port = portFrom(process.argv.slice(2));
const overlayImage = optionValue(process.argv.slice(2), '--overlay');
if (overlayImage) {
  const argv = process.argv.slice(2);
  await runOverlayHarness({
    image: overlayImage,
    windowsFile: optionValue(argv, '--windows'),
    lastRegion: optionValue(argv, '--last-region'),
    port,
    rendererDir,
    logger: consoleLogger('harness'),
  });
}
/** Files after the options are opened as the app opens files it is launched with. */
const launchFiles = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--port');
const profileDir = process.env.SHOTPUT_HOME ?? mkdtempSync(join(tmpdir(), 'shotput-harness-'));
if (!process.env.SHOTPUT_HOME) console.log(`SHOTPUT_HOME is not set; using a new profile in ${profileDir}`);

const logger = consoleLogger('harness');
const core = await openNodeCore({ profileDir, host: 'harness', logger });
await core.startUploads();
await openFilesWithShotput(core, launchFiles);
const harness = await startHarness({ core, port, rendererDir });
console.log(`Harness ready at ${harness.url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await harness.close();
  await core.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
