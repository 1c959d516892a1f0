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
import type { IndexStatus } from '../../contract/types.js';
import { cachedStatement } from '../../util.js';
import { normalizeForIndex } from '../normalize.js';
import { cjkGrams } from '../grams.js';
import { KEPT_PAGE_SQL } from '../kept/kept-pages.js';

/** The index file of an archive: `stacks.sqlite` -> `stacks.sqlite-search` (its WAL is `stacks.sqlite-search-wal`). */
export function indexFileOf(archivePath: string): string {
  return `${archivePath}-search`;
}

/** Schema name of the index inside the archive's connection (ATTACHed, read by search). */
export const INDEX_SCHEMA = 'search';

/**
 * What the index's schema is (tokenizer, prefix setting, columns), kept in the index file's `user_version`. Bump it
 * with any change to SCHEMA_SQL: an index file recording another version is rebuilt, in place, at the next open.
 * Files written before the version was recorded say 0 and hold version 1's schema. Version 2 added the CJK gram table;
 * version 3 made both tables contentless.
 */
export const INDEX_SCHEMA_VERSION = 3;

// Both FTS5 tables are contentless (content=''): the index keeps only what finding and ranking need, not a second
// copy of every text (half the file). Snippets and match offsets are cut from the archive's own text instead
// (db/search/match/). contentless_delete=1 lets rows be deleted and replaced by rowid.

/** The CJK substring index beside the word index (db/search/grams.ts): rowid = article.id, title and body grams. */
const GRAMS_SQL = `CREATE VIRTUAL TABLE article_grams USING fts5(
  grams, tokenize = 'unicode61', detail = 'full', content = '', contentless_delete = 1
);`;

const SCHEMA_SQL = `
-- rowid = article.id. Columns hold normalized text (see normalize.ts), weighted in bm25(); none of it is stored.
-- A prefix index for 3-character prefixes only: search-as-you-type sends them constantly, and without it FTS5
-- merges the doclists of every word sharing the prefix (~600 for "pro*").
CREATE VIRTUAL TABLE article_fts USING fts5(
  title, byline, site, body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3',
  content = '',
  contentless_delete = 1
);
-- FTS5's built-in rank = bm25 with these column weights (title > byline > site > body), so ORDER BY rank sorts
-- inside FTS5 and search never passes the weights per query.
INSERT INTO article_fts (article_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 1.0)');
${GRAMS_SQL}
-- One row: which archive this index belongs to, the newest capture it reflects and the last entry of the archive's
-- index_requeue (corrected metadata, deleted articles) it has applied.
CREATE TABLE index_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  archive_key TEXT NOT NULL,
  indexed_through INTEGER NOT NULL,
  requeued_through INTEGER NOT NULL DEFAULT 0
) STRICT;
`;

/**
 * FTS5's write settings, kept in the table's own config (not part of the schema version: changing them rebuilds
 * nothing, the next open of a writer sets them). Measured filling the index alone with 100k articles, in transactions
 * of 1000 as the index thread writes them: 3,000-3,300 articles/s with FTS5's defaults, 5,100/s with these.
 * - hashsize: FTS5 writes its pending terms out as a new segment every 1 MB by default, so one transaction of 1000
 *   articles became a dozen small segments that automerge then merged again and again. 16 MB holds a transaction's
 *   worth (the memory is the writing thread's, for as long as the transaction lasts).
 * - automerge: 8 segments of a level merged at once instead of 4, so each term's list is rewritten fewer times while
 *   an import runs. Searches read at most twice the segments meanwhile; the merge after the import (mergeStep) and
 *   when idle leaves one segment as before.
 */
const WRITE_CONFIG: Record<string, number> = { hashsize: 16 * 1024 * 1024, automerge: 8 };

/** Sets WRITE_CONFIG where the file holds other values (older files, FTS5's defaults); a write only when needed. */
function applyWriteConfig(db: Database.Database): void {
  const current = new Map(db.prepare('SELECT k, v FROM article_fts_config').raw().all() as Array<[string, unknown]>);
  // BigInt: FTS5 takes these only as SQL integers, and better-sqlite3 binds a JS number as a REAL.
  const set = db.prepare('INSERT INTO article_fts (article_fts, rank) VALUES (?, ?)');
  for (const [key, value] of Object.entries(WRITE_CONFIG)) if (current.get(key) !== value) set.run(key, BigInt(value));
}

/** Captures reindexed per transaction while catching up: bounds the time another index writer waits. */
const CHUNK = 1000;

