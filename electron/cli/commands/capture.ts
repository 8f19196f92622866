import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Core } from '../../core/app.js';
import type { RawImage } from '../../core/capture/geometry.js';
import { FORMAT_INFO, formatFromExtension, pipelineOptionsFromSettings, processImage, type ProcessResult } from '../../core/pipeline/index.js';
import { sendUiRequest } from '../../core/ui-request.js';
import { option, UsageError, type ParsedArgs } from '../args.js';
import type { CliCommand, CliContext } from '../context.js';
import { printCaptureList } from './capture-list.js';
import { uploadAndPrint } from './upload.js';

const USAGE =
  'capture [--region X,Y,W,H | --monitor N | --window active|ID | --all | --list] [--delay S] [--output FILE] [--upload [--uploader ID] [--link FORMAT]] [--json]';

const FLAGS = new Set(['json', 'all', 'list', 'upload']);
const OPTIONS = new Set(['region', 'monitor', 'window', 'delay', 'output', 'uploader', 'album', 'link', 'answer']);
const MAX_DELAY_SECONDS = 10;

type Area =
  | { kind: 'region'; x: number; y: number; width: number; height: number }
  | { kind: 'monitor'; index: number }
  | { kind: 'window'; id: string }
  | { kind: 'all' }
  | { kind: 'list' };

function rejectUnknown(args: ParsedArgs): void {
  for (const flag of args.flags) if (!FLAGS.has(flag)) throw new UsageError(`Unknown option --${flag}. Usage: shotput ${USAGE}`);
  for (const name of args.options.keys()) if (!OPTIONS.has(name)) throw new UsageError(`Unknown option --${name}. Usage: shotput ${USAGE}`);
  if (args.positionals.length > 0) throw new UsageError(`capture takes no file names (got "${args.positionals[0]}"); use --output FILE. Usage: shotput ${USAGE}`);
}

export function parseRegion(text: string): Area & { kind: 'region' } {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 4 || !parts.every((p) => /^-?\d+$/.test(p))) {
    throw new UsageError(`--region takes X,Y,WIDTH,HEIGHT in whole physical pixels of the screen, for example --region 0,0,800,600; got "${text}".`);
  }
  const [x, y, width, height] = parts.map(Number) as [number, number, number, number];
  if (width < 1 || height < 1) throw new UsageError(`--region needs a width and height of at least 1 pixel; got ${width}×${height}.`);
  return { kind: 'region', x, y, width, height };
}

function chosenArea(args: ParsedArgs): Area | undefined {
  const areas: Area[] = [];
  const region = option(args, 'region');
  if (region !== undefined) areas.push(parseRegion(region));
  const monitor = option(args, 'monitor');
  if (monitor !== undefined) {
    if (!/^\d+$/.test(monitor.trim())) throw new UsageError(`--monitor takes a monitor number from \`shotput capture --list\` (0 is the first); got "${monitor}".`);
    areas.push({ kind: 'monitor', index: Number(monitor) });
  }
  const window = option(args, 'window');
  if (window !== undefined) {
    if (!/^(active|[\w:.-]{1,100})$/.test(window)) throw new UsageError(`--window takes "active" or a window id from \`shotput capture --list\`; got "${window}".`);
    areas.push({ kind: 'window', id: window });
  }
  if (args.flags.has('all')) areas.push({ kind: 'all' });
  if (args.flags.has('list')) areas.push({ kind: 'list' });
  if (areas.length > 1) throw new UsageError('Give one of --region, --monitor, --window, --all or --list, not several.');
  return areas[0];
}

function delaySeconds(args: ParsedArgs): number {
  const text = option(args, 'delay');
  if (text === undefined) return 0;
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_DELAY_SECONDS) {
    throw new UsageError(`--delay takes seconds from 0 to ${MAX_DELAY_SECONDS}, for example --delay 3; got "${text}".`);
  }
  return seconds;
}

/** Counts down on stderr in whole seconds; a fraction (2.5 s) is waited first, silently. */
async function countDown(ctx: CliContext, seconds: number): Promise<void> {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const whole = Math.floor(seconds);
  await sleep((seconds - whole) * 1000);
  for (let left = whole; left >= 1; left--) {
    ctx.io.stderr(ctx.io.stderrIsTTY ? `\rCapturing in ${left}… ` : `Capturing in ${left}…\n`);
    await sleep(1000);
  }
  if (whole > 0 && ctx.io.stderrIsTTY) ctx.io.stderr('\r\x1b[K');
}

