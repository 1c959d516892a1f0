// Builds the renderer into dist/renderer: one module entry, no inline scripts (CSP script-src 'self'), relative paths.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
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
