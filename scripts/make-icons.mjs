#!/usr/bin/env node
// Renders build/icon.svg to the PNGs electron-builder and the tray use. Run after editing the SVG;
// the PNGs are committed so a build needs no extra tools.
import sharp from 'sharp';
import { readFile } from 'node:fs/promises';

const svg = await readFile('build/icon.svg');
const render = (size, out) => sharp(svg, { density: Math.ceil((72 * size) / 512) }).resize(size, size).png({ compressionLevel: 9 }).toFile(out);
await render(1024, 'build/icon.png');
for (const size of [16, 32, 48, 64, 128, 256, 512]) await render(size, `build/icons/${size}x${size}.png`);
await render(64, 'renderer/public/icon.png');
