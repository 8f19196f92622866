import sharp from 'sharp';
import type { RawImage } from '../capture/geometry.js';

/** The one encode of a capture for the clipboard, a saved file or a notification: raw RGBA to PNG. */
export function encodePng(image: RawImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .withMetadata({ density: Math.round(72 * image.scaleFactor) })
    .png({ compressionLevel: 6 })
    .toBuffer();
}
