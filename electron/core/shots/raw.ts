import sharp from 'sharp';
import { ShotputError } from '../errors.js';
import type { RawImage, Rect } from './capture-api.js';

/** The part of `image` inside `rect` (physical virtual-screen pixels), copied row by row from the raw bitmap. */
export function cropRaw(image: RawImage, rect: Rect): RawImage {
  const left = Math.max(rect.x, image.x);
  const top = Math.max(rect.y, image.y);
  const right = Math.min(rect.x + rect.width, image.x + image.width);
  const bottom = Math.min(rect.y + rect.height, image.y + image.height);
  if (right <= left || bottom <= top) {
    throw new ShotputError('region_outside', `The region ${rect.width}×${rect.height} at ${rect.x},${rect.y} is not on the captured screen.`);
  }
  const width = right - left;
  const height = bottom - top;
  const data = Buffer.allocUnsafe(width * height * 4);
  const rowBytes = width * 4;
  for (let row = 0; row < height; row++) {
    const from = ((top - image.y + row) * image.width + (left - image.x)) * 4;
    image.data.copy(data, row * rowBytes, from, from + rowBytes);
  }
  return { data, width, height, x: left, y: top, scaleFactor: image.scaleFactor };
}

/** Displays side by side (or in any layout) as one bitmap of their bounding box; gaps stay transparent. */
export function stitchRaw(images: RawImage[]): RawImage {
  if (images.length === 1) return images[0]!;
  const x = Math.min(...images.map((i) => i.x));
  const y = Math.min(...images.map((i) => i.y));
  const width = Math.max(...images.map((i) => i.x + i.width)) - x;
  const height = Math.max(...images.map((i) => i.y + i.height)) - y;
  const data = Buffer.alloc(width * height * 4);
  for (const image of images) {
    for (let row = 0; row < image.height; row++) {
      image.data.copy(data, ((image.y - y + row) * width + (image.x - x)) * 4, row * image.width * 4, (row + 1) * image.width * 4);
    }
  }
  return { data, width, height, x, y, scaleFactor: Math.max(...images.map((i) => i.scaleFactor)) };
}

/** The one encode of a capture: raw RGBA to PNG, with the display's density recorded. */
export function encodePng(image: RawImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .withMetadata({ density: Math.round(72 * image.scaleFactor) })
    .png({ compressionLevel: 6 })
    .toBuffer();
}