export interface CatchUpProgress {
  done: number;
  total: number;
}

export interface IndexWriter {
  /**
   * Indexes every capture the archive committed since the last call, and the articles it queued in index_requeue
   * (metadata corrected, deleted); returns how many articles were (re)indexed or removed.
   */
  catchUp(onProgress?: (p: CatchUpProgress) => void): number;
  /** The newest capture id the index reflects. */
  indexedThrough(): number;
  /** Forgets that captures after `captureId` are indexed, so the next catchUp reindexes their articles (their
   * content was derived again: `stacks reextract`). */
  rewind(captureId: number): void;
  /** How many capture ids the archive is ahead of the index (0: current). */
  pending(): number;
  /**
   * One bounded step of FTS5's incremental merge (about `pages` pages written, one transaction): fewer segments
   * make prefixes and common words cheaper to read. Returns false once there was nothing left to merge.
   */
  mergeStep(pages?: number): boolean;
  /** How many b-tree segments the index has now (1 after a full merge). */
  segments(): number;
  /** True when another connection committed to the index since the last call (an import's own index thread). */
  writtenByOthers(): boolean;
  /** The connection kept pages are written on (the index file as main; see db/search/kept/). */
  keptTarget(): Database.Database;
  close(): void;
}

/** Pages written per merge step: tens of ms here, so a catch-up asked for meanwhile waits little. */
const MERGE_PAGES = 256;

export interface IndexWriterOptions {
  nativeBinding?: string;
  /** Page cache of the index connection in KiB (default 64 MiB); a bulk import's helper thread asks for less. */
  cacheKib?: number;
}

/**
 * Opens the index file for writing (creating or rebuilding it when needed) with the archive ATTACHed for reading.
 * The archive must already be migrated (it holds the key that ties the index to it).
 */
export function openIndexWriter(archivePath: string, options: IndexWriterOptions = {}): IndexWriter {
  const file = indexFileOf(archivePath);
  let conn = connectWriter(archivePath, file, options);
  let seenVersion: number | null = null;
  // The file this writer writes: when another process replaced or deleted it (a rebuild of its own, a user
  // removing it), writing on would fill a file nobody reads, so the writer reopens the one at the path.
  const current = (): WriterConnection => {
    if (!sameFile(file, conn.identity)) {
      conn.db.close();
      conn = connectWriter(archivePath, file, options);
    }
    return conn;
  };
  return {
    catchUp(onProgress) {
      const { s, indexChunk, requeueChunk } = current();
      // The queue first: its articles whose capture is not indexed yet are left to the capture catch-up below, so
      // an article is never indexed twice in one call.
      let indexed = 0;
      const queued = s.requeueNewest.get() as number;
      while ((s.requeued.get() as number) < queued) indexed += requeueChunk(queued);
      const target = s.newest.get() as number;
      const from = s.through.get() as number;
      for (let through = from; through < target; through = s.through.get() as number) {
        indexed += indexChunk(target);
        onProgress?.({ done: (s.through.get() as number) - from, total: target - from });
      }
      return indexed;
    },
    indexedThrough: () => current().s.through.get() as number,
    rewind(captureId) {
      const { db, s } = current();
      db.transaction(() => {
        const state = s.claim.get() as { through: number } | undefined;
        if (state && captureId < state.through) {
          s.advance.run(Math.max(0, captureId));
          s.clearKept.run();
        }
      })();
    },
    pending() {
      const { s } = current();
      return Math.max(0, (s.newest.get() as number) - (s.through.get() as number));
    },
    mergeStep(pages = MERGE_PAGES) {
      const { s } = current();
      const before = s.totalChanges.get() as number;
      // Negative: every level counts as one, so repeated steps end in a single segment (what 'optimize' makes,
      // without its one long transaction). FTS5 says "nothing left" by changing fewer than 2 rows.
      s.merge.run(-Math.max(16, Math.floor(pages)));
      return (s.totalChanges.get() as number) - before >= 2;
    },
    segments: () => current().s.segments.get() as number,
    writtenByOthers() {
      // data_version moves only with other connections' commits (never this one's).
      const version = current().db.pragma('main.data_version', { simple: true }) as number;
      const moved = seenVersion !== null && version !== seenVersion;
      seenVersion = version;
      return moved;
    },
    keptTarget: () => current().db,
    close: () => conn.db.close(),
  };
}

