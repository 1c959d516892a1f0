// `stacks compact`: compresses every capture and reader HTML still stored raw, in batches, then VACUUMs the archive.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { CompactReport } from '../contract/types.js';
import { sha256Hex, writeTransaction } from '../util.js';
import { CODEC_RAW, packBytes, packHtml, unpackBytes, unpackHtml } from './stored-forms.js';

export interface CompactProgress {
  phase: 'compress' | 'vacuum';
  done: number;
  total: number;
}

export interface CompactOptions {
  /** Rows per transaction: a kill loses at most one batch's work, never a row. */
  batch?: number;
  signal?: AbortSignal;
  onProgress?: (p: CompactProgress) => void;
  /** Skip the VACUUM (the space is then reused by later writes instead of given back to the disk). */
  vacuum?: boolean;
  /** Called between batches (tests: a kill at a known point). */
  afterBatch?: (done: number) => void;
}

const MIN_HTML_CHARS = 256;

/** Bytes of the archive file and its write-ahead log. */
export function archiveFileBytes(file: string): number {
  const size = (f: string): number => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  return size(file) + size(`${file}-wal`);
}

/** Rows compact would still look at (raw originals with a text, raw reader HTML of some size). */
export function rawRowCount(db: Database.Database): number {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM capture cap JOIN content ct ON ct.capture_id = cap.id WHERE cap.original_codec = 0)
              + (SELECT count(*) FROM content WHERE html_codec = 0 AND length(html) >= ${MIN_HTML_CHARS})`,
    )
    .pluck()
    .get() as number;
}

export async function compactArchive(
  db: Database.Database,
  file: string,
  options: CompactOptions = {},
): Promise<CompactReport> {
  const batch = options.batch ?? 200;
  const report: CompactReport = {
    checked: 0,
    compressed: 0,
    skippedDamaged: 0,
    cancelled: false,
    vacuumed: false,
    bytesBefore: 0,
    bytesAfter: 0,
  };
  // The WAL is folded in first so "before" is the archive as it stands, not a log that a checkpoint would shrink.
  db.pragma('wal_checkpoint(TRUNCATE)');
  report.bytesBefore = archiveFileBytes(file);
  const total = rawRowCount(db);
  const progress = (phase: CompactProgress['phase'], done: number, of: number): void =>
    options.onProgress?.({ phase, done, total: of });
  progress('compress', 0, total);
  // Each pass walks by id from where the previous batch stopped; a resumed run finds only rows still raw (rows kept
  // raw because compression did not pay are looked at again, and kept raw again).
  const originals = db.prepare<[number, number], { id: number; sha256: string; original: Buffer; text: string }>(
    `SELECT cap.id, cap.sha256, cap.original, ct.text FROM capture cap JOIN content ct ON ct.capture_id = cap.id
     WHERE cap.original_codec = 0 AND cap.id > ? ORDER BY cap.id LIMIT ?`,
  );
  const setOriginal = db.prepare(
    'UPDATE capture SET original = ?, original_codec = ? WHERE id = ? AND original_codec = 0',
  );
  const htmls = db.prepare<[number, number], { id: number; html: string; text: string }>(
    `SELECT capture_id AS id, html, text FROM content
     WHERE html_codec = 0 AND length(html) >= ${MIN_HTML_CHARS} AND capture_id > ? ORDER BY capture_id LIMIT ?`,
  );
  const setHtml = db.prepare(
    'UPDATE content SET html = ?, html_codec = ?, html_packed = ? WHERE capture_id = ? AND html_codec = 0',
  );
  const runPass = async (step: (after: number) => number | null): Promise<void> => {
    let after = 0;
    for (;;) {
      if (options.signal?.aborted) {
        report.cancelled = true;
        return;
      }
      const last = writeTransaction(db, () => step(after));
      if (last === null) return;
      after = last;
      progress('compress', report.checked, total);
      options.afterBatch?.(report.checked);
      // Lets other work (an HTTP request, the app's messages) in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await runPass((after) => {
    const rows = originals.all(after, batch);
    for (const r of rows) {
      report.checked++;
      // A damaged original is left exactly as it is: compressing it would hide nothing, but changing its bytes
      // at all would muddy what `verify` reports about it.
      if (sha256Hex(r.original) !== r.sha256) {
        report.skippedDamaged++;
        continue;
      }
      const packed = packBytes(r.original, r.text);
      if (packed.codec === CODEC_RAW) continue;
      // Belt and braces: the packed form must give back the very bytes before the raw ones are replaced.
      if (!unpackBytes(packed.codec, packed.data, r.text).equals(r.original)) continue;
      setOriginal.run(packed.data, packed.codec, r.id);
      report.compressed++;
    }
    return rows.length === 0 ? null : rows[rows.length - 1]!.id;
  });
  if (!report.cancelled) {
    await runPass((after) => {
      const rows = htmls.all(after, batch);
      for (const r of rows) {
        report.checked++;
        const packed = packHtml(r.html, r.text);
        if (packed.codec === CODEC_RAW) continue;
        if (unpackHtml(packed.codec, packed.html, packed.packed, r.text) !== r.html) continue;
        setHtml.run(packed.html, packed.codec, packed.packed, r.id);
        report.compressed++;
      }
      return rows.length === 0 ? null : rows[rows.length - 1]!.id;
    });
  }
  if (!report.cancelled && options.vacuum !== false) {
    progress('vacuum', 0, 1);
    // VACUUM rewrites the file without the freed pages; it is one transaction, so a kill leaves the old file whole.
    db.exec('VACUUM main');
    report.vacuumed = true;
    progress('vacuum', 1, 1);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  report.bytesAfter = archiveFileBytes(file);
  return report;
}
