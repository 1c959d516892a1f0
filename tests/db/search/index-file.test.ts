// The search index in its own file: caught up after a kill, rebuilt when missing, foreign or broken, built for old archives.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createImporter } from '../../../db/ingest/importer.js';
import { openArchive } from '../../../db/open.js';
import { indexFileOf } from '../../../db/search/index/article-index-file.js';
import { searchArchive } from '../../../db/search/index.js';
import { catchUpIndex } from '../../../db/search/index/article-index-sync.js';
import { tempDir, writeFile } from '../../helpers/archive.js';
import { addArticle } from './fixture.js';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const archiveFile = (): string => path.join(dir, `a${n++}.sqlite`);
const titles = (file: string, query: string): string[] => {
  const a = openArchive(file);
  try {
    return searchArchive(a.db, { query, limit: 50 })
      .hits.map((h) => h.title)
      .sort();
  } finally {
    a.close();
  }
};

/** Stores an article the way a killed import leaves it: committed to the archive, never indexed. */
function commitWithoutIndexing(file: string, title: string, body: string): void {
  const db = new Database(file);
  db.transaction(() => {
    const id = Number(
      db.prepare("INSERT INTO article (title, added_at) VALUES (?, '2025-01-01T00:00:00Z')").run(title).lastInsertRowid,
    );
    const cap = Number(
      db
        .prepare(
          `INSERT INTO capture (article_id, sha256, original, media_type, byte_size, captured_at, importer, importer_version)
      VALUES (?, ?, ?, 'text/plain', 1, '2025-01-01T00:00:00Z', 'test', '1')`,
        )
        .run(id, `${title}-sha`, Buffer.from(body)).lastInsertRowid,
    );
    db.prepare("INSERT INTO content (capture_id, html, text, text_sha256) VALUES (?, '', ?, 'x')").run(cap, body);
    db.prepare('UPDATE article SET current_capture_id = ? WHERE id = ?').run(cap, id);
  })();
  db.close();
}