interface WriterConnection {
  db: Database.Database;
  identity: FileIdentity | null;
  s: ReturnType<typeof writerStatements>;
  indexChunk: (upTo: number) => number;
  /** Applies the next entries of the archive's index_requeue up to `upTo` (one transaction); returns rows written. */
  requeueChunk: (upTo: number) => number;
  /** Replaces one article's rows (word index and CJK grams); inside the caller's transaction. */
  indexRow: (id: number, title: string, byline: string | null, site: string | null, text: string) => void;
}

function writerStatements(db: Database.Database) {
  // An archive opened at an older schema (migration 11 not applied: tests and tools that pin a version) has no queue.
  const queue = db.prepare("SELECT 1 FROM arc.sqlite_schema WHERE name = 'index_requeue'").get()
    ? 'arc.index_requeue'
    : '(SELECT 0 AS seq, 0 AS article_id WHERE 0)';
  return {
    // A write first: it takes the index's write lock before anything is read, so two writers (the import thread
    // and the app's own) queue up instead of one reading a state the other is about to change.
    claim: db.prepare(
      'UPDATE index_state SET indexed_through = indexed_through WHERE id = 1 RETURNING archive_key AS key, indexed_through AS through',
    ),
    // A fresh index reads every article as it is now: the queue so far has nothing more to tell it.
    reset: db.prepare(`INSERT OR REPLACE INTO index_state (id, archive_key, indexed_through, requeued_through)
      VALUES (1, ?, 0, (SELECT coalesce(max(seq), 0) FROM ${queue}))`),
    requeueNewest: db.prepare(`SELECT coalesce(max(seq), 0) FROM ${queue}`).pluck(),
    requeued: db.prepare('SELECT coalesce((SELECT requeued_through FROM index_state WHERE id = 1), 0)').pluck(),
    requeueBatch: db
      .prepare(`SELECT seq, article_id FROM ${queue} WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`)
      .raw(),
    advanceRequeue: db.prepare('UPDATE index_state SET requeued_through = ? WHERE id = 1'),
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
    // One article as it is now, with the capture it shows (reindexed only when that capture is already indexed).
    one: db
      .prepare(
        `SELECT a.id, a.title, a.byline, a.site_name, ct.text, a.current_capture_id FROM arc.article a
      JOIN arc.content ct ON ct.capture_id = a.current_capture_id WHERE a.id = ?`,
      )
      .raw(),
    // Contentless tables delete by rowid alone (contentless_delete=1); deleting a row never indexed costs nothing.
    remove: db.prepare('DELETE FROM article_fts WHERE rowid = ?'),
    removeGrams: db.prepare('DELETE FROM article_grams WHERE rowid = ?'),
    insertGrams: db.prepare('INSERT INTO article_grams (rowid, grams) VALUES (?, ?)'),
    insert: db.prepare('INSERT INTO article_fts (rowid, title, byline, site, body) VALUES (?, ?, ?, ?, ?)'),
    clear: db.prepare('DELETE FROM article_fts'),
    // Kept pages record the index state they were ranked at: when that state goes back (a reset, a rewind), the
    // same state could recur with other content, so they go.
    clearKept: db.prepare('DELETE FROM kept_page'),
    clearGrams: db.prepare('DELETE FROM article_grams'),
    merge: db.prepare("INSERT INTO article_fts (article_fts, rank) VALUES ('merge', ?)"),
    totalChanges: db.prepare('SELECT total_changes()').pluck(),
    segments: db.prepare('SELECT count(DISTINCT segid) FROM article_fts_idx').pluck(),
  };
}

