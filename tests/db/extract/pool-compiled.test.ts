// The pool from compiled JavaScript (as a packaged app runs it): transpile db/extract with esbuild, extract through it.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { extractCapture } from '../../../db/extract/index.js';
import type { createExtractionPool as CreatePool } from '../../../db/extract/pool.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/importers');
// Inside the repository, so the compiled files resolve linkedom, marked ... from its node_modules.
const cacheDir = path.join(ROOT, 'node_modules', '.cache');
fs.mkdirSync(cacheDir, { recursive: true });
const outDir = fs.mkdtempSync(path.join(cacheDir, 'stacks-importers-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('extraction pool from compiled JS', () => {
  it('runs the compiled extract-worker.js and gives the same capture as the source', async () => {
    const entryPoints = [
      ...fs
        .readdirSync(path.join(ROOT, 'db/extract'))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => path.join(ROOT, 'db/extract', f)),
      path.join(ROOT, 'db/contract/errors.ts'),
      path.join(ROOT, 'db/contract/text-rule.ts'),
      path.join(ROOT, 'db/threads.ts'),
    ];
    await build({
      entryPoints,
      outdir: outDir,
      outbase: path.join(ROOT, 'db'),
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    fs.writeFileSync(path.join(outDir, 'package.json'), '{"type":"module"}');
    expect(fs.existsSync(path.join(outDir, 'extract', 'extract-worker.js'))).toBe(true);

    const compiled = (await import(pathToFileURL(path.join(outDir, 'extract', 'pool.js')).href)) as {
      createExtractionPool: typeof CreatePool;
    };
    const pool = compiled.createExtractionPool({ size: 1 });
    try {
      const file = path.join(FIXTURES, 'saved-page', 'Article.html');
      const input = { bytes: fs.readFileSync(file), fileName: 'Article.html', filePath: file };
      const pooled = await pool.extract(input);
      const direct = await extractCapture(input);
      expect(pooled.title).toBe('The River Story');
      expect(pooled.html).toBe(direct.html);
      expect(pooled.text).toBe(direct.text);
      expect(pooled.assets.map((a) => a.sha256)).toEqual(direct.assets.map((a) => a.sha256));
      const err = await pool
        .extract({ bytes: new Uint8Array(0), fileName: 'empty.html' })
        .catch((e: unknown) => e as Error);
      expect(err).toMatchObject({
        name: 'ArchiveError',
        code: 'INVALID_INPUT',
        message: 'empty.html is empty (0 bytes).',
      });
    } finally {
      await pool.close();
    }
  });
});
