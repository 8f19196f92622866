import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import type { FrameStore } from '../core/shots/frames.js';
import { resolveAppPath } from '../core/files/app-paths.js';

export const APP_SCHEME = 'app';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer at app://shotput/ with the CSP header, the history's local
 * thumbnails at app://shotput/thumbs/, and the frames of open overlays and editors (app://shotput/capture/<token>,
 * app://shotput/editor-frame/<token>). Paths that would leave those folders are refused, so a
 * page can never read other files through the scheme.
 */
export function serveRenderer(rendererDir: string, thumbnailsDir: string, frameStores: FrameStore[]): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'shotput') return new Response('Not found', { status: 404 });
    const frames = frameStores.find((store) => store.owns(url.pathname));
    if (frames) {
      // An open overlay's frozen frame or an editor's image: raw RGBA straight from memory.
      const frame = frames.lookup(url.pathname);
      if (!frame) return new Response('Gone', { status: 404 });
      return new Response(new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength), {
        headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
      });
    }
    const resolved = await resolveAppPath(url.pathname, { '/': rendererDir, '/thumbs/': thumbnailsDir });
    if (!resolved.ok) return new Response(resolved.reason, { status: resolved.status });
    const response = await net.fetch(pathToFileURL(resolved.file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
