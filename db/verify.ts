// Fixity check: recomputes the SHA-256 of every stored capture and asset and logs each result as provenance.
import type Database from 'better-sqlite3';
import type { ArticleId, CaptureId, VerifyMismatch, VerifyReport } from './contract/types.js';
import { unpackBytes } from './codec/stored-forms.js';
import { logEvent } from './repos/events.js';
import { cachedStatement, sha256Hex, writeTransaction } from './util.js';

export interface VerifyOptions {
  onProgress?: (checked: number, total: number) => void;
  /** Log the results as provenance (default true); a read-only archive is checked without recording it. */
  record?: boolean;
}

export function verifyArchive(db: Database.Database, options: VerifyOptions = {}): VerifyReport {
  const total = (
    cachedStatement(db, 'SELECT (SELECT count(*) FROM capture) + (SELECT count(*) FROM asset) AS n').get() as {
      n: number;
    }
  ).n;
  const mismatches: VerifyMismatch[] = [];
  let checked = 0;
  const tick = (): void => {
    checked++;
    if (checked % 500 === 0 || checked === total) options.onProgress?.(checked, total);
  };
  // iterate() streams rows, so a large archive is checked without loading every blob at once.
  // A compressed original is inflated against its row's text first: the hash is always of the bytes as received.
  const captures = db.prepare(`SELECT cap.id, cap.article_id, cap.sha256, cap.original, cap.original_codec AS codec,
    CASE WHEN cap.original_codec = 0 THEN NULL ELSE ct.text END AS text
    FROM capture cap LEFT JOIN content ct ON ct.capture_id = cap.id ORDER BY cap.id`);
  for (const row of captures.iterate() as Iterable<{
    id: number;
    article_id: number;
    sha256: string;
    original: Buffer;
    codec: number;
    text: string | null;
  }>) {
    const actual = originalHash(row.codec, row.original, row.text);
    if (actual !== row.sha256) {
      mismatches.push({
        kind: 'capture',
        sha256: row.sha256,
        actual,
        articleId: row.article_id as ArticleId,
        captureId: row.id as CaptureId,
      });
    }
    tick();
  }
  const assets = db.prepare('SELECT sha256, bytes FROM asset ORDER BY sha256');
  for (const row of assets.iterate() as Iterable<{ sha256: string; bytes: Buffer }>) {
    const actual = sha256Hex(row.bytes);
    if (actual !== row.sha256)
      mismatches.push({ kind: 'asset', sha256: row.sha256, actual, articleId: null, captureId: null });
    tick();
  }
  if (options.record !== false) recordVerify(db, checked, mismatches);
  return { checked, ok: checked - mismatches.length, mismatches };
}

/** The SHA-256 of a capture's original as received; a compressed one that no longer inflates says so instead. */
function originalHash(codec: number, stored: Buffer, text: string | null): string {
  try {
    return sha256Hex(unpackBytes(codec, stored, text));
  } catch (e) {
    return `unreadable: ${(e as Error).message}`;
  }
}

function recordVerify(db: Database.Database, checked: number, mismatches: VerifyMismatch[]): void {
  writeTransaction(db, () => {
    for (const m of mismatches) {
      logEvent(
        db,
        'failed-verify',
        m.articleId,
        m.captureId,
        `${m.kind} ${m.sha256}: stored bytes now hash to ${m.actual}`,
      );
    }
    logEvent(
      db,
      'verified',
      null,
      null,
      `${checked} checked, ${checked - mismatches.length} ok, ${mismatches.length} mismatched`,
    );
  });
}
