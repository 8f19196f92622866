/**
 * A prepared image over the uploader's size limit, before any byte is sent: made to fit the way
 * the user chose (`pipeline.fitToLimit`), with a note saying what was done, or refused at once
 * naming the limit. A refusal is never retried: the same file can never pass.
 */
import { rm } from 'node:fs/promises';
import { formatBytes } from '../../../shared/format.js';
import type { SettingValue } from '../../../shared/settings/fields.js';
import { FORMAT_INFO, fitChoiceFromSettings, fitToLimit, type FitChoice, type FitStep, type JobOptions, type ProcessResult } from '../pipeline/index.js';
import { sizeLimitOf, tooBigError } from '../uploaders/admission.js';
import type { UploaderDescriptor } from '../uploaders/types.js';

type Settings = { get(key: string): SettingValue };

const WHERE = 'Settings → Image processing → "Images over the uploader\'s size limit"';

function describeStep(step: FitStep): string {
  switch (step.kind) {
    case 'lossless':
      return `Recompressed without loss as a smaller ${FORMAT_INFO[step.format].label}`;
    case 'quality':
      return `Re-encoded as ${FORMAT_INFO[step.format].label} quality ${step.quality}`;
    case 'size':
      return `Scaled down to ${step.width}×${step.height} (${step.percent}%)`;
  }
}

function bestTried(step: FitStep): string {
  switch (step.kind) {
    case 'lossless':
      return 'recompressed without loss';
    case 'quality':
      return `as ${FORMAT_INFO[step.format].label} quality ${step.quality}`;
    case 'size':
      return `scaled down to ${step.width}×${step.height} (${step.percent}%)`;
  }
}

function cannotFit(choice: Exclude<FitChoice, 'refuse'>, closest: { step: FitStep; bytes: number } | undefined): string {
  const otherWays =
    choice === 'size'
      ? `set ${WHERE} to lower the quality`
      : choice === 'quality'
        ? `set ${WHERE} to scale images down`
        : `choose a lossy way in ${WHERE}`;
  const best = closest
    ? `Even ${bestTried(closest.step)} it is ${formatBytes(closest.bytes)}.`
    : 'It cannot be made smaller here (an animation, or no format the host takes allows it).';
  return `${best} Make it smaller yourself, ${otherWays}, or choose another uploader.`;
}

/**
 * Resolves the prepared result unchanged when it fits; else the fitted result and a note. Rejects
 * with `too_big` when the setting says refuse or nothing fits.
 */
export async function fitPreparedImage(
  prepared: ProcessResult,
  context: { name: string; stem: string; jobDir: string; descriptor: UploaderDescriptor; settings: Settings; options: JobOptions },
): Promise<{ result: ProcessResult; note?: string }> {
  const { descriptor, settings, name } = context;
  const limit = sizeLimitOf(descriptor, settings);
  if (prepared.bytes <= limit) return { result: prepared };
  const choice = fitChoiceFromSettings(settings);
  if (choice === 'refuse') {
    throw tooBigError(descriptor, name, prepared.bytes, `${WHERE} is set to refuse larger images; choose a way to make them fit there, or choose another uploader.`, limit);
  }
  const outcome = await fitToLimit({ kind: 'file', path: prepared.path, name }, {
    ...context.options,
    maxBytes: limit,
    ladder: choice,
    out: { dir: context.jobDir, name: context.stem },
  });
  if (!outcome.fitted) throw tooBigError(descriptor, name, prepared.bytes, cannotFit(choice, outcome.closest), limit);
  const { result, step } = outcome;
  if (result.path !== prepared.path) await rm(prepared.path, { force: true });
  const note = `${describeStep(step)} to fit ${descriptor.label}'s ${formatBytes(limit)} limit (${formatBytes(prepared.bytes)} → ${formatBytes(result.bytes)}).`;
  return { result, note };
}
