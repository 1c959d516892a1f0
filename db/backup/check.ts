// Checks a backup file before it may replace an archive: SQLite integrity, a Stacks schema this version knows, fixity.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import { LATEST_VERSION } from '../migrations/runner.js';
import { unpackBytes } from '../codec/stored-forms.js';
import { sha256Hex } from '../util.js';

export interface BackupCheck {
  file: string;
  schemaVersion: number;
  articles: number;
  captures: number;
  annotations: number;
  /** Captures, assets and extracted texts whose SHA-256 was recomputed (a sample, or all with `all`). */
  fixityChecked: number;
  fixityTotal: number;
}

export interface CheckOptions {
  /** Recompute the SHA-256 of every capture and asset, not a sample. */
  all?: boolean;
  /** Sample size when not `all` (default 200 captures and 50 assets). */
  sample?: number;
  nativeBinding?: string;
}

/** Throws ArchiveError (CORRUPT, VERSION_FROM_FUTURE, NOT_FOUND) with the reason; never writes to the file. */
export function checkBackup(file: string, options: CheckOptions = {}): BackupCheck {
  if (!fs.existsSync(file)) throw new ArchiveError('NOT_FOUND', `There is no backup file ${file}.`);
  let db: Database.Database;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    throw new ArchiveError('CORRUPT', `${file} cannot be opened as a backup: ${(err as Error).message}`);
  }
  try {
    return inspect(db, file, options);
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError('CORRUPT', `${file} is not a sound Stacks backup: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

function inspect(db: Database.Database, file: string, options: CheckOptions): BackupCheck {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_VERSION) {
    throw new ArchiveError(
      'VERSION_FROM_FUTURE',
      `${file} was written by a newer Stacks (schema ${version}; this version knows up to ${LATEST_VERSION}). ` +
        'Update Stacks to restore it.',
    );
  }
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  if (version < 1 || !tables.has('article') || !tables.has('capture'))
    throw new ArchiveError('CORRUPT', `${file} is not a Stacks archive (no articles or captures in it).`);
  // integrity_check reads every page: torn writes, bad indexes and truncation all show up here.
  const problems = db.pragma('integrity_check(20)', { simple: false }) as { integrity_check: string }[];
  const messages = problems.map((p) => p.integrity_check).filter((m) => m !== 'ok');
  if (messages.length > 0)
    throw new ArchiveError('CORRUPT', `${file} failed SQLite's integrity check: ${messages.slice(0, 3).join('; ')}`);
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  const captures = count('SELECT count(*) FROM capture');
  const assets = tables.has('asset') ? count('SELECT count(*) FROM asset') : 0;
  const sample = options.sample ?? 200;
  const mismatches: string[] = [];
  let checked = 0;
  // A backup from before compressed originals (schema < 10) has no codec column: every original there is raw.
  const packed = (db.prepare('PRAGMA table_info(capture)').all() as { name: string }[]).some(
    (c) => c.name === 'original_codec',
  );
  const captureColumns = packed
    ? `cap.sha256, cap.original AS bytes, cap.original_codec AS codec,
       CASE WHEN cap.original_codec = 0 THEN NULL ELSE ct.text END AS text
       FROM capture cap LEFT JOIN content ct ON ct.capture_id = cap.id`
    : 'cap.sha256, cap.original AS bytes, 0 AS codec, NULL AS text FROM capture cap';
  const captureSql = options.all
    ? `SELECT ${captureColumns}`
    : `SELECT ${captureColumns} WHERE cap.id IN (SELECT id FROM capture ORDER BY random() LIMIT ${sample})`;
  const assetSql = options.all
    ? 'SELECT sha256, bytes FROM asset'
    : `SELECT sha256, bytes FROM asset WHERE sha256 IN (SELECT sha256 FROM asset ORDER BY random() LIMIT ${Math.ceil(sample / 4)})`;
  // The derived text carries its own hash too: a damaged text would mislead search and annotations silently.
  const textSql = options.all
    ? 'SELECT text_sha256 AS sha256, text AS bytes FROM content'
    : `SELECT text_sha256 AS sha256, text AS bytes FROM content WHERE capture_id IN (SELECT capture_id FROM content ORDER BY random() LIMIT ${sample})`;
  const queries = [captureSql, ...(tables.has('asset') ? [assetSql] : []), ...(tables.has('content') ? [textSql] : [])];
  for (const sql of queries) {
    for (const row of db.prepare(sql).iterate() as Iterable<{
      sha256: string;
      bytes: Buffer | string;
      codec?: number;
      text?: string | null;
    }>) {
      checked++;
      if (hashOf(row) !== row.sha256) mismatches.push(row.sha256);
    }
  }
  if (mismatches.length > 0) {
    throw new ArchiveError(
      'CORRUPT',
      `${file}: ${mismatches.length} of ${checked} checked item(s) no longer match their SHA-256 (first: ${mismatches[0]}).`,
    );
  }
  return {
    file,
    schemaVersion: version,
    articles: count('SELECT count(*) FROM article'),
    captures,
    annotations: tables.has('annotation') ? count('SELECT count(*) FROM annotation WHERE deleted_at IS NULL') : 0,
    fixityChecked: checked,
    fixityTotal: captures + assets,
  };
}

/** The hash of what a row holds: a compressed original inflated first (a damaged one hashes to nothing). */
function hashOf(row: { bytes: Buffer | string; codec?: number; text?: string | null }): string {
  if (!row.codec || typeof row.bytes === 'string') return sha256Hex(row.bytes);
  try {
    return sha256Hex(unpackBytes(row.codec, row.bytes, row.text ?? null));
  } catch {
    return '';
  }
}
