import { describe, expect, it } from 'vitest';
import { fitChoiceFromSettings, pipelineOptionsFromSettings, PIPELINE_DEFAULTS } from '../../../electron/core/pipeline/index.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';

describe('pipeline settings', () => {
  it('are part of every core, with safe defaults: metadata stripped, bombs refused', async () => {
    const core = await openTestCore(await tempProfile());
    const section = core.settings.describe().find((s) => s.id === 'pipeline');
    expect(section?.fields.map((f) => f.key)).toEqual([
      'pipeline.format',
      'pipeline.jpegQuality',
      'pipeline.webpQuality',
      'pipeline.avifQuality',
      'pipeline.maxWidth',
      'pipeline.maxHeight',
      'pipeline.pixelLimit',
      'pipeline.keepMetadata',
      'pipeline.fitToLimit',
    ]);
    // An image over the uploader's limit is made to fit by default (lower quality), not refused.
    expect(fitChoiceFromSettings(core.settings)).toBe('quality');
    await expect(core.settings.setFromText('pipeline.fitToLimit', 'shrink')).rejects.toThrow('must be one of: quality, size, lossless, refuse');
    expect(pipelineOptionsFromSettings(core.settings)).toEqual({
      format: 'auto',
      quality: { jpeg: 85, webp: 80, avif: 50 },
      maxWidth: 0,
      maxHeight: 0,
      pixelLimit: 40_000_000,
      keepMetadata: false,
    });
    expect(PIPELINE_DEFAULTS.pixelLimit).toBe(40_000_000);
  });

  it('carry what the user saved, and refuse values that make no sense', async () => {
    const dir = await tempProfile();
    const core = await openTestCore(dir);
    await core.settings.setFromText('pipeline.format', 'webp');
    await core.settings.setFromText('pipeline.maxWidth', '1920');
    await core.settings.setFromText('pipeline.pixelLimit', '60');
    await core.settings.setFromText('pipeline.keepMetadata', 'yes');
    await expect(core.settings.setFromText('pipeline.format', 'bmp')).rejects.toThrow('must be one of: auto, png, jpeg, webp, avif');
    await expect(core.settings.setFromText('pipeline.jpegQuality', '0')).rejects.toThrow('between 1 and 100');
    const reopened = await openTestCore(dir);
    expect(pipelineOptionsFromSettings(reopened.settings)).toMatchObject({ format: 'webp', maxWidth: 1920, pixelLimit: 60_000_000, keepMetadata: true });
  });
});
