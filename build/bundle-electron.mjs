// Bundles the Electron main process and preload into CommonJS files under dist/electron (esbuild).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  // electron is provided by the runtime; better-sqlite3 is a native module loaded from app.asar.unpacked.
  external: ['electron', 'better-sqlite3'],
};

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/main.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    // Some dependencies read import.meta.url; in a CJS bundle the file's own URL is the faithful stand-in.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    // The sandboxed preload may only require 'electron' and a few builtins: everything else is inlined.
    entryPoints: { preload: 'electron/preload.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    target: 'chrome130',
  }),
]);

console.log(`Bundled Electron main and preload into ${path.relative(root, outdir)}/`);
