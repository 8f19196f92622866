import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processImage } from '../../../electron/core/pipeline/index.js';
import { colourDistance, fromRaw, paint, pixelAt, rgba, write } from '../../support/images.js';
import { tempProfile } from '../../support/profile.js';

const RED = [220, 30, 30];
const GREEN = [30, 200, 60];
const BLUE = [30, 60, 220];
const WHITE = [250, 250, 250];
const WIDTH = 96;
const HEIGHT = 64;

/** The upright picture: four quadrants in different colours, wider than tall. */
const upright = (x: number, y: number) => (y < HEIGHT / 2 ? (x < WIDTH / 2 ? RED : GREEN) : x < WIDTH / 2 ? BLUE : WHITE);

/**
 * Where a stored pixel (x, y) of a w×h image appears once a viewer applies EXIF orientation n,
 * as the EXIF specification defines the eight values.
 */
function displayed(n: number, x: number, y: number, w: number, h: number): [number, number] {
  switch (n) {
    case 2: return [w - 1 - x, y];
    case 3: return [w - 1 - x, h - 1 - y];
    case 4: return [x, h - 1 - y];
    case 5: return [y, x];
    case 6: return [h - 1 - y, x];
    case 7: return [h - 1 - y, w - 1 - x];
    case 8: return [y, w - 1 - x];
    default: return [x, y];
  }
}

/** A JPEG whose stored pixels are turned so that orientation `n` shows the upright picture. */
async function orientedJpeg(n: number, exif: Record<string, Record<string, string>>): Promise<Buffer> {
  const turned = n >= 5;
  const [w, h] = turned ? [HEIGHT, WIDTH] : [WIDTH, HEIGHT];
  const stored = paint(w, h, (x, y) => upright(...displayed(n, x, y, w, h)));
  // sharp writes the Orientation tag itself, from withMetadata.
  return fromRaw(stored, w, h).withExif(exif).withMetadata({ orientation: n }).jpeg({ quality: 95 }).toBuffer();
}

const GPS = {
  IFD0: { Make: 'Shotput Test Camera', Model: 'Model 1' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 4000/100' },
};

function expectUpright(image: { data: Buffer; width: number; height: number }) {
  expect([image.width, image.height]).toEqual([WIDTH, HEIGHT]);
  const probes: Array<[number, number, number[]]> = [
    [WIDTH / 4, HEIGHT / 4, RED],
    [(3 * WIDTH) / 4, HEIGHT / 4, GREEN],
    [WIDTH / 4, (3 * HEIGHT) / 4, BLUE],
    [(3 * WIDTH) / 4, (3 * HEIGHT) / 4, WHITE],
  ];
  for (const [x, y, colour] of probes) expect(colourDistance(pixelAt(image, x, y), colour), `at ${x},${y}`).toBeLessThan(24);
}

describe('EXIF orientation and metadata', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i comes out upright, with no EXIF left', async (n) => {
    const dir = await tempProfile();
    const source = await orientedJpeg(n, GPS);
    expect((await sharp(source).metadata()).orientation).toBe(n);
    const path = await write(dir, `o${n}.jpg`, source);
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const result = await processImage({ kind: 'file', path }, { out: { dir, name: `out-${n}` }, format });
      expect([result.width, result.height]).toEqual([WIDTH, HEIGHT]);
      const meta = await sharp(result.path).metadata();
      expect(meta.exif, `${format} keeps no EXIF`).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expectUpright(await rgba(result.path));
    }
  });

  it('strips EXIF with GPS, XMP and PNG text by default, in every format', async () => {
    const dir = await tempProfile();
    const withEverything = await fromRaw(paint(40, 30, upright), 40, 30)
      .withExif(GPS)
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>Secret place</rdf:Description></rdf:RDF></x:xmpmeta>')
      .jpeg()
      .toBuffer();
    const path = await write(dir, 'camera.jpg', withEverything);
    expect((await sharp(path).metadata()).exif?.includes('Shotput Test Camera')).toBe(true);
    for (const format of ['png', 'jpeg', 'webp', 'avif'] as const) {
      const result = await processImage({ kind: 'file', path }, { out: { dir, name: `clean-${format}` }, format });
      const bytes = await readFile(result.path);
      const meta = await sharp(bytes).metadata();
      expect([meta.exif, meta.xmp, meta.iptc], format).toEqual([undefined, undefined, undefined]);
      expect(bytes.includes('Shotput Test Camera'), format).toBe(false);
      expect(bytes.includes('Secret place'), format).toBe(false);
    }
  });

  it('keeps EXIF, GPS included, only when asked, still upright', async () => {
    const dir = await tempProfile();
    const path = await write(dir, 'o6.jpg', await orientedJpeg(6, GPS));
    const result = await processImage({ kind: 'file', path }, { out: { dir, name: 'kept' }, format: 'jpeg', keepMetadata: true });
    const meta = await sharp(result.path).metadata();
    expect(meta.exif?.includes('Shotput Test Camera')).toBe(true);
    expect(meta.exif?.includes('GPS') || meta.exif?.includes(Buffer.from([0x88, 0x25])) || meta.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(meta.orientation ?? 1).toBe(1);
    expectUpright(await rgba(result.path));
  });
});
