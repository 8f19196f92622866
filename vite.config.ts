import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY_META } from './shared/csp.js';

/** The same CSP as the response header, as a meta tag, so it holds however the page is loaded. */
function cspMeta(): Plugin {
  return {
    name: 'shotput-csp-meta',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' }],
  };
}

/** One page per window: the main window, and the overlay and editor pages once they exist. */
const pages = Object.fromEntries(
  ['index', 'overlay', 'editor']
    .map((name) => [name, fileURLToPath(new URL(`./renderer/${name}.html`, import.meta.url))] as const)
    .filter(([, path]) => existsSync(path)),
);

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    rollupOptions: { input: pages },
  },
});
