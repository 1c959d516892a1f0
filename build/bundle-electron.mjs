// Bundles the Electron main process, its worker threads (archive, import, search index) and the preload into dist/electron (esbuild).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir DIR` lets the packaging test bundle into a staging folder instead of the shared dist/.
const outArg = process.argv.indexOf('--outdir');
const outdir =
  outArg > 0 && process.argv[outArg + 1] ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'dist', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  outdir,
  // electron is provided by the runtime; better-sqlite3 is a native module loaded from app.asar.unpacked.
  external: ['electron', 'better-sqlite3'],
};

await Promise.all([
  build({
    ...common,
    format: 'cjs',
    entryPoints: { main: 'electron/main.ts' },
    outExtension: { '.js': '.cjs' },
    // db/extract/pool.ts finds its worker beside `import.meta.url`. Inside a packaged app that must be the
    // real folder on disk (app.asar.unpacked), so the worker loads through plain Node without asar support.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: {
      js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename.replace(/app\\.asar([\\\\/])/, 'app.asar.unpacked$1')).href;",
    },
  }),
  build({
    ...common,
    // The import worker: ESM (package.json says "type": "module", and the pool looks for extract-worker.js).
    format: 'esm',
    entryPoints: { 'extract-worker': 'db/extract/extract-worker.ts' },
    // Bundled CommonJS dependencies call require(); give the ESM file a real one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  }),
  build({
    ...common,
    // The search index worker: runs from app.asar.unpacked like the import worker, so better-sqlite3's JavaScript is
    // bundled in (only its .node file is unpacked; openArchive passes that file's path on as nativeBinding).
    external: ['electron'],
    format: 'esm',
    // The archive's own threads (db/host/archive-worker.ts: the writer and the readers) are built the same way.
    entryPoints: { 'index-worker': 'db/search/index/index-worker.ts', 'archive-worker': 'db/host/archive-worker.ts' },
    // better-sqlite3's CommonJS also reads __filename and __dirname, which an ES module does not have.
    banner: {
      js:
        "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __toPath } from 'node:url'; " +
        "const require = __createRequire(import.meta.url); const __filename = __toPath(import.meta.url); const __dirname = __toPath(new URL('.', import.meta.url));",
    },
  }),
  build({
    ...common,
    format: 'cjs',
    // The sandboxed preload may only require 'electron' and a few builtins: everything else is inlined.
    entryPoints: { preload: 'electron/preload.ts' },
    outExtension: { '.js': '.cjs' },
    target: 'chrome130',
  }),
]);

console.log(`Bundled Electron main, workers and preload into ${path.relative(root, outdir) || outdir}/`);
