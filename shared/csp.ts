/**
 * The Content-Security-Policy of every Shotput window: only the app's own scripts and styles,
 * images from the app or from data:/blob: (local thumbnails), and no remote content at all.
 * `connect-src 'self'` also covers the harness's same-origin WebSocket.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
];

/** Sent as a response header by the app's protocol handler and by the harness. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The same policy for a <meta> tag, where browsers ignore frame-ancestors. */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
