// Online backup of an archive into one self-contained file, written beside its target and renamed only when complete.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupOptions {
  onProgress?: (p: BackupProgress) => void;
  /** Pages copied per step (default 1024, 16 MiB at 16 KiB pages): small steps keep the app responsive. */
  pagesPerStep?: number;
  /**
   * Pause after each step, in ms, blocking this thread: spreads a command-line backup's disk reads out over time on
   * a busy machine (`STACKS_BACKUP_PAUSE_MS`); the crash tests use it to kill a backup part way. Never in the app.
   */
  pauseMs?: number;
  /** Path of better-sqlite3's .node file (the packaged app names it). */
  nativeBinding?: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  ms: number;
}

const PARTIAL = '.partial-';

/** The temporary name a backup is written under: a kill leaves only this, never a half file under the real name. */
export function partialFileOf(dest: string): string {
  return `${dest}${PARTIAL}${process.pid}`;
}

/**
 * Copies the archive's main database with SQLite's online backup while it stays in use: other connections go on
 * reading and writing; writes from this connection are carried into the copy as it goes, and a write from another
 * process makes SQLite start over, after which the rest is copied in one step (a consistent snapshot under WAL,
 * which never blocks writers). The copy is then switched to a rollback journal (one file, nothing beside it),
 * checked, fsynced and renamed into place, so `dest` is either the previous file or a complete, sound backup.
 *
 * The search index file is not copied: it holds nothing original, is rebuilt from the archive at open, and a second
 * file could never be copied at the same instant as the first anyway.
 */
export async function backupDatabase(
  db: Database.Database,
  dest: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const started = performance.now();
  const target = path.resolve(dest);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new ArchiveError('INVALID_INPUT', `The folder ${dir} does not exist.`);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory())
    throw new ArchiveError('INVALID_INPUT', `${target} is a folder; name the backup file.`);
  const partial = partialFileOf(target);
  // What a killed backup to the same file left behind goes first.
  for (const stale of staleParts(dir))
    if (path.basename(stale).startsWith(`${path.basename(target)}${PARTIAL}`)) fs.rmSync(stale, { force: true });
  fs.rmSync(partial, { force: true });
  const step = Math.max(1, options.pagesPerStep ?? 1024);
  let lowest = Infinity;
  let pages = 0;
  try {
    const done = await db.backup(partial, {
      progress: (p) => {
        options.onProgress?.(p);
        if (options.pauseMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, options.pauseMs);
        // Remaining pages went up: another process wrote and SQLite restarted; copy the rest at once.
        const restarted = p.remainingPages > lowest;
        lowest = Math.min(lowest, p.remainingPages);
        return restarted ? 0x7fffffff : step;
      },
    });
    pages = done.totalPages;
    options.onProgress?.({ totalPages: done.totalPages, remainingPages: 0 });
    sealCopy(partial, options.nativeBinding);
    fsyncFile(partial);
    fs.renameSync(partial, target);
    fsyncDir(dir);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${partial}-journal`, { force: true });
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError('INTERNAL', `The backup to ${target} failed: ${(err as Error).message}`);
  }
  return { file: target, bytes: fs.statSync(target).size, pages, ms: performance.now() - started };
}

/** One file without WAL beside it, and a quick structural check before it may take the backup's name. */
function sealCopy(file: string, nativeBinding?: string): void {
  const copy = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable (a no-op where directories cannot be opened, as on Windows). */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself has happened.
  } finally {
    fs.closeSync(fd);
  }
}

/** Partial files left by a backup that was killed (its process is gone); safe to delete. */
export function staleParts(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => {
      const at = name.lastIndexOf(PARTIAL);
      if (at < 0) return false;
      const pid = Number(name.slice(at + PARTIAL.length).replace(/-journal$/, ''));
      return Number.isInteger(pid) && !processAlive(pid);
    })
    .map((name) => path.join(dir, name));
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
