// Opens (or creates) one archive file: pragmas chosen for durability, then migrations up to the latest schema.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { retryWhileBusy } from './busy-retry.js';
import { ArchiveError, storageError } from './contract/errors.js';
import { assertNotFromFuture, migrate } from './migrations/runner.js';
import {
  attachIndex,
  indexFileOf,
  openIndexWriter,
  type CatchUpProgress,
  type IndexWriter,
} from './search/index/article-index-file.js';
import { bindIndex, catchUpInBackground, stopIndexMaintenance } from './search/index/article-index-sync.js';

export interface Archive {
  db: Database.Database;
  path: string;
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
}

/** Captures behind from which `indexInBackground` rebuilds on the helper thread rather than at once. */
export const BACKGROUND_INDEX_FROM = 2000;

export function openArchive(file: string, options: OpenOptions = {}): Archive {
  const full = path.resolve(file);
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
  let writer: IndexWriter | null = null;
  try {
    configure(db, options.readonly ?? false);
    if (!options.readonly) {
      migrate(db, options.targetVersion);
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
    close: () => {
      stopIndexMaintenance(db);
      writer?.close();
      db.close();
    },
  };
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
  db.pragma('cache_size = -65536'); // 64 MiB page cache: search touches large FTS doclists
  db.pragma('temp_store = MEMORY');
}
