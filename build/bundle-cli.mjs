// Bundles the `stacks` command and its worker threads (extraction, search index) into dist/cli, so the command starts without tsx.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: root,
  entryPoints: {
    stacks: 'db/entry/stacks.ts',
    'extract-worker': 'db/extract/extract-worker.ts',
    'index-worker': 'db/search/index/index-worker.ts',
  },
  outdir: path.join(root, 'dist', 'cli'),
  bundle: true,
  // Lazy imports (importers, turndown) stay lazy: they become chunks loaded on first use.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies load from node_modules as usual; only our own code is bundled.
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
