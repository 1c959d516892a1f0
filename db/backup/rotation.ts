// Rotating automatic backups, like Zotero's .bak files: at most one a day on open, the newest N kept, in `backups/`.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { BackupInfo, BackupSettings, BackupStatus } from '../contract/types.js';
import { backupDatabase, staleParts, type BackupOptions, type BackupResult } from './backup.js';
import { cachedStatement, writeTransaction } from '../util.js';

export const DEFAULT_KEEP = 3;
export const MAX_KEEP = 100;
/** "Once a day" with slack, so a user who opens Stacks at 9:00 one day and 8:30 the next still gets a backup. */
const DUE_AFTER_MS = 20 * 3600_000;

/** The folder beside the archive that holds its backups: `<folder of the archive>/backups/`. */
export function backupsDirOf(archivePath: string): string {
  return path.join(path.dirname(path.resolve(archivePath)), 'backups');
}

/** `archive.stacks.sqlite.2026-12-06T22-40-01Z.bak`; a restore's safety copy ends `.before-restore.bak`. */
export function backupFileName(archivePath: string, at: Date, kind: BackupInfo['kind'] = 'automatic'): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return `${path.basename(archivePath)}.${stamp}${kind === 'before-restore' ? '.before-restore' : ''}.bak`;
}

const NAME = /^(.*)\.(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)(\.before-restore)?\.bak$/;

/** This archive's backups in its folder, newest first. */
export function listBackups(archivePath: string): BackupInfo[] {
  const dir = backupsDirOf(archivePath);
  if (!fs.existsSync(dir)) return [];
  const base = path.basename(archivePath);
  const found: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m || m[1] !== base) continue;
    const file = path.join(dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    const [date, time] = m[2]!.split('T') as [string, string];
    found.push({
      file,
      name,
      createdAt: `${date}T${time.replace(/-/g, ':')}`,
      bytes: stat.size,
      kind: m[3] ? 'before-restore' : 'automatic',
    });
  }
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

// ---------- settings, kept in the archive itself so the CLI and the app share them ----------

export function backupSettings(db: Database.Database): BackupSettings {
  const get = (key: string): string | undefined =>
    cachedStatement(db, 'SELECT value FROM archive_meta WHERE key = ?').pluck().get(key) as string | undefined;
  const keep = Number(get('backup_keep') ?? DEFAULT_KEEP);
  return {
    automatic: get('backup_automatic') !== 'off',
    keep: Number.isInteger(keep) && keep >= 1 && keep <= MAX_KEEP ? keep : DEFAULT_KEEP,
  };
}

export function setBackupSettings(db: Database.Database, patch: Partial<BackupSettings>): BackupSettings {
  const put = cachedStatement(
    db,
    'INSERT INTO archive_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  writeTransaction(db, () => {
    if (patch.automatic !== undefined) put.run('backup_automatic', patch.automatic ? 'on' : 'off');
    if (patch.keep !== undefined) put.run('backup_keep', String(patch.keep));
  });
  return backupSettings(db);
}

export function backupStatus(db: Database.Database, archivePath: string): BackupStatus {
  return { ...backupSettings(db), folder: backupsDirOf(archivePath), backups: listBackups(archivePath) };
}

// ---------- making and rotating ----------

/** A backup into the folder now, then the oldest automatic ones beyond `keep` removed. */
export async function backupNow(
  db: Database.Database,
  archivePath: string,
  options: BackupOptions & { now?: Date } = {},
): Promise<BackupResult> {
  const dir = backupsDirOf(archivePath);
  fs.mkdirSync(dir, { recursive: true });
  for (const stale of staleParts(dir)) fs.rmSync(stale, { force: true });
  let at = options.now ?? new Date();
  // Two backups in one second (a test, a double click) must not overwrite each other.
  while (fs.existsSync(path.join(dir, backupFileName(archivePath, at)))) at = new Date(at.getTime() + 1000);
  const result = await backupDatabase(db, path.join(dir, backupFileName(archivePath, at)), options);
  prune(archivePath, backupSettings(db).keep);
  return result;
}

/** Deletes automatic backups beyond the newest `keep`; a restore's safety copies are the user's to delete. */
export function prune(archivePath: string, keep: number): string[] {
  const old = listBackups(archivePath)
    .filter((b) => b.kind === 'automatic')
    .slice(keep);
  for (const b of old) fs.rmSync(b.file, { force: true });
  return old.map((b) => b.file);
}

/**
 * True when automatic backups are on, the archive holds something, and the newest backup is more than ~a day old
 * (or there is none). An empty archive (a first command on a new one) has nothing worth a copy, and backing it up
 * would leave a `backups/` folder beside an archive that a mistyped command just created.
 */
export function backupDue(db: Database.Database, archivePath: string, now = new Date()): boolean {
  if (!backupSettings(db).automatic) return false;
  if (!cachedStatement(db, 'SELECT EXISTS (SELECT 1 FROM article) AS has').pluck().get()) return false;
  const newest = listBackups(archivePath).find((b) => b.kind === 'automatic');
  return !newest || now.getTime() - Date.parse(newest.createdAt) >= DUE_AFTER_MS;
}

/** The daily backup on open: made when due, else nothing. */
export async function autoBackup(
  db: Database.Database,
  archivePath: string,
  options: BackupOptions & { now?: Date } = {},
): Promise<BackupResult | null> {
  if (!backupDue(db, archivePath, options.now)) return null;
  return backupNow(db, archivePath, options);
}
