import { randomUUID } from 'node:crypto';
import type { RawImage } from '../capture/geometry.js';

export const CAPTURE_FRAME_PATH = '/capture/';

/**
 * Frozen frames an open overlay shows, by unguessable token, served as raw RGBA at
 * app://shotput/capture/<token> while the overlay is open and forgotten when it closes.
 */
export class FrameStore {
  private readonly frames = new Map<string, RawImage>();

  constructor(private readonly origin: string) {}

  put(image: RawImage): string {
    const token = randomUUID();
    this.frames.set(token, image);
    return `${this.origin}${CAPTURE_FRAME_PATH}${token}`;
  }

  /** The frame for a request path such as /capture/<token>, or undefined. */
  lookup(pathname: string): RawImage | undefined {
    if (!pathname.startsWith(CAPTURE_FRAME_PATH)) return undefined;
    return this.frames.get(pathname.slice(CAPTURE_FRAME_PATH.length));
  }

  clear(): void {
    this.frames.clear();
  }
}
