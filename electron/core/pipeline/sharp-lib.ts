import { createRequire } from 'node:module';
import type SharpModule from 'sharp';

type SharpFactory = typeof SharpModule;

const requireHere = createRequire(import.meta.url);
let loaded: SharpFactory | undefined;

/**
 * sharp, loaded on first use. Loading it (libvips and its JavaScript) takes about 50 ms, and the
 * modules that call it share a bundle chunk with helpers every command needs, so a static import
 * would make `shotput upload` of a file that passes through unchanged pay for a decoder it never uses.
 */
export function sharpLib(): SharpFactory {
  return (loaded ??= requireHere('sharp') as SharpFactory);
}

/**
 * Loads sharp now. The app calls this once it has started, so the first capture does not pay
 * for loading the encoder; commands that may never encode leave it to the first call.
 */
export function loadImageCodec(): void {
  sharpLib();
}
