import { resolve } from 'node:path';
import { formatBytes } from '../../../shared/format.js';
import { toUserError } from '../../core/errors.js';
import {
  FORMAT_INFO,
  formatFromExtension,
  isOutputFormat,
  pipelineOptionsFromSettings,
  processImage,
  type FormatChoice,
  type ProcessResult,
} from '../../core/pipeline/index.js';
import { option, UsageError, type ParsedArgs } from '../args.js';
import type { CliCommand } from '../context.js';

const USAGE = 'process <file> --out <file> [--format png|jpeg|webp|avif] [--max-width N] [--max-height N] [--quality Q] [--json]';

function wholeNumber(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const text = option(args, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}; got "${text}".`);
  }
  return Number(text);
}

/** --format, else the format --out's extension names, else the pipeline.format setting. */
function requestedFormat(args: ParsedArgs, out: string): FormatChoice | undefined {
  const flag = option(args, 'format')?.toLowerCase();
  if (flag !== undefined && flag !== 'auto' && !isOutputFormat(flag)) {
    throw new UsageError(`--format takes png, jpeg, webp, avif or auto; got "${flag}".`);
  }
  const byName = formatFromExtension(out);
  const fromName = byName && byName !== 'gif' ? byName : undefined;
  if (flag && flag !== 'auto' && fromName && flag !== fromName) {
    throw new UsageError(`--out ${out} names a ${FORMAT_INFO[fromName].label} file but --format is ${flag}. Make them agree.`);
  }
  return (flag as FormatChoice | undefined) ?? fromName;
}

function summary(result: ProcessResult): string {
  const frames = result.frames > 1 ? `, ${result.frames} frames` : '';
  return `Wrote ${result.path}: ${FORMAT_INFO[result.format].label}, ${result.width}×${result.height}${frames}, ${formatBytes(result.bytes)}.\n`;
}

export const processCommand: CliCommand = {
  name: 'process',
  usage: USAGE,
  summary:
    'run the image pipeline on one file without uploading: orient, resize, strip metadata (unless pipeline.keepMetadata), encode. --out\'s extension picks the format when --format is not given.',
  async run(ctx) {
    const { args, io } = ctx;
    const [input, ...extra] = args.positionals;
    if (input === undefined) throw new UsageError(`Usage: shotput ${USAGE}`);
    if (extra.length > 0) throw new UsageError(`process takes one file; got ${args.positionals.length}. Run it once per file.`);
    const out = option(args, 'out');
    if (!out) throw new UsageError('process needs --out <file>: where to write the result.');
    const format = requestedFormat(args, out);
    const maxWidth = wholeNumber(args, 'max-width', 0, 65535);
    const maxHeight = wholeNumber(args, 'max-height', 0, 65535);
    const quality = wholeNumber(args, 'quality', 1, 100);
    if (quality !== undefined && format === 'png') {
      throw new UsageError('PNG is lossless, so --quality does not apply to it; it applies to jpeg, webp and avif.');
    }

    const core = await ctx.core();
    const settings = pipelineOptionsFromSettings(core.settings);
    const json = args.flags.has('json');
    try {
      const result = await processImage(
        { kind: 'file', path: resolve(io.cwd, input), name: input },
        {
          ...settings,
          out: { path: resolve(io.cwd, out) },
          format: format ?? settings.format,
          maxWidth: maxWidth ?? settings.maxWidth,
          maxHeight: maxHeight ?? settings.maxHeight,
          quality: quality === undefined ? settings.quality : { jpeg: quality, webp: quality, avif: quality },
        },
      );
      io.stdout(json ? `${JSON.stringify({ ok: true, input, ...result })}\n` : summary(result));
      return 0;
    } catch (err) {
      if (!json) throw err;
      io.stdout(`${JSON.stringify({ ok: false, input, error: toUserError(err) })}\n`);
      return 1;
    }
  },
};