async function take(core: Core, area: Exclude<Area, { kind: 'list' }>): Promise<RawImage> {
  switch (area.kind) {
    case 'region':
      return core.capture.captureRegion(area);
    case 'monitor':
      return core.capture.captureMonitor(area.index);
    case 'window':
      return core.capture.captureWindow(area.id);
    case 'all':
      return core.capture.captureAll();
  }
}

function timestampName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `Screenshot ${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}.${pad(date.getMinutes())}.${pad(date.getSeconds())}`;
}

/** Runs the captured bitmap through the pipeline once (crop already done on the raw pixels). */
function encode(core: Core, image: RawImage, path: string): Promise<ProcessResult> {
  const settings = pipelineOptionsFromSettings(core.settings);
  const byName = formatFromExtension(path);
  const format = byName && byName !== 'gif' ? byName : 'png';
  return processImage(
    { kind: 'raw', data: image.data, width: image.width, height: image.height, order: 'rgba', scaleFactor: image.scaleFactor, name: 'the screenshot' },
    { ...settings, format, out: { path } },
  );
}

/** When the app is running, ask it to open the region overlay (a desktop shortcut on Wayland works this way). */
async function askAppForOverlay(ctx: CliContext, delay: number): Promise<number> {
  if (option(ctx.args, 'output') !== undefined || ctx.args.flags.has('upload')) {
    throw new UsageError('--output and --upload need an area (--region, --monitor, --window or --all); the region overlay uses the app\'s after-capture settings.');
  }
  const reply = await sendUiRequest(ctx.profileDir, { v: 1, action: 'capture.region', ...(delay > 0 ? { delaySeconds: delay } : {}) });
  if (reply === null) {
    ctx.io.stderr(
      'shotput capture: the Shotput app is not running, so there is no region overlay to open. Start the app, or capture without it: shotput capture --region X,Y,W,H (see --list) or shotput capture --all.\n',
    );
    return 1;
  }
  if (!reply.ok) {
    ctx.io.stderr(`shotput capture: the app could not open the region overlay: ${reply.error.message}\n`);
    return 1;
  }
  if (ctx.args.flags.has('json')) ctx.io.stdout(`${JSON.stringify({ ok: true, overlay: 'opened' })}\n`);
  else ctx.io.stderr('The region overlay is open in the Shotput app.\n');
  return 0;
}

export const captureCommand: CliCommand = {
  name: 'capture',
  usage: USAGE,
  summary:
    'take a screenshot: a region (physical pixels of the whole screen), a monitor, a window or everything; save it (--output, format from the extension) and/or upload it and print the link. --list shows displays, windows and the capture source. With no area, asks the running app to open the region overlay.',
  async run(ctx) {
    const { args, io } = ctx;
    rejectUnknown(args);
    const area = chosenArea(args);
    const delay = delaySeconds(args);
    if (!area) return askAppForOverlay(ctx, delay);
    const core = await ctx.core();
    if (area.kind === 'list') return printCaptureList(ctx, core.capture);

    await countDown(ctx, delay);
    const image = await take(core, area);
    const output = option(args, 'output');
    const upload = args.flags.has('upload');
    const scratch = output === undefined && upload ? await mkdtemp(join(tmpdir(), 'shotput-capture-')) : undefined;
    try {
      const path = output !== undefined ? resolve(io.cwd, output) : join(scratch ?? io.cwd, `${timestampName(new Date())}.png`);
      const result = await encode(core, image, path);
      if (upload) return await uploadAndPrint(ctx, [result.path]);
      if (args.flags.has('json')) {
        io.stdout(`${JSON.stringify({ ok: true, path: result.path, format: result.format, width: result.width, height: result.height, bytes: result.bytes, x: image.x, y: image.y })}\n`);
      } else io.stdout(`${result.path}\n`);
      if (!args.flags.has('json')) io.stderr(`Saved a ${result.width}×${result.height} ${FORMAT_INFO[result.format].label} screenshot.\n`);
      return 0;
    } finally {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    }
  },
};
