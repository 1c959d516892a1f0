// Opens (or creates) one archive file: pragmas chosen for durability, then migrations up to the latest schema.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { retryWhileBusy } from './busy-retry.js';
import { ArchiveError, storageError } from './contract/errors.js';
import {
  assertNotFromFuture,
  LATEST_VERSION,
  migrate,
  schemaVersion,
  type MigrationStep,
} from './migrations/runner.js';
import {
  attachIndex,
  indexFileOf,
  INDEX_SCHEMA,
  openIndexWriter,
  type CatchUpProgress,
  type IndexWriter,
} from './search/index/article-index-file.js';
import { bindIndex, catchUpInBackground, stopIndexMaintenance } from './search/index/article-index-sync.js';
import { immutableName } from './sqlite-uri.js';
import { rememberNativeBinding } from './sqlite-build.js';

export interface Archive {
  db: Database.Database;
  path: string;
  /**
   * Opened read-only because nothing may be written where it is (read-only media, folder or file): reading,
   * searching and exporting work, every write fails with READ_ONLY, and nothing is created beside the file.
   */
  readOnly: boolean;
  close(): void;
}

export interface OpenOptions {
  /** Open without creating or migrating (e.g. to inspect a file); default false. */
  readonly?: boolean;
  /** Stop migrating at this schema version (tests build old-version files with it). */
  targetVersion?: number;
  /** Path of better-sqlite3's .node file; the packaged app names it so no module lookup runs inside the asar. */
  nativeBinding?: string;
  /**
   * When the search index is far behind (missing, old or foreign: a rebuild), catch it up on a helper thread while
   * the archive is already in use (the app and server); search says it is catching up. Default false: it is caught
   * up before openArchive returns.
   */
  indexInBackground?: boolean;
  /** Progress of a catch-up done before openArchive returns (the CLI prints it when it is long). */
  onIndexProgress?: (progress: CatchUpProgress) => void;
  /** Each migration an archive made by an older Stacks is about to be upgraded by (the CLI prints them). */
  onUpgrade?: (step: MigrationStep) => void;
}

/** Captures behind from which `indexInBackground` rebuilds on the helper thread rather than at once. */
export const BACKGROUND_INDEX_FROM = 2000;

export type { MigrationStep };

export function openArchive(file: string, options: OpenOptions = {}): Archive {
  const full = path.resolve(file);
  // Checked first, so that nothing is attempted (and nothing left behind) where it cannot be written.
  if (onReadOnlyStorage(full)) return openReadOnly(full, options);
  try {
    return openWritable(full, options);
  } catch (err) {
    // The file system said no although the permissions looked fine (a read-only mount seen through a writable
    // folder, a locked file on Windows): the archive is still readable.
    if (err instanceof ArchiveError && err.code === 'READ_ONLY' && fs.existsSync(full)) {
      return openReadOnly(full, options);
    }
    throw err;
  }
}

