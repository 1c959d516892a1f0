// Builds the renderer into dist/renderer: one module entry, no inline scripts (CSP script-src 'self'), relative paths.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { APP_CSP_META } from '../db/transport/headers.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/** index.html's CSP meta tag carries the policy the transports send (db/transport/headers.ts): one source. */
const cspMeta: Plugin = {
  name: 'stacks-csp-meta',
  transformIndexHtml: (html) => html.replace('%STACKS_CSP%', APP_CSP_META),
};

export default defineConfig({
  root,
  plugins: [cspMeta],
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false }, // the polyfill would be the only inline-ish script; Chromium needs none
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  esbuild: { target: 'es2022' },
});
