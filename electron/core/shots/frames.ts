import { randomUUID } from 'node:crypto';
import type { RawImage } from '../capture/geometry.js';

/** Raw RGBA pixels to serve: a capture, or the image an editor opened on. */
export type FrameImage = Pick<RawImage, 'data' | 'width' | 'height'>;

export const CAPTURE_FRAME_PATH = '/capture/';
/** Where an open editor's image is served: relative, so the page fetches it from its own origin. */
export const EDITOR_FRAME_PATH = '/editor-frame/';

/**
 * Frozen frames an open overlay shows, by unguessable token, served as raw RGBA at
 * app://shotput/capture/<token> while the overlay is open and forgotten when it closes.
 */
export class FrameStore {
  private readonly frames = new Map<string, FrameImage>();

  constructor(
    private readonly origin: string,
    private readonly path = CAPTURE_FRAME_PATH,
  ) {}

  put(image: FrameImage): string {
    const token = randomUUID();
    this.frames.set(token, image);
    return `${this.origin}${this.path}${token}`;
  }

  /** Whether a request path is one of this store's (served or not). */
  owns(pathname: string): boolean {
    return pathname.startsWith(this.path);
  }

  /** The frame for a request path such as /capture/<token>, or undefined. */
  lookup(pathname: string): FrameImage | undefined {
    if (!this.owns(pathname)) return undefined;
    return this.frames.get(pathname.slice(this.path.length));
  }

  /** Forgets one frame by the URL `put` answered. */
  remove(url: string): void {
    this.frames.delete(url.slice(url.lastIndexOf('/') + 1));
  }

  clear(): void {
    this.frames.clear();
  }
}
