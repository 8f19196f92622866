import { explainFailure, inspect, openDecoder, type DecodeLimits } from './decode.js';
import { PIPELINE_DEFAULTS } from './options.js';
import { openSource, type ImageInput } from './source.js';

export interface RgbaPixels {
  data: Buffer;
  width: number;
  height: number;
}

const DEFAULT_LIMITS: DecodeLimits = { pixelLimit: PIPELINE_DEFAULTS.pixelLimit, timeoutSeconds: PIPELINE_DEFAULTS.timeoutSeconds };

/**
 * An image file or encoded bytes as upright RGBA pixels (first frame), with the pipeline's
 * checks and its messages for a file it cannot read: what the editor opens.
 */
export async function decodeToRgba(input: Exclude<ImageInput, { kind: 'raw' }>, limits: DecodeLimits = DEFAULT_LIMITS): Promise<RgbaPixels> {
  const source = await openSource(input, limits.pixelLimit);
  if (source.kind !== 'encoded') throw new Error('decodeToRgba reads encoded images only');
  const info = await inspect(source, limits);
  try {
    const { data, info: out } = await openDecoder(source, info, limits, false).toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: out.width, height: out.height };
  } catch (err) {
    throw await explainFailure(source, err, limits);
  }
}