function openWritable(full: string, options: OpenOptions): Archive {
  let db: Database.Database;
  try {
    if (!options.readonly) fs.mkdirSync(path.dirname(full), { recursive: true });
    db = new Database(full, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    throw (
      storageProblem(err, full) ?? new ArchiveError('CORRUPT', `Cannot open archive ${full}: ${(err as Error).message}`)
    );
  }
  rememberNativeBinding(db, options.nativeBinding);
  let writer: IndexWriter | null = null;
  try {
    configure(db, options.readonly ?? false);
    if (!options.readonly) {
      migrate(db, options.targetVersion, options.onUpgrade);
      writer = openSearchIndex(db, full, options);
    } else if (fs.existsSync(indexFileOf(full))) {
      attachIndex(db, full);
    }
  } catch (err) {
    writer?.close();
    db.close();
    if (err instanceof ArchiveError) throw err;
    throw (
      storageProblem(err, full) ??
      new ArchiveError('CORRUPT', `${full} is not a readable Stacks archive: ${(err as Error).message}`)
    );
  }
  return {
    db,
    path: full,
    readOnly: false,
    close: () => {
      stopIndexMaintenance(db);
      writer?.close();
      db.close();
    },
  };
}

/** An existing archive that cannot be written where it is: the file itself, or its folder (-wal/-shm live there). */
function onReadOnlyStorage(full: string): boolean {
  if (!fs.existsSync(full)) return false;
  for (const p of [full, path.dirname(full)]) {
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * Opens an archive on read-only storage as immutable: no lock, no -wal/-shm file (a WAL archive cannot be read
 * read-only otherwise where they cannot be created), no migration, no index rebuild. Nobody can change the file
 * while it is open, which is what immutable asks.
 */
function openReadOnly(full: string, options: OpenOptions): Archive {
  let db: Database.Database;
  try {
    db = new Database(immutableName(full), {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    throw new ArchiveError('READ_ONLY', `Cannot open the read-only archive ${full}: ${(err as Error).message}`);
  }
  try {
    configure(db, true);
    const version = schemaVersion(db);
    if (version < LATEST_VERSION) {
      throw new ArchiveError(
        'READ_ONLY',
        `${full} was made by an older version of Stacks and must be upgraded before this version can open it, ` +
          'which cannot happen where it is (it is read-only). Copy it to a folder you can write to and open it there.',
      );
    }
    attachReadOnlyIndex(db, full);
  } catch (err) {
    db.close();
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError('CORRUPT', `${full} is not a readable Stacks archive: ${(err as Error).message}`);
  }
  return { db, path: full, readOnly: true, close: () => db.close() };
}

/**
 * The search index beside a read-only archive, attached when it is this archive's (it cannot be built or caught
 * up here). Without it search says so (db/search/run.ts) while listing and reading work.
 */
function attachReadOnlyIndex(db: Database.Database, full: string): void {
  if (!fs.existsSync(indexFileOf(full))) return;
  attachIndex(db, full, immutableName(indexFileOf(full)));
  const key = db.prepare("SELECT value FROM archive_meta WHERE key = 'index_key'").pluck().get();
  let indexKey: unknown;
  try {
    indexKey = db.prepare(`SELECT archive_key FROM ${INDEX_SCHEMA}.index_state WHERE id = 1`).pluck().get();
  } catch {
    indexKey = undefined; // not an index file at all
  }
  if (indexKey === undefined || indexKey !== key) db.exec(`DETACH DATABASE ${INDEX_SCHEMA}`);
}

/**
 * A full disk or a folder that cannot be written, said as such: these are not a damaged archive. SQLite reports a
 * folder where it cannot create its -wal/-shm files as "unable to open", so that is checked against the folder.
 */
function storageProblem(err: unknown, full: string): ArchiveError | null {
  // Only the storage failures: a damaged file keeps the message that names it.
  const known = storageError(err);
  if (known && known.code !== 'CORRUPT' && known.code !== 'INTERNAL') return known;
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM') {
    try {
      fs.accessSync(path.dirname(full), fs.constants.W_OK);
    } catch {
      return new ArchiveError(
        'READ_ONLY',
        `The archive's folder is read-only (${path.dirname(full)}): Stacks cannot open or create an archive there. Copy the archive to a folder you can write to.`,
      );
    }
  }
  return null;
}

/**
 * The search index file (db/search/index/article-index-file.ts): created, rebuilt or caught up with the archive's captures
 * (after a kill mid-import, say), then attached for search. A file stopped at an older schema has no index.
 */
function openSearchIndex(db: Database.Database, full: string, options: OpenOptions): IndexWriter | null {
  const hasKey = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'archive_meta'").pluck().get() === 1;
  if (!hasKey) return null;
  const writer = openIndexWriter(full, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const background = (options.indexInBackground ?? false) && writer.pending() >= BACKGROUND_INDEX_FROM;
  try {
    try {
      if (!background) writer.catchUp(options.onIndexProgress);
    } catch (err) {
      // On a full disk the catch-up cannot be written: the archive still opens for reading and searching (what
      // is not indexed yet is caught up at a later open), rather than every command failing.
      if (storageError(err)?.code !== 'DISK_FULL') throw err;
    }
    attachIndex(db, full);
  } catch (err) {
    writer.close();
    throw err;
  }
  bindIndex(db, {
    archivePath: full,
    writer,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  if (background) void catchUpInBackground(db);
  return writer;
}

function configure(db: Database.Database, readonly: boolean): void {
  // First: another process creating or migrating the same file holds its lock for a moment, and every statement
  // below waits for it instead of failing with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  // Reading the schema first turns "file is not a database" into an error here, not mid-import.
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  // Before any pragma writes to the file (WAL changes its header): a newer archive is left untouched.
  assertNotFromFuture(db);
  // 16 KiB pages for a new file (set before anything is written): captures are 5-50 KB blobs and FTS5 doclists
  // are large, so bigger pages mean fewer overflow chains; measured ~1.6x faster bulk import than 4 KiB.
  if (!readonly && db.pragma('page_count', { simple: true }) === 0) db.pragma('page_size = 16384');
  if (!readonly) retryWhileBusy(() => db.pragma('journal_mode = WAL'));
  // FULL (not NORMAL) under WAL: a committed capture is fsynced with its commit and survives a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // 16 MiB: the archive's pages a search reads are the page's rows and texts, different for every query; the index
  // has its own cache (SEARCH_CACHE_KIB), and an import raises this one for its batches.
  db.pragma('cache_size = -16384');
  db.pragma('temp_store = MEMORY');
}
