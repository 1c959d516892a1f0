// Puts a checked backup back in place of an archive, atomically: SQLite's backup API writes it as one transaction.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import { openArchive } from '../open.js';
import { backupDatabase, fsyncDir, fsyncFile, partialFileOf, staleParts, type BackupProgress } from './backup.js';
import { checkBackup, type BackupCheck } from './check.js';
import { backupFileName, backupsDirOf } from './rotation.js';

export interface RestoreOptions {
  /** Recompute every SHA-256 in the backup before restoring (default: a sample). */
  verify?: boolean;
  onProgress?: (p: BackupProgress) => void;
  /** Pause after each step of the copy, in ms (blocks this thread); see BackupOptions.pauseMs. */
  pauseMs?: number;
  /** Called between the phases, for a CLI status line. */
  onPhase?: (phase: 'checking' | 'saving current' | 'restoring' | 'rebuilding index') => void;
  nativeBinding?: string;
}

export interface RestoreResult {
  check: BackupCheck;
  /** Where the archive as it was before the restore was saved (null when there was none). */
  previous: string | null;
}

/**
 * 1. check the backup (integrity, schema, fixity) and refuse it with the reason;
 * 2. save the current archive into the backups folder (`…before-restore.bak`), so a restore can itself be undone;
 * 3. copy the backup to a private temporary file and give it a new search-index key (the index file beside the
 *    archive describes the archive as it was, and must be rebuilt, never trusted);
 * 4. write it into the archive with SQLite's backup API: other connections see the old archive or the restored one,
 *    and a kill part way leaves the old archive (the unfinished transaction is rolled back at the next open);
 * 5. open it once, which migrates an older backup and rebuilds the search index.
 */
export async function restoreArchive(
  archivePath: string,
  backupFile: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const target = path.resolve(archivePath);
  const source = path.resolve(backupFile);
  if (source === target) throw new ArchiveError('INVALID_INPUT', 'The backup file is the archive itself.');
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  options.onPhase?.('checking');
  const check = checkBackup(source, { all: options.verify ?? false, ...binding });

  const exists = fs.existsSync(target);
  let previous: string | null = null;
  if (exists) {
    options.onPhase?.('saving current');
    previous = await saveCurrent(target, binding);
  }

  options.onPhase?.('restoring');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  for (const stale of staleParts(path.dirname(target))) fs.rmSync(stale, { force: true });
  const temp = partialFileOf(`${target}.restore`);
  try {
    fs.copyFileSync(source, temp);
    const pageSize = exists ? pageSizeOf(target, binding) : null;
    prepareCopy(temp, pageSize, binding);
    if (exists && pageSize === null) {
      // The archive is not a database SQLite can open (that is often why one restores): its bytes were saved
      // above, so the restored file simply takes its place, with the old write-ahead log removed first.
      for (const side of ['-wal', '-shm', '-journal']) fs.rmSync(`${target}${side}`, { force: true });
      fs.renameSync(temp, target);
      fsyncDir(path.dirname(target));
    } else {
      await writeInto(temp, target, options, binding);
    }
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError(
      'INTERNAL',
      `Restoring ${source} failed, the archive was not changed: ${(err as Error).message}`,
    );
  } finally {
    fs.rmSync(temp, { force: true });
    fs.rmSync(`${temp}-journal`, { force: true });
  }

  options.onPhase?.('rebuilding index');
  openArchive(target, binding).close();
  return { check, previous };
}

/** SQLite's backup API into the live file: one write transaction, so readers see the old archive or the new one. */
async function writeInto(
  temp: string,
  target: string,
  options: RestoreOptions,
  binding: { nativeBinding?: string },
): Promise<void> {
  const src = new Database(temp, { readonly: true, fileMustExist: true, ...binding });
  try {
    await src.backup(target, {
      progress: (p) => {
        options.onProgress?.(p);
        if (options.pauseMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, options.pauseMs);
        return options.pauseMs ? 8 : 1024;
      },
    });
  } finally {
    src.close();
  }
}

/** The archive as it is now, into the backups folder; a file SQLite cannot read is copied byte for byte. */
async function saveCurrent(target: string, binding: { nativeBinding?: string }): Promise<string> {
  const dir = backupsDirOf(target);
  fs.mkdirSync(dir, { recursive: true });
  const dest = path.join(dir, backupFileName(target, new Date(), 'before-restore'));
  let db: Database.Database | null = null;
  try {
    db = new Database(target, { fileMustExist: true, ...binding });
    await backupDatabase(db, dest, binding);
  } catch {
    fs.copyFileSync(target, dest);
    fsyncFile(dest);
  } finally {
    db?.close();
  }
  return dest;
}

/** The private copy: one file, the destination's page size (a WAL archive takes no other), a new index key. */
function prepareCopy(file: string, pageSize: number | null, binding: { nativeBinding?: string }): void {
  const db = new Database(file, { fileMustExist: true, ...binding });
  try {
    db.pragma('journal_mode = DELETE');
    if (pageSize !== null && db.pragma('page_size', { simple: true }) !== pageSize) {
      db.pragma(`page_size = ${pageSize}`);
      db.exec('VACUUM');
    }
    const hasMeta = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'archive_meta'").pluck().get() === 1;
    if (hasMeta) db.prepare("UPDATE archive_meta SET value = lower(hex(randomblob(16))) WHERE key = 'index_key'").run();
  } finally {
    db.close();
  }
  fsyncFile(file);
}

function pageSizeOf(file: string, binding: { nativeBinding?: string }): number | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, ...binding });
    try {
      return db.pragma('page_size', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}
