// The index tidies itself: FTS5 segments merged in bounded steps on a helper thread, after imports and when idle.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startArchiveHost } from '../../../db/host/archive-host.js';
import { createImporter } from '../../../db/ingest/importer.js';
import { openArchive } from '../../../db/open.js';
import { indexFileOf } from '../../../db/search/index/article-index-file.js';
import { mergeIndexInBackground } from '../../../db/search/index/article-index-sync.js';
import { searchArchive } from '../../../db/search/index.js';
import { tempDir, writeFile } from '../../helpers/archive.js';
import { integrityCheck } from '../../helpers/integrity.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const QUERIES = ['terns', 'ter*', 'colony', '"arctic terns"', 'spit OR dune', 'batch*'];

function segments(file: string): number {
  const index = new Database(indexFileOf(file), { readonly: true });
  try {
    return index.prepare('SELECT count(DISTINCT segid) FROM article_fts_idx').pluck().get() as number;
  } finally {
    index.close();
  }
}

function notes(dir: string, name: string, from: number, count: number): string {
  const folder = path.join(dir, name);
  for (let i = from; i < from + count; i++)
    writeFile(
      folder,
      `${String(i).padStart(4, '0')}.txt`,
      `Tern colony ${i}\n\nArctic terns ringed on the ${i % 2 ? 'spit' : 'dune'}, batch ${i}.\n`,
    );
  return folder;
}

/**
 * An archive in a temp dir and an importer with small batches (each index commit writes a segment of its own),
 * all removed after the test.
 */
function archiveWithImporter(name: string) {
  const dir = tempDir();
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, name);
  const a = openArchive(file);
  cleanup.push(() => a.close());
  const importer = createImporter(a.db, { workers: 1, batchSize: 10 });
  cleanup.push(() => importer.close());
  return { dir, file, a, importer };
}

describe('index merging', { timeout: 180_000 }, () => {
  it('merges many small segments into one on a helper thread, with every search answering the same', async () => {
    const { dir, file, a, importer } = archiveWithImporter('merge.sqlite');
    // Small batches and separate imports: each commit of the index writes a segment of its own.
    for (let round = 0; round < 4; round++) await importer.importPaths([notes(dir, `r${round}`, round * 100, 100)]);
    const before = segments(file);
    expect(before).toBeGreaterThan(1);
    const answers = QUERIES.map((q) => searchArchive(a.db, { query: q, limit: 200 }));
    expect(answers[0]!.total).toBe(400);

    const steps = await mergeIndexInBackground(a.db);
    expect(steps).toBeGreaterThan(0);
    expect(segments(file)).toBe(1);
    for (const [i, q] of QUERIES.entries()) {
      const after = searchArchive(a.db, { query: q, limit: 200 });
      expect({ q, total: after.total, ids: after.hits.map((h) => h.id) }).toEqual({
        q,
        total: answers[i]!.total,
        ids: answers[i]!.hits.map((h) => h.id),
      });
    }
    // Nothing left: a second merge does no work.
    expect(await mergeIndexInBackground(a.db)).toBe(0);
  });

  it("merges by itself after a large import, on the archive's own helper thread: closing the importer does not cut it short", async () => {
    const { dir, file, a, importer } = archiveWithImporter('after-import.sqlite');
    await importer.importPaths([notes(dir, 'big', 0, 1200)]);
    // The importer's own index thread ends here; the merge it asked for goes on where the app's idle merges run.
    await importer.close();
    for (let i = 0; i < 300 && segments(file) > 1; i++) await new Promise((r) => setTimeout(r, 100));
    expect(segments(file)).toBe(1);
    // Asked again (as `stacks optimize` or the app would): the same thread, nothing left to merge.
    expect(await mergeIndexInBackground(a.db)).toBe(0);
    expect(searchArchive(a.db, { query: 'terns' }).total).toBe(1200);
  });

  it('the archive connection checks sound after the helper thread merged and indexed under its searches', async () => {
    const { dir, file, a, importer } = archiveWithImporter('check.sqlite');
    for (let round = 0; round < 3; round++) await importer.importPaths([notes(dir, `c${round}`, round * 100, 100)]);
    expect(segments(file)).toBeGreaterThan(1);
    // A search first: FTS5 keeps the index's structure (its list of segments) on this connection.
    const answers = QUERIES.map((q) => searchArchive(a.db, { query: q, limit: 200 }));
    expect(answers[0]!.total).toBe(300);

    // Merged on the helper thread, and nothing read on this connection since: the segments it knew are gone.
    expect(await mergeIndexInBackground(a.db)).toBeGreaterThan(0);
    expect(integrityCheck(a.db)).toBe('ok');
    for (const [i, q] of QUERIES.entries())
      expect(searchArchive(a.db, { query: q, limit: 200 }).hits.map((h) => h.id)).toEqual(
        answers[i]!.hits.map((h) => h.id),
      );

    // New articles indexed by the importer's thread after that search: segments this connection has not seen.
    await importer.importPaths([notes(dir, 'late', 300, 5)]);
    expect(integrityCheck(a.db)).toBe('ok');
    expect(searchArchive(a.db, { query: 'terns' }).total).toBe(305);
  });

  it('a merge asked for during an import waits for it, and two requests share one merge', async () => {
    const { dir, file, a, importer } = archiveWithImporter('during.sqlite');
    await importer.importPaths([notes(dir, 'first', 0, 100)]);

    // The merges run on the connection's maintenance thread while the importer's own thread indexes: merging the
    // growing index meanwhile would rewrite it over and over, so they start once the import has gone quiet.
    const order: string[] = [];
    let merges: Array<Promise<number | null>> = [];
    const imported = importer
      .importPaths([notes(dir, 'second', 100, 300)], {
        onProgress: (p) => {
          if (merges.length === 0 && p.done >= 30) {
            merges = [mergeIndexInBackground(a.db), mergeIndexInBackground(a.db)];
            for (const m of merges) void m.then(() => order.push('merge'));
          }
        },
      })
      .then((report) => {
        order.push('import');
        return report;
      });
    expect((await imported).imported).toBe(300);
    expect(merges).toHaveLength(2);
    const [one, two] = await Promise.all(merges);
    expect(order).toEqual(['import', 'merge', 'merge']);
    expect(one).toBeGreaterThan(0);
    expect(two).toBe(one);
    expect(segments(file)).toBe(1);
    expect(searchArchive(a.db, { query: 'terns' }).total).toBe(400);
  });

  it('a running archive merges its index once it is idle after writes', async () => {
    const dir = tempDir();
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'idle.sqlite');
    // Built with many segments first (by an importer with small batches), then served.
    const a = openArchive(file);
    const importer = createImporter(a.db, { workers: 1, batchSize: 10 });
    for (let round = 0; round < 3; round++) await importer.importPaths([notes(dir, `s${round}`, round * 50, 50)]);
    await importer.close();
    a.close();
    expect(segments(file)).toBeGreaterThan(1);

    const host = await startArchiveHost(file, { readers: 1, idleMergeMs: 100 });
    cleanup.push(() => host.close());
    // Waits for the event (no timing is asserted): the writer merges once nothing has been asked for a moment.
    for (let i = 0; i < 600 && segments(file) > 1; i++) await new Promise((r) => setTimeout(r, 100));
    expect(segments(file)).toBe(1);
    expect((await host.client.search({ query: 'terns' })).total).toBe(150);
    expect((await host.client.listArticles({ limit: 1 })).total).toBe(150);
  });
});
