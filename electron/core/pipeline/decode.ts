import type { Metadata, Sharp, SharpOptions } from 'sharp';
import { sharpLib } from './sharp-lib.js';
import { ImageError, ImageErrorCode, damaged, decoderProblem, isSharpTimeout, megapixels, tooManyPixels, truncated } from './errors.js';
import { runToPixels, type Pixels } from './pixels.js';
import type { EncodedSource } from './source.js';
import type { Size, Stage } from './stages.js';

/** What the header says, read without decoding a pixel. */
export interface SourceInfo {
  /** Upright size (EXIF orientation applied) of one frame. */
  width: number;
  height: number;
  frames: number;
  orientation: number;
  /** Pixels per inch, when the file says. */
  density?: number;
  delay?: number[];
  loop?: number;
}

export interface DecodeLimits {
  /** Most pixels (width × height × frames decoded) an input may have. */
  pixelLimit: number;
  /** libvips stops a pipeline running longer than this. */
  timeoutSeconds: number;
}

/** libvips' strictness: 'error' refuses damaged data but tolerates harmless warnings. */
const FAIL_ON = 'error' as const;

function decoderOptions(limits: DecodeLimits, animated: boolean): SharpOptions {
  return { failOn: FAIL_ON, limitInputPixels: limits.pixelLimit, autoOrient: true, animated };
}

/** True when the file ends before its format's end marker: cut short rather than damaged. */
async function endsEarly(source: EncodedSource): Promise<boolean> {
  const { size, read } = source;
  switch (source.format) {
    case 'png':
      return !(await read(Math.max(0, size - 12), 12)).includes('IEND', 0, 'latin1');
    case 'jpeg': {
      const tail = await read(Math.max(0, size - 2), 2);
      return !(tail[0] === 0xff && tail[1] === 0xd9);
    }
    case 'gif':
      return (await read(size - 1, 1))[0] !== 0x3b;
    case 'webp': {
      const head = await read(0, 12);
      return head.length < 12 || head.readUInt32LE(4) + 8 > size;
    }
    case 'avif': {
      // Walk the top-level boxes: one reaching past the end means the file was cut.
      let offset = 0;
      for (let boxes = 0; offset < size && boxes < 64; boxes++) {
        const header = await read(offset, 16);
        if (header.length < 8) return true;
        let length = header.readUInt32BE(0);
        if (length === 1 && header.length >= 16) length = Number(header.readBigUInt64BE(8));
        else if (length === 0) return false;
        if (length < 8) return false;
        offset += length;
      }
      return offset > size;
    }
    case 'tiff':
      return false;
  }
}

/** Turns a libvips failure into a message about the file. */
export async function explainFailure(source: EncodedSource, err: unknown, limits: DecodeLimits): Promise<ImageError> {
  if (err instanceof ImageError) return err;
  if (isSharpTimeout(err)) {
    return new ImageError(
      ImageErrorCode.timeout,
      source.name,
      `Processing ${source.name} took longer than ${limits.timeoutSeconds} seconds and was stopped. The file may be damaged; try another.`,
      { cause: err },
    );
  }
  if (err instanceof Error && /pixel limit/i.test(err.message)) {
    return new ImageError(
      ImageErrorCode.tooManyPixels,
      source.name,
      `${source.name} has more pixels than the ${megapixels(limits.pixelLimit)} Shotput opens, so it was not decoded. If you trust it, raise pipeline.pixelLimit in Settings.`,
      { cause: err },
    );
  }
  if (await endsEarly(source).catch(() => false)) return truncated(source.name, err);
  return damaged(source.name, decoderProblem(err), err);
}

/**
 * Reads the header only and refuses images over the pixel limit, so a decompression bomb is
 * turned away before a pixel of it is decoded.
 */
export async function inspect(source: EncodedSource, limits: DecodeLimits): Promise<SourceInfo> {
  let meta: Metadata;
  try {
    meta = await sharpLib()(source.input, { failOn: FAIL_ON, limitInputPixels: false }).metadata();
  } catch (err) {
    throw await explainFailure(source, err, limits);
  }
  const frames = Math.max(1, meta.pages ?? 1);
  const frameHeight = meta.pageHeight ?? meta.height;
  if (!meta.width || !frameHeight) throw damaged(source.name, 'its header gives no size');
  if (meta.width * frameHeight > limits.pixelLimit) throw tooManyPixels(source.name, meta.width, frameHeight, limits.pixelLimit);
  const orientation = meta.orientation ?? 1;
  const turned = orientation >= 5 && orientation <= 8;
  return {
    width: turned ? frameHeight : meta.width,
    height: turned ? meta.width : frameHeight,
    frames,
    orientation,
    density: meta.density,
    delay: meta.delay,
    loop: meta.loop,
  };
}

/** The decode stage: an upright, strictly checked pipeline over the source. */
export function openDecoder(source: EncodedSource, info: SourceInfo, limits: DecodeLimits, animated: boolean): Sharp {
  if (animated && info.width * info.height * info.frames > limits.pixelLimit) {
    throw tooManyPixels(source.name, info.width, info.height, limits.pixelLimit, info.frames);
  }
  return sharpLib()(source.input, decoderOptions(limits, animated)).timeout({ seconds: limits.timeoutSeconds });
}

/** Decodes an encoded source through the stages; failures are explained in terms of the file. */
export async function decodeToPixels(
  source: EncodedSource,
  info: SourceInfo,
  stages: Stage[],
  expected: Size,
  limits: DecodeLimits,
  animated: boolean,
): Promise<Pixels> {
  try {
    const pipeline = stages.reduce((image, stage) => stage(image), openDecoder(source, info, limits, animated));
    return await runToPixels(pipeline, expected, animated, info);
  } catch (err) {
    throw await explainFailure(source, err, limits);
  }
}
