// Test archives: a real SQLite file in a temp dir, with articles inserted directly (article, capture, content).
import { openTempArchive } from '../../helpers/archive.js';
import { createHash } from 'node:crypto';
import type { Archive } from '../../../db/open.js';
import type { ArticleId } from '../../../db/contract/types.js';

export function tempArchive(): Archive {
  return openTempArchive();
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface ArticleSeed {
  title: string;
  text: string;
  sourceUrl?: string | null;
  canonicalUrl?: string | null;
}

/** Inserts an article with one capture whose plain text is `text`; returns its id. */
export function addArticle(archive: Archive, seed: ArticleSeed): ArticleId {
  const { db } = archive;
  const at = new Date().toISOString();
  const id = Number(
    db
      .prepare('INSERT INTO article (title, source_url, canonical_url, added_at) VALUES (?, ?, ?, ?)')
      .run(seed.title, seed.sourceUrl ?? null, seed.canonicalUrl ?? null, at).lastInsertRowid,
  );
  recapture(archive, id as ArticleId, seed.text, '2024-03-01T10:00:00.000Z');
  return id as ArticleId;
}

/** Adds a new capture (version) with `text` and makes it the article's current one. */
export function recapture(
  archive: Archive,
  id: ArticleId,
  text: string,
  capturedAt = new Date().toISOString(),
): string {
  const { db } = archive;
  const bytes = Buffer.from(`<html><body><p>${text}</p><!-- ${id} ${Math.random()} --></body></html>`);
  const digest = sha(bytes.toString('latin1'));
  const captureId = Number(
    db
      .prepare(
        `INSERT INTO capture (article_id, sha256, original, media_type, byte_size, captured_at, importer, importer_version)
     VALUES (?, ?, ?, 'text/html', ?, ?, 'test', '1')`,
      )
      .run(id, digest, bytes, bytes.length, capturedAt).lastInsertRowid,
  );
  db.prepare('INSERT INTO content (capture_id, html, text, text_sha256) VALUES (?, ?, ?, ?)').run(
    captureId,
    `<p>${text}</p>`,
    text,
    sha(text),
  );
  db.prepare('UPDATE article SET current_capture_id = ? WHERE id = ?').run(captureId, id);
  return digest;
}

export function addToCollection(archive: Archive, id: ArticleId, name: string): void {
  const { db } = archive;
  db.prepare('INSERT OR IGNORE INTO collection (name, created_at) VALUES (?, ?)').run(name, new Date().toISOString());
  const c = db.prepare('SELECT id FROM collection WHERE name = ?').get(name) as { id: number };
  db.prepare('INSERT OR IGNORE INTO article_collection (article_id, collection_id, added_at) VALUES (?, ?, ?)').run(
    id,
    c.id,
    new Date().toISOString(),
  );
}

export const SAMPLE_TEXT = [
  'Archives are how a society remembers. Without them, the record of what was said and done dissolves into rumor.',
  'A web page is a fragile thing: it changes without notice, moves to a new address, or disappears entirely.',
  'Researchers who cite the web therefore keep their own copies, marked up with highlights and notes of their own.',
  'Those marks must survive new versions of the page, or the reading that produced them is lost with them.',
].join('\n\n');
