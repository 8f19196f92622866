import { describe, expect, it } from 'vitest';
import { analysePixels } from '../../../electron/core/pipeline/analyse.js';

/** 1024×600 RGBA (several slices of the scan): 300 colours in the first row, then one flat colour. */
function manyColours(): Buffer {
  const data = Buffer.alloc(1024 * 600 * 4, 0x80);
  for (let x = 0; x < 300; x++) data.set([x & 0xff, x >> 8, 7, 255], x * 4);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return data;
}

describe('the pixel facts that decide a PNG encoding', () => {
  it('past 256 colours still finds one see-through pixel in the last slice, and none where there is none', async () => {
    const opaque = manyColours();
    expect(await analysePixels({ data: opaque, width: 1024, height: 600, channels: 4, frames: 1 })).toEqual({ opaque: true });
    const hole = manyColours();
    hole[hole.length - 1] = 254;
    expect(await analysePixels({ data: hole, width: 1024, height: 600, channels: 4, frames: 1 })).toEqual({ opaque: false });
  });

  it('counts the colours of a flat picture exactly, and says a fully transparent one is not opaque', async () => {
    const two = Buffer.alloc(64 * 64 * 4);
    for (let i = 0; i < two.length; i += 4) two.set(i < two.length / 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], i);
    expect(await analysePixels({ data: two, width: 64, height: 64, channels: 4, frames: 1 })).toEqual({ opaque: true, colours: 2 });
    expect(await analysePixels({ data: Buffer.alloc(16 * 16 * 4), width: 16, height: 16, channels: 4, frames: 1 })).toEqual({ opaque: false, colours: 1 });
  });
});
