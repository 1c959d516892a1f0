// Reads one capture's original bytes or reader HTML as received/derived, whatever codec its row is stored in.
import type Database from 'better-sqlite3';
import { statementCache } from '../util.js';
import { unpackBytes, unpackHtml } from './stored-forms.js';

const stmts = statementCache((db) => ({
  original: db.prepare<[number], { original: Buffer; codec: number; text: string | null }>(
    `SELECT cap.original, cap.original_codec AS codec, CASE WHEN cap.original_codec = 0 THEN NULL ELSE ct.text END AS text
     FROM capture cap LEFT JOIN content ct ON ct.capture_id = cap.id WHERE cap.id = ?`,
  ),
  html: db.prepare<[number], { html: string; codec: number; packed: Buffer | null; text: string }>(
    'SELECT html, html_codec AS codec, html_packed AS packed, text FROM content WHERE capture_id = ?',
  ),
}));

/** The capture's original bytes exactly as received, or null when there is no such capture. */
export function readOriginal(db: Database.Database, captureId: number): Buffer | null {
  const row = stmts(db).original.get(captureId);
  return row ? unpackBytes(row.codec, row.original, row.text) : null;
}

/** The capture's reader HTML, or null when the capture has no derived content. */
export function readReaderHtml(db: Database.Database, captureId: number): string | null {
  const row = stmts(db).html.get(captureId);
  return row ? unpackHtml(row.codec, row.html, row.packed, row.text) : null;
}
