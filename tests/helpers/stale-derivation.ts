// Makes a capture look as an older Stacks left it: its text and reader HTML replaced, its original stored raw.
import type Database from 'better-sqlite3';
import { readOriginal } from '../../db/codec/read.js';

/**
 * The original is stored compressed against the text, so it is written back raw before the text is replaced
 * (as an archive from before compression holds it); otherwise it could no longer be read.
 */
export function staleDerivation(db: Database.Database, captureId: number, text: string, html: string): void {
  const original = readOriginal(db, captureId);
  if (!original) throw new Error(`No capture ${captureId}`);
  db.prepare('UPDATE capture SET original = ?, original_codec = 0 WHERE id = ?').run(original, captureId);
  db.prepare('UPDATE content SET text = ?, html = ?, html_codec = 0, html_packed = NULL WHERE capture_id = ?').run(
    text,
    html,
    captureId,
  );
}