describe('search index file', () => {
  it('lives beside the archive and indexes what is added', () => {
    const file = archiveFile();
    const a = openArchive(file);
    addArticle(a.db, { title: 'Kelp forests', body: 'Sea otters keep urchins from the kelp.' });
    a.close();
    expect(fs.existsSync(indexFileOf(file))).toBe(true);
    expect(titles(file, 'urchins')).toEqual(['Kelp forests']);
  });

  it('drops cached totals when only the index moved (its writer commits after the archive)', () => {
    const file = archiveFile();
    const a = openArchive(file);
    try {
      expect(searchArchive(a.db, { query: 'otters' }).total).toBe(0);
      commitWithoutIndexing(file, 'Estuary otters', 'Otters hunted eels under the bridge.');
      // The archive moved but the index did not yet: still nothing, and that answer is cached for this version.
      expect(searchArchive(a.db, { query: 'otters' }).total).toBe(0);
      catchUpIndex(a.db);
      expect(searchArchive(a.db, { query: 'otters' }).hits.map((h) => h.title)).toEqual(['Estuary otters']);
    } finally {
      a.close();
    }
  });

  it('catches up at the next open with articles committed but never indexed (a kill between the two files)', () => {
    const file = archiveFile();
    openArchive(file).close();
    commitWithoutIndexing(file, 'Salt marsh survey', 'Curlews and godwits fed on the falling tide.');
    expect(titles(file, 'godwits')).toEqual(['Salt marsh survey']);
  });

  it('is rebuilt from the archive when deleted or when it is not a database', () => {
    const file = archiveFile();
    const a = openArchive(file);
    addArticle(a.db, { title: 'Peat bogs', body: 'Sphagnum moss holds twenty times its weight in water.' });
    a.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(indexFileOf(file) + suffix, { force: true });
    expect(titles(file, 'sphagnum')).toEqual(['Peat bogs']);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(indexFileOf(file) + suffix, { force: true });
    fs.writeFileSync(indexFileOf(file), 'not a database at all, just some bytes that happen to be here');
    expect(titles(file, 'sphagnum')).toEqual(['Peat bogs']);
  });

  it('never trusts an index copied from another archive', () => {
    const mine = archiveFile();
    const other = archiveFile();
    for (const [file, title, body] of [
      [mine, 'Mine', 'lichen on granite'],
      [other, 'Other', 'lichen on basalt'],
    ] as const) {
      const a = openArchive(file);
      addArticle(a.db, { title, body });
      a.close();
    }
    fs.copyFileSync(indexFileOf(other), indexFileOf(mine));
    expect(titles(mine, 'lichen')).toEqual(['Mine']);
    expect(titles(mine, 'basalt')).toEqual([]);
  });

  it("keeps FTS5's import settings in the index, and sets them on an older file without rebuilding it", () => {
    const file = archiveFile();
    const a = openArchive(file);
    addArticle(a.db, { title: 'Dune grasses', body: 'Marram grass binds the shifting sand of the foredune.' });
    a.close();
    const index = new Database(indexFileOf(file));
    const config = () =>
      Object.fromEntries(
        index.prepare("SELECT k, v FROM article_fts_config WHERE k IN ('hashsize', 'automerge')").raw().all() as Array<
          [string, number]
        >,
      );
    const blocks = () => index.prepare('SELECT group_concat(id) FROM article_fts_data').pluck().get();
    // 16 MB of pending terms per segment and 8 segments merged at once (FTS5's defaults: 1 MB and 4)
    expect(config()).toEqual({ hashsize: 16 * 1024 * 1024, automerge: 8 });
    // An index written before: FTS5's defaults
    index.exec("INSERT INTO article_fts (article_fts, rank) VALUES ('hashsize', 1048576), ('automerge', 4)");
    expect(config()).toEqual({ hashsize: 1048576, automerge: 4 });
    const before = blocks();
    expect(titles(file, 'marram')).toEqual(['Dune grasses']);
    expect(config()).toEqual({ hashsize: 16 * 1024 * 1024, automerge: 8 });
    // the same segments: nothing was rebuilt
    expect(blocks()).toBe(before);
    index.close();
  });

  it('is built when an archive from before the index file is opened', () => {
    const file = archiveFile();
    const old = openArchive(file, { targetVersion: 2 });
    old.close();
    commitWithoutIndexing(file, 'Chalk streams', 'Water crowfoot flowers in the clear chalk streams.');
    expect(fs.existsSync(indexFileOf(file))).toBe(false);
    expect(titles(file, 'crowfoot')).toEqual(['Chalk streams']);
  });

  it('finishes a long import of many small batches while waiting for the index, and reports the end once all is searchable', async () => {
    const file = archiveFile();
    const input = path.join(dir, `many-${n}`);
    for (let i = 0; i < 400; i++)
      writeFile(
        input,
        `${String(i).padStart(3, '0')}.txt`,
        `Tern colony ${i}\n\nArctic terns ringed on the spit, batch ${i}.\n`,
      );
    const a = openArchive(file);
    const importer = createImporter(a.db, { workers: 1, batchSize: 20 });
    const lags: number[] = [];
    try {
      const report = await importer.importPaths([input], {
        onProgress: () => {
          const stored = a.db.prepare('SELECT count(*) FROM article').pluck().get() as number;
          const indexed = a.db.prepare('SELECT count(*) FROM article_fts').pluck().get() as number;
          lags.push(stored - indexed);
        },
      });
      expect(report.imported).toBe(400);
      expect(searchArchive(a.db, { query: 'terns' }).total).toBe(400);
      // The last progress event (done = total) comes once the index has caught up.
      expect(lags.at(-1)).toBe(0);
    } finally {
      await importer.close();
      a.close();
    }
  });

  it('is current when a bulk import returns (indexed on its own thread), new versions included', async () => {
    const file = archiveFile();
    const input = path.join(dir, `notes-${n}`);
    for (let i = 0; i < 300; i++)
      writeFile(
        input,
        `${String(i).padStart(3, '0')}.md`,
        `# Heron count ${i}\n\nGrey herons nested in colony ${i}.\n`,
      );
    writeFile(
      input,
      'versioned.md',
      '---\ntitle: Old heronry title\nurl: https://example.org/heronry\n---\n\nThe heronry by the lake.\n',
    );
    const a = openArchive(file);
    const importer = createImporter(a.db, { workers: 2 });
    try {
      const report = await importer.importPaths([input]);
      expect(report.imported).toBe(301);
      expect(searchArchive(a.db, { query: 'herons' }).total).toBe(300);
      expect(searchArchive(a.db, { query: '"colony 299"' }).total).toBe(1);

      const again = path.join(dir, `again-${n}`);
      writeFile(
        again,
        'versioned.md',
        '---\ntitle: New heronry title\nurl: https://example.org/heronry\n---\n\nThe heronry by the reservoir.\n',
      );
      writeFile(again, 'another.md', '# Egrets\n\nLittle egrets arrived in spring.\n');
      const second = await importer.importPaths([again]);
      expect(second.outcomes.map((o) => o.status).sort()).toEqual(['imported', 'imported']);
      expect(searchArchive(a.db, { query: 'reservoir' }).hits.map((h) => h.title)).toEqual(['New heronry title']);
      expect(searchArchive(a.db, { query: 'lake' }).total).toBe(0);
      expect(searchArchive(a.db, { query: 'egrets' }).total).toBe(1);
    } finally {
      await importer.close();
      a.close();
    }
  });
});
