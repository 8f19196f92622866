import type { RawImage } from '../capture/geometry.js';

/** The one encode of a capture for the clipboard, a saved file or a notification: raw RGBA to PNG. */
export async function encodePng(image: RawImage): Promise<Buffer> {
  // Loaded here, not when the core opens: commands that never encode a capture never pay for sharp.
  const { default: sharp } = await import('sharp');
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .withMetadata({ density: Math.round(72 * image.scaleFactor) })
    .png({ compressionLevel: 6 })
    .toBuffer();
}
