// Bundles a bench probe as the `stacks` command is bundled (esbuild, our code in one file, its worker threads beside
// it), so a child process runs it with plain Node: under tsx every thread would also hold the TypeScript compiler's
// caches (~80 MB more at its peak), which no user's process holds, and the probe's peak RSS would say so.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bundles bench/<name>.ts into outdir; returns the path of the .js to run with process.execPath. */
export async function bundleProbe(name: string, outdir: string): Promise<string> {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  await build({
    absWorkingDir: root,
    entryPoints: {
      [name]: `bench/${name}.ts`,
      'extract-worker': 'db/extract/extract-worker.ts',
      'index-worker': 'db/search/index/index-worker.ts',
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // Dependencies resolve from the repository's node_modules, as the bundle sits outside it.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(outdir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(outdir, 'package.json'), '{"type":"module"}');
  return path.join(outdir, `${name}.js`);
}