function connectWriter(archivePath: string, file: string, options: IndexWriterOptions): WriterConnection {
  const db = openIndexDb(file, options);
  try {
    const identity = identityOf(file);
    db.prepare('ATTACH DATABASE ? AS arc').run(archivePath);
    const archiveKey = db.prepare("SELECT value FROM arc.archive_meta WHERE key = 'index_key'").pluck().get() as
      string | undefined;
    if (!archiveKey) throw new Error(`${archivePath} has no search index key: open it with openArchive first.`);
    const s = writerStatements(db);

    // A foreign index (the file was copied beside another archive) or a fresh one starts over from capture 0.
    const claimed = db.transaction(() => s.claim.get() as { key: string; through: number } | undefined);
    const start = claimed();
    if (!start || start.key !== archiveKey) {
      db.transaction(() => {
        s.clear.run();
        s.clearGrams.run();
        s.clearKept.run();
        s.reset.run(archiveKey);
      })();
    }

    const indexRow = (id: number, title: string, byline: string | null, site: string | null, text: string): void => {
      s.remove.run(id);
      s.removeGrams.run(id);
      // Only articles holding CJK/Kana/Hangul get a gram row: the rest cost the index nothing.
      const grams = `${cjkGrams(title)} ${cjkGrams(text)}`.trim();
      if (grams) s.insertGrams.run(id, grams);
      s.insert.run(
        id,
        normalizeForIndex(title),
        normalizeForIndex(byline ?? ''),
        normalizeForIndex(site ?? ''),
        normalizeForIndex(text),
      );
    };

    const indexChunk = db.transaction((upTo: number): number => {
      const state = s.claim.get() as { key: string; through: number };
      const to = Math.min(upTo, state.through + CHUNK);
      let n = 0;
      // all(), not iterate(): better-sqlite3 allows no writes on a connection while one of its statements is iterating.
      for (const [id, title, byline, site, text] of s.changed.all(state.through, to) as Array<
        [number, string, string | null, string | null, string]
      >) {
        indexRow(id, title, byline, site, text);
        n++;
      }
      s.advance.run(to);
      return n;
    });

    const requeueChunk = db.transaction((upTo: number): number => {
      const state = s.claim.get() as { key: string; through: number };
      const from = s.requeued.get() as number;
      const batch = s.requeueBatch.all(from, upTo, CHUNK) as Array<[number, number]>;
      let n = 0;
      for (const id of new Set(batch.map(([, articleId]) => articleId))) {
        const row = s.one.get(id) as [number, string, string | null, string | null, string, number] | undefined;
        if (!row) {
          // Deleted: its rows go (a no-op when they already went).
          s.remove.run(id);
          s.removeGrams.run(id);
          n++;
        } else if (row[5] <= state.through) {
          indexRow(row[0], row[1], row[2], row[3], row[4]);
          n++;
        }
      }
      // Deleted articles may have taken the newest captures with them: a capture that reuses a freed id is indexed.
      const newest = s.newest.get() as number;
      if (newest < state.through) s.advance.run(newest);
      s.advanceRequeue.run(batch.length ? batch[batch.length - 1]![0] : upTo);
      return n;
    });
    return { db, identity, s, indexChunk, requeueChunk, indexRow };
  } catch (err) {
    db.close();
    throw err;
  }
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
      db.pragma(`cache_size = -${Math.round(options.cacheKib ?? 65536)}`);
      // Checked and created under the write lock: two processes creating the index at once create it once.
      db.transaction(() => ensureSchema(db)).immediate();
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
    // Moved aside, not deleted: nothing is lost should it ever matter, and a connection still holding it notices the
    // new file at the path (see refreshIndex) instead of reading on from a file that vanished.
    for (const suffix of ['', '-wal', '-shm'])
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, `${file}.damaged${suffix}`);
    return open();
  }
}

/**
 * Creates the index's tables, or rebuilds them in place when the file records another schema version (a change
 * of tokenizer, prefix or columns): dropped and created in one transaction, so a connection reading the file
 * meanwhile sees the old index or the new empty one (which then fills), never a file deleted under it.
 */
function ensureSchema(db: Database.Database): void {
  const tables = db
    .prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('article_fts', 'article_grams', 'index_state')")
    .pluck()
    .get() as number;
  let version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0) version = 1; // written before the version was recorded
  if (tables === 3 && version === INDEX_SCHEMA_VERSION) {
    if ((db.pragma('user_version', { simple: true }) as number) !== version) db.pragma(`user_version = ${version}`);
    // Files from before the requeue: the column is added, and the queue is applied from its start (each entry is
    // idempotent: an article written again as it is, or rows removed that may already be gone).
    const cols = db.prepare("SELECT name FROM pragma_table_info('index_state')").pluck().all() as string[];
    if (!cols.includes('requeued_through'))
      db.exec('ALTER TABLE index_state ADD COLUMN requeued_through INTEGER NOT NULL DEFAULT 0');
    // Kept pages came later too: derived from the index, their table is simply added (empty until ranked). Their
    // site totals came after them: pages kept before are marked for counting again (not ranking) to gain them.
    const hadSites = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'kept_site'").pluck().get() === 1;
    db.exec(KEPT_PAGE_SQL);
    if (!hadSites) db.exec("UPDATE kept_page SET totals_version = ''");
    applyWriteConfig(db);
    return;
  }
  // Another (older or newer) index, or none: the index is derived data, rebuilt from the archive's captures.
  db.exec(
    'DROP TABLE IF EXISTS article_fts; DROP TABLE IF EXISTS article_grams; DROP TABLE IF EXISTS index_state; ' +
      'DROP TABLE IF EXISTS kept_page; DROP TABLE IF EXISTS kept_site;',
  );
  db.exec(SCHEMA_SQL);
  db.exec(KEPT_PAGE_SQL);
  applyWriteConfig(db);
  db.pragma(`user_version = ${INDEX_SCHEMA_VERSION}`);
}

