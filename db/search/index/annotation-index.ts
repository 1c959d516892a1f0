// Keeps the annotation FTS5 table in step with annotations; callers run these inside their transaction.
// (Articles are indexed from their captures into the index file: see index-file.ts.)
import type Database from 'better-sqlite3';
import { statementCache } from '../../util.js';
import { normalizeForIndex } from '../normalize.js';

export interface AnnotationIndexFields {
  id: number;
  quote: string | null;
  note: string;
  tags: string[];
}

const stmts = statementCache(prepare);

function prepare(db: Database.Database) {
  return {
    deleteAnnotation: db.prepare('DELETE FROM annotation_fts WHERE rowid = ?'),
    insertAnnotation: db.prepare('INSERT INTO annotation_fts (rowid, quote, note, tags) VALUES (?, ?, ?, ?)'),
  };
}

/** Replaces a live annotation's row (quote, note, tag names) in the annotation index. */
export function indexAnnotation(db: Database.Database, a: AnnotationIndexFields): void {
  const s = stmts(db);
  s.deleteAnnotation.run(a.id);
  s.insertAnnotation.run(
    a.id,
    normalizeForIndex(a.quote ?? ''),
    normalizeForIndex(a.note),
    normalizeForIndex(a.tags.join(' ')),
  );
}

export function unindexAnnotation(db: Database.Database, id: number): void {
  stmts(db).deleteAnnotation.run(id);
}
