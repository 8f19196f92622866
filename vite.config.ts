import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY_META } from './shared/csp.js';

const page = (name: string) => fileURLToPath(new URL(`./renderer/${name}`, import.meta.url));

/** The same CSP as the response header, as a meta tag, so it holds however the page is loaded. */
function cspMeta(): Plugin {
  return {
    name: 'shotput-csp-meta',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // One page per window: the main window, and the region overlay (kept free of React so it opens fast).
    rollupOptions: { input: { main: page('index.html'), overlay: page('overlay.html') } },
  },
});
