import sharp from 'sharp';

/**
 * A real PNG of about width × height × 3 bytes: noise, stored without compression, so its size
 * is predictable and any decoder accepts it.
 */
export async function writeNoisePng(path: string, width: number, height: number): Promise<number> {
  const info = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png({ compressionLevel: 0 })
    .toFile(path);
  return info.size;
}
