import { describe, expect, it } from 'vitest';
import { blur, cropImage, pixelate, redactFill, type RgbaImage } from '../../../shared/editor/redaction.js';

/** A 20×10 image whose every pixel has a distinct colour, so a surviving original is recognisable. */
function distinctImage(width = 20, height = 10): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([i % 256, (i * 7) % 256, (i * 13) % 256, 255], i * 4);
  return { data, width, height };
}

const pixel = (img: RgbaImage, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

describe('redaction', () => {
  it('a solid redact leaves only the fill colour in the area, and nothing outside changes', () => {
    const img = distinctImage();
    const before = distinctImage();
    redactFill(img, { x: 2.5, y: 1, width: 5, height: 3 }, [0, 0, 0]);
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const inside = x >= 2 && x < 8 && y >= 1 && y < 4;
        expect(pixel(img, x, y)).toEqual(inside ? [0, 0, 0, 255] : pixel(before, x, y));
      }
    }
  });

  it('pixelate leaves one averaged colour per block and no original pixel', () => {
    const img = distinctImage();
    const before = distinctImage();
    pixelate(img, { x: 0, y: 0, width: 8, height: 8 }, 4);
    const block = pixel(img, 0, 0);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) expect(pixel(img, x, y)).toEqual(block);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) expect(pixel(img, x, y)).not.toEqual(pixel(before, x, y));
    expect(pixel(img, 9, 9)).toEqual(pixel(before, 9, 9));
  });

  it('blur smooths the area: a lone bright pixel spreads out and loses most of its value', () => {
    const data = new Uint8ClampedArray(9 * 9 * 4);
    for (let i = 0; i < 81; i++) data.set([0, 0, 0, 255], i * 4);
    data.set([255, 255, 255, 255], (4 * 9 + 4) * 4);
    const img = { data, width: 9, height: 9 };
    blur(img, { x: 0, y: 0, width: 9, height: 9 }, 2);
    expect(pixel(img, 4, 4)[0]).toBeLessThan(60);
    expect(pixel(img, 3, 4)[0]).toBeGreaterThan(0);
  });

  it('crops whole pixels and refuses a crop outside the image', () => {
    const img = distinctImage();
    const part = cropImage(img, { x: 3, y: 2, width: 4, height: 5 });
    expect([part.width, part.height]).toEqual([4, 5]);
    expect(pixel(part, 0, 0)).toEqual(pixel(img, 3, 2));
    expect(() => cropImage(img, { x: 50, y: 50, width: 4, height: 4 })).toThrow(/outside/);
  });
});
