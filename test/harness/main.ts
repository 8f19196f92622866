import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleLogger } from '../../electron/core/logger.js';
import { openNodeCore } from '../../electron/core/node-core.js';
import { openFilesWithShotput } from '../../electron/core/open-files.js';
import { recordingPlatform } from '../../electron/core/platform.js';
import { startEditorHarness } from './editor.js';
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
const editorImage = optionValue(process.argv.slice(2), '--editor');
if (editorImage !== undefined) await runEditor(editorImage);

/** `--editor IMAGE --output FILE [--upload]`: the editor page alone, on one image. */
async function runEditor(imagePath: string): Promise<never> {
  const argv = process.argv.slice(2);
  const output = optionValue(argv, '--output');
  if (!output) {
    console.error('harness: --editor IMAGE needs --output FILE, where Ctrl+S writes the edited image.');
    process.exit(2);
  }
  const core = argv.includes('--upload')
    ? await openNodeCore({ profileDir: process.env.SHOTPUT_HOME ?? mkdtempSync(join(tmpdir(), 'shotput-harness-')), host: 'harness', logger: consoleLogger('harness') })
    : null;
  core?.uploads.queue.start();
  const upload = core
    ? async (name: string, png: Buffer) => {
        const job = await core.uploads.addData(name, png);
        const { job: settled } = await core.uploads.queue.waitFor(job.id);
        const record = settled.historyId ? core.history.get(settled.historyId) : undefined;
        if (!record) throw new Error(settled.error?.message ?? 'The upload did not finish.');
        return record.url;
      }
    : null;
  const editor = await startEditorHarness({ imagePath, output, rendererDir, port, upload });
  console.log(`Editor ready at ${editor.url}`);
  const end = async (code: number) => {
    await editor.close();
    await core?.close();
    process.exit(code);
  };
  process.on('SIGTERM', () => void end(0));
  process.on('SIGINT', () => void end(0));
  const outcome = await editor.outcome;
  if ('discarded' in outcome) console.log(JSON.stringify({ discarded: true }));
  return end(0) as never;
}

/** Files after the options are opened as the app opens files it is launched with. */
const launchFiles = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--port');
process.umask(0o077);
const profileDir = process.env.SHOTPUT_HOME ?? mkdtempSync(join(tmpdir(), 'shotput-harness-'));
if (!process.env.SHOTPUT_HOME) console.log(`SHOTPUT_HOME is not set; using a new profile in ${profileDir}`);

const logger = consoleLogger('harness');
// What the app would open or show in the file manager is printed instead, for tests to read.
const core = await openNodeCore({ profileDir, host: 'harness', logger, platform: recordingPlatform((line) => console.log(line)) });
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