/** Which file is at a path (a replaced file is another inode, or on another device). */
interface FileIdentity {
  dev: number;
  ino: number;
}

function identityOf(file: string): FileIdentity | null {
  try {
    const st = fs.statSync(file);
    return { dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}

/** True when `file` is still the file `identity` was taken of (a missing file is not). */
function sameFile(file: string, identity: FileIdentity | null): boolean {
  const now = identityOf(file);
  return now !== null && identity !== null && now.dev === identity.dev && now.ino === identity.ino;
}

interface Attachment {
  file: string;
  /** What ATTACH was given (the path, or an immutable URI of it), used again when reattaching. */
  name: string;
  identity: FileIdentity | null;
  /** Moves each time the index is attached anew: a cache keyed on the index's data_version must not survive it. */
  generation: number;
}

const attachments = new WeakMap<Database.Database, Attachment>();

/**
 * The searching connection's page cache for the index, in KiB. Distinct searches share few doclist pages, and the
 * operating system's cache keeps the file's hot pages anyway: 64 MiB here (and 64 for the archive) filled up over a
 * few hundred searches at a million articles and was a third of the process's memory.
 */
export const SEARCH_CACHE_KIB = 32_768;

/**
 * Makes the index readable through the archive's own connection, as `search.article_fts` (unqualified
 * `article_fts` resolves to it). Nothing writes it through this connection.
 */
export function attachIndex(db: Database.Database, archivePath: string, name = indexFileOf(archivePath)): void {
  // `name`: the file as SQLite should open it (an immutable URI for an archive on read-only storage).
  const file = indexFileOf(archivePath);
  db.prepare(`ATTACH DATABASE ? AS ${INDEX_SCHEMA}`).run(name);
  // The page cache is sized per schema: an attached file starts at SQLite's 2 MB default, and search reads large
  // doclists (a rare-word page took 1.6x raw FTS5's time with it).
  db.pragma(`${INDEX_SCHEMA}.cache_size = -${SEARCH_CACHE_KIB}`);
  const generation = (attachments.get(db)?.generation ?? 0) + 1;
  attachments.set(db, { file, name, identity: identityOf(file), generation });
}

/**
 * Before reading the index: when the file at the index's path is no longer the one attached (another process
 * rebuilt or replaced it, or it appeared after this connection opened), attaches the one at the path. A stat costs
 * microseconds. While no file is there, the one attached goes on serving (its writer recreates the file).
 * `archivePath` is needed only for a connection that opened before the index existed.
 */
export function refreshIndex(db: Database.Database, archivePath?: string): void {
  const current = attachments.get(db);
  if (!current) {
    if (archivePath && fs.existsSync(indexFileOf(archivePath))) attachIndex(db, archivePath);
    return;
  }
  if (sameFile(current.file, current.identity) || !fs.existsSync(current.file)) return;
  db.exec(`DETACH DATABASE ${INDEX_SCHEMA}`);
  db.prepare(`ATTACH DATABASE ? AS ${INDEX_SCHEMA}`).run(current.name);
  db.pragma(`${INDEX_SCHEMA}.cache_size = -${SEARCH_CACHE_KIB}`);
  attachments.set(db, {
    file: current.file,
    name: current.name,
    identity: identityOf(current.file),
    generation: current.generation + 1,
  });
}

/**
 * How far the attached index has caught up with this connection's archive, or null without an index. Two index
 * lookups: cheap enough for every search.
 */
export function indexStatus(db: Database.Database): IndexStatus | null {
  if (indexGeneration(db) === 0) return null;
  const through = cachedStatement(
    db,
    `SELECT coalesce((SELECT indexed_through FROM ${INDEX_SCHEMA}.index_state WHERE id = 1), 0)`,
  )
    .pluck()
    .get() as number;
  const newest = cachedStatement(db, 'SELECT coalesce(max(id), 0) FROM capture').pluck().get() as number;
  if (through >= newest) return { catchingUp: false, percent: 100 };
  return { catchingUp: true, percent: Math.min(99, Math.floor((100 * through) / newest)) };
}

/** How many times the index was attached to this connection (0: never); part of the search caches' version. */
export function indexGeneration(db: Database.Database): number {
  return attachments.get(db)?.generation ?? 0;
}
