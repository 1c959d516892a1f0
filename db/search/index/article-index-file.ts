// The article search index in its own SQLite file beside the archive, kept in step with the archive's captures.
//
// Why a second file: FTS5 inserts cost more than everything else an import does on the main thread. In their
// own file they are written by their own connection (and, during a bulk import, their own thread), while the
// archive's connection goes on storing the next batch; SQLite locks each file separately.
//
// The index is derived data. Every change to an article's indexed fields comes with a new capture (ids only grow,
// captures are never deleted), so "indexed through capture N" says exactly what the index holds. Catching up
// reindexes the articles of every capture after N. A missing, foreign or damaged index file is rebuilt from the
// archive; a kill between the archive's commit and the index's costs nothing but a catch-up at the next open.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { retryWhileBusy } from '../../busy-retry.js';
import { normalizeForIndex } from '../normalize.js';
import { cjkGrams } from '../grams.js';

/** The index file of an archive: `stacks.sqlite` -> `stacks.sqlite-search` (its WAL is `stacks.sqlite-search-wal`). */
export function indexFileOf(archivePath: string): string {
  return `${archivePath}-search`;
}

/** Schema name of the index inside the archive's connection (ATTACHed, read by search). */
export const INDEX_SCHEMA = 'search';

/** The CJK substring index beside the word index (db/search/grams.ts): rowid = article.id, title and body grams. */
const GRAMS_SQL = `CREATE VIRTUAL TABLE article_grams USING fts5(grams, tokenize = 'unicode61', detail = 'full');`;

const SCHEMA_SQL = `
-- rowid = article.id. Columns hold normalized text (see normalize.ts), weighted in bm25().
-- body_is_text = 1 when the normalized body equals the article's plain text character for character, so a
-- search hit's offset can be found in the row snippet() already loaded instead of reading the text again.
-- A prefix index for 3-character prefixes only: search-as-you-type sends them constantly, and without it FTS5
-- merges the doclists of every word sharing the prefix (~600 for "pro*").
CREATE VIRTUAL TABLE article_fts USING fts5(
  title, byline, site, body, body_is_text UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3'
);
-- FTS5's built-in rank = bm25 with these column weights (title > byline > site > body), so ORDER BY rank sorts
-- inside FTS5 and search never passes the weights per query.
INSERT INTO article_fts (article_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 1.0)');
${GRAMS_SQL}
-- One row: which archive this index belongs to and the newest capture it reflects.
CREATE TABLE index_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  archive_key TEXT NOT NULL,
  indexed_through INTEGER NOT NULL
) STRICT;
`;

/** Captures reindexed per transaction while catching up: bounds the time another index writer waits. */
const CHUNK = 1000;

export interface CatchUpProgress {
  done: number;
  total: number;
}

export interface IndexWriter {
  /** Indexes every capture the archive committed since the last call; returns how many articles were (re)indexed. */
  catchUp(onProgress?: (p: CatchUpProgress) => void): number;
  /** The newest capture id the index reflects. */
  indexedThrough(): number;
  /** Forgets that captures after `captureId` are indexed, so the next catchUp reindexes their articles (their
   * content was derived again: `stacks reextract`). */
  rewind(captureId: number): void;
  close(): void;
}

export interface IndexWriterOptions {
  nativeBinding?: string;
}

/**
 * Opens the index file for writing (creating or rebuilding it when needed) with the archive ATTACHed for reading.
 * The archive must already be migrated (it holds the key that ties the index to it).
 */
