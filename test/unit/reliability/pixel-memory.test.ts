import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { tempProfile } from '../../support/profile.js';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small PNG file whose header says 9999×9999: the size that took 1.34 GB to decode. */
function hugePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(9999, 0);
  ihdr.writeUInt32BE(9999, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(30_001))), chunk('IEND', Buffer.alloc(0))]);
}

describe('pixel work has a memory cap', () => {
  it('refuses a 9999×9999 PNG before decoding it, naming the limit and the setting', async () => {
    const profile = await tempProfile();
    const path = join(profile, 'huge.png');
    await writeFile(path, hugePng());
    const before = process.memoryUsage.rss();
    const run = await cli(profile, '--set', 'uploaders.imge.apiKey=K', '--set', 'uploaders.imge.baseUrl=http://127.0.0.1:9', 'upload', path, '--json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(result.error.code).toBe('image_too_many_pixels');
    expect(result.error.message).toMatch(/9999×9999 pixels \([\d.,]+ megapixels\), more than the 40 megapixels Shotput opens/);
    expect(result.error.message).toContain('pipeline.pixelLimit');
    expect(process.memoryUsage.rss() - before).toBeLessThan(500 * 1024 * 1024);
  });
});
