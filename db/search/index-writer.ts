// Keeps the FTS5 tables in step with articles and annotations; callers run these inside their transaction.
import type Database from 'better-sqlite3';
import { statementCache } from '../util.js';
import { normalizeForIndex } from './normalize.js';

export interface ArticleIndexFields {
  id: number;
  title: string;
  byline: string | null;
  siteName: string | null;
  body: string;
}

export interface AnnotationIndexFields {
  id: number;
  quote: string | null;
  note: string;
  tags: string[];
}

const stmts = statementCache(prepare);

function prepare(db: Database.Database) {
  return {
    deleteArticle: db.prepare('DELETE FROM article_fts WHERE rowid = ?'),
    insertArticle: db.prepare('INSERT INTO article_fts (rowid, title, byline, site, body, body_is_text) VALUES (?, ?, ?, ?, ?, ?)'),
    deleteAnnotation: db.prepare('DELETE FROM annotation_fts WHERE rowid = ?'),
    insertAnnotation: db.prepare('INSERT INTO annotation_fts (rowid, quote, note, tags) VALUES (?, ?, ?, ?)'),
  };
}


/**
 * Replaces the article's row in the index with its newest title, byline, site and body text. `isNew` skips
 * the delete for an article that was never indexed (the common case of a bulk import).
 */
export function indexArticle(db: Database.Database, a: ArticleIndexFields, isNew = false): void {
  const s = stmts(db);
  if (!isNew) s.deleteArticle.run(a.id);
  const body = normalizeForIndex(a.body);
  s.insertArticle.run(a.id, normalizeForIndex(a.title), normalizeForIndex(a.byline ?? ''),
    normalizeForIndex(a.siteName ?? ''), body, body === a.body ? 1 : 0);
}

export function unindexArticle(db: Database.Database, id: number): void {
  stmts(db).deleteArticle.run(id);
}

/** Replaces a live annotation's row (quote, note, tag names) in the annotation index. */
export function indexAnnotation(db: Database.Database, a: AnnotationIndexFields): void {
  const s = stmts(db);
  s.deleteAnnotation.run(a.id);
  s.insertAnnotation.run(a.id, normalizeForIndex(a.quote ?? ''), normalizeForIndex(a.note), normalizeForIndex(a.tags.join(' ')));
}

export function unindexAnnotation(db: Database.Database, id: number): void {
  stmts(db).deleteAnnotation.run(id);
}