export function openIndexWriter(archivePath: string, options: IndexWriterOptions = {}): IndexWriter {
  const file = indexFileOf(archivePath);
  const db = openIndexDb(file, options);
  db.prepare('ATTACH DATABASE ? AS arc').run(archivePath);
  const archiveKey = db.prepare("SELECT value FROM arc.archive_meta WHERE key = 'index_key'").pluck().get() as
    string | undefined;
  if (!archiveKey) {
    db.close();
    throw new Error(`${archivePath} has no search index key: open it with openArchive first.`);
  }

  const s = {
    // A write first: it takes the index's write lock before anything is read, so two writers (the import thread
    // and the app's own) queue up instead of one reading a state the other is about to change.
    claim: db.prepare(
      'UPDATE index_state SET indexed_through = indexed_through WHERE id = 1 RETURNING archive_key AS key, indexed_through AS through',
    ),
    reset: db.prepare('INSERT OR REPLACE INTO index_state (id, archive_key, indexed_through) VALUES (1, ?, 0)'),
    newest: db.prepare('SELECT coalesce(max(id), 0) FROM arc.capture').pluck(),
    through: db.prepare('SELECT coalesce((SELECT indexed_through FROM index_state WHERE id = 1), 0)').pluck(),
    advance: db.prepare('UPDATE index_state SET indexed_through = ? WHERE id = 1'),
    // Only the capture an article currently shows is indexed; an older one in the same range was superseded.
    changed: db
      .prepare(
        `SELECT a.id, a.title, a.byline, a.site_name, ct.text FROM arc.capture c
      JOIN arc.article a ON a.id = c.article_id AND a.current_capture_id = c.id
      JOIN arc.content ct ON ct.capture_id = c.id
      WHERE c.id > ? AND c.id <= ? ORDER BY c.id`,
      )
      .raw(),
    remove: db.prepare('DELETE FROM article_fts WHERE rowid = ?'),
    removeGrams: db.prepare('DELETE FROM article_grams WHERE rowid = ?'),
    insertGrams: db.prepare('INSERT INTO article_grams (rowid, grams) VALUES (?, ?)'),
    insert: db.prepare(
      'INSERT INTO article_fts (rowid, title, byline, site, body, body_is_text) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    clear: db.prepare('DELETE FROM article_fts'),
    clearGrams: db.prepare('DELETE FROM article_grams'),
  };

  // A foreign index (the file was copied beside another archive) or a fresh one starts over from capture 0.
  const claimed = db.transaction(() => s.claim.get() as { key: string; through: number } | undefined);
  const start = claimed();
  if (!start || start.key !== archiveKey) {
    db.transaction(() => {
      s.clear.run();
      s.clearGrams.run();
      s.reset.run(archiveKey);
    })();
  }

  const indexChunk = db.transaction((upTo: number): number => {
    const state = s.claim.get() as { key: string; through: number };
    const to = Math.min(upTo, state.through + CHUNK);
    let n = 0;
    // all(), not iterate(): better-sqlite3 allows no writes on a connection while one of its statements is iterating.
    for (const [id, title, byline, site, text] of s.changed.all(state.through, to) as Array<
      [number, string, string | null, string | null, string]
    >) {
      s.remove.run(id);
      s.removeGrams.run(id);
      // Only articles holding CJK/Kana/Hangul get a gram row: the rest cost the index nothing.
      const grams = `${cjkGrams(title)} ${cjkGrams(text)}`.trim();
      if (grams) s.insertGrams.run(id, grams);
      const body = normalizeForIndex(text);
      s.insert.run(
        id,
        normalizeForIndex(title),
        normalizeForIndex(byline ?? ''),
        normalizeForIndex(site ?? ''),
        body,
        body === text ? 1 : 0,
      );
      n++;
    }
    s.advance.run(to);
    return n;
  });

  return {
    catchUp(onProgress) {
      const target = s.newest.get() as number;
      const from = s.through.get() as number;
      let indexed = 0;
      for (let through = from; through < target; through = s.through.get() as number) {
        indexed += indexChunk(target);
        onProgress?.({ done: (s.through.get() as number) - from, total: target - from });
      }
      return indexed;
    },
    indexedThrough: () => s.through.get() as number,
    rewind: (captureId) => {
      db.transaction(() => {
        const state = s.claim.get() as { through: number } | undefined;
        if (state && captureId < state.through) s.advance.run(Math.max(0, captureId));
      })();
    },
    close: () => db.close(),
  };
}

/** The index file with its schema; a file that is not a readable index is replaced (it holds nothing original). */
function openIndexDb(file: string, options: IndexWriterOptions): Database.Database {
  const open = () => {
    const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      // First, so that another process creating the same index makes this one wait rather than fail.
      db.pragma('busy_timeout = 10000');
      if (db.pragma('page_count', { simple: true }) === 0) db.pragma('page_size = 16384');
      retryWhileBusy(() => db.pragma('journal_mode = WAL'));
      // NORMAL: a power cut may lose the newest index commits, but not consistency, and the catch-up at the next
      // open redoes whatever was lost (the archive itself stays FULL).
      db.pragma('synchronous = NORMAL');
      db.pragma('cache_size = -65536');
      // Checked and created under the write lock: two processes creating the index at once create it once.
      db.transaction(() => {
        const hasSchema =
          db
            .prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('article_fts', 'index_state')")
            .pluck()
            .get() === 2;
        if (!hasSchema) db.exec(SCHEMA_SQL);
        // An index made before the gram table: add it and index everything again (an index schema change).
        else if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'article_grams'").get()) {
          db.exec(GRAMS_SQL);
          db.exec('UPDATE index_state SET indexed_through = 0');
        }
      }).immediate();
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  };
  try {
    return open();
  } catch (err) {
    // Only a file that is not a readable database is replaced: on any other failure (busy, full disk, read-only)
    // another connection may be holding a good index, and deleting it under that connection would leave it
    // reading a file that no longer exists.
    const code = (err as { code?: unknown }).code;
    if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') throw err;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    return open();
  }
}

/**
 * Makes the index readable through the archive's own connection, as `search.article_fts` (unqualified
 * `article_fts` resolves to it). Nothing writes it through this connection.
 */
export function attachIndex(db: Database.Database, archivePath: string): void {
  db.prepare(`ATTACH DATABASE ? AS ${INDEX_SCHEMA}`).run(indexFileOf(archivePath));
  // The page cache is sized per schema: an attached file starts at SQLite's 2 MB default, and search reads large
  // doclists (a rare-word page took 1.6x raw FTS5's time with it).
  db.pragma(`${INDEX_SCHEMA}.cache_size = -65536`);
}
