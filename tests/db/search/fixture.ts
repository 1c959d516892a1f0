// Test fixture: a real archive file in a temp dir, filled with SQL rows and indexed the way the app indexes them.
import { openTempArchive } from '../../helpers/archive.js';
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Archive } from '../../../db/open.js';
import { indexAnnotation } from '../../../db/search/index/annotation-index.js';
import { catchUpIndex } from '../../../db/search/index/article-index-sync.js';

export interface FixtureArticle {
  title: string;
  body: string;
  byline?: string;
  site?: string;
  url?: string;
  publishedAt?: string | null;
  addedAt?: string;
  tags?: string[];
  collections?: string[];
  isRead?: boolean;
  isFavorite?: boolean;
  isArchived?: boolean;
  trashed?: boolean;
}

export interface FixtureAnnotation {
  articleId: number;
  quote: string;
  note?: string;
  color?: string | null;
  tags?: string[];
  createdAt?: string;
  deleted?: boolean;
}

export function tempArchive(): Archive & { dir: string } {
  return openTempArchive();
}

function tagId(db: Database.Database, name: string): number {
  db.prepare('INSERT OR IGNORE INTO tag (name) VALUES (?)').run(name);
  return db.prepare('SELECT id FROM tag WHERE name = ?').pluck().get(name) as number;
}

/** Inserts an article with one capture and its content, the way the import path does, then indexes it. */
export function addArticle(db: Database.Database, a: FixtureArticle): number {
  const added = db.transaction(() => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO article (title, byline, site_name, source_url, published_at, word_count, added_at,
      excerpt, is_read, is_favorite, is_archived, trashed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          a.title,
          a.byline ?? null,
          a.site ?? null,
          a.url ?? null,
          a.publishedAt ?? null,
          a.body.split(/\s+/).length,
          a.addedAt ?? '2025-01-15T10:00:00Z',
          a.body.slice(0, 120),
          a.isRead ? 1 : 0,
          a.isFavorite ? 1 : 0,
          a.isArchived ? 1 : 0,
          a.trashed ? '2025-02-01T00:00:00Z' : null,
        ).lastInsertRowid,
    );
    const bytes = Buffer.from(a.body);
    const sha = crypto.createHash('sha256').update(bytes).update(String(id)).digest('hex');
    const captureId = Number(
      db
        .prepare(
          `INSERT INTO capture (article_id, sha256, original, media_type, byte_size, captured_at, importer, importer_version)
      VALUES (?, ?, ?, 'text/plain', ?, '2025-01-15T10:00:00Z', 'fixture', '1')`,
        )
        .run(id, sha, bytes, bytes.length).lastInsertRowid,
    );
    db.prepare("INSERT INTO content (capture_id, html, text, text_sha256) VALUES (?, '', ?, ?)").run(
      captureId,
      a.body,
      sha,
    );
    db.prepare('UPDATE article SET current_capture_id = ? WHERE id = ?').run(captureId, id);
    for (const t of a.tags ?? [])
      db.prepare('INSERT INTO article_tag (article_id, tag_id) VALUES (?, ?)').run(id, tagId(db, t));
    for (const c of a.collections ?? []) {
      db.prepare("INSERT OR IGNORE INTO collection (name, created_at) VALUES (?, '2025-01-01')").run(c);
      const cid = db.prepare('SELECT id FROM collection WHERE name = ?').pluck().get(c) as number;
      db.prepare(
        "INSERT INTO article_collection (article_id, collection_id, added_at) VALUES (?, ?, '2025-01-01')",
      ).run(id, cid);
    }
    return id;
  })();
  catchUpIndex(db); // the index file follows the committed capture, as after an import
  return added;
}

export function addAnnotation(db: Database.Database, n: FixtureAnnotation): number {
  return db.transaction(() => {
    const text = db
      .prepare('SELECT c.text FROM article a JOIN content c ON c.capture_id = a.current_capture_id WHERE a.id = ?')
      .pluck()
      .get(n.articleId) as string;
    const start = text.indexOf(n.quote);
    const id = Number(
      db
        .prepare(
          `INSERT INTO annotation (article_id, kind, capture_sha256, color, note, pos_start, pos_end, quote_exact,
      quote_prefix, quote_suffix, anchor_state, anchor_start, anchor_end, created_at, updated_at, deleted_at)
      VALUES (?, 'highlight', 'x', ?, ?, ?, ?, ?, '', '', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          n.articleId,
          n.color ?? null,
          n.note ?? '',
          start,
          start + n.quote.length,
          n.quote,
          start >= 0 ? 'exact' : 'orphan',
          start >= 0 ? start : null,
          start >= 0 ? start + n.quote.length : null,
          n.createdAt ?? '2025-03-01T00:00:00Z',
          n.createdAt ?? '2025-03-01T00:00:00Z',
          n.deleted ? '2025-03-02T00:00:00Z' : null,
        ).lastInsertRowid,
    );
    for (const t of n.tags ?? [])
      db.prepare('INSERT INTO annotation_tag (annotation_id, tag_id) VALUES (?, ?)').run(id, tagId(db, t));
    if (!n.deleted) indexAnnotation(db, { id, quote: n.quote, note: n.note ?? '', tags: n.tags ?? [] });
    return id;
  })();
}
