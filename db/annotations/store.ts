// Shared write steps: read one annotation, set its tags, keep the search index in step, record a revision.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { Annotation, AnnotationRevision } from '../contract/types.js';
import { indexAnnotation, unindexAnnotation } from '../search/index/annotation-index.js';
import { toAnnotation, type AnnotationRow } from './mapping.js';
import { stmts } from './statements.js';

export function findAnnotation(db: Database.Database, id: number): Annotation | null {
  const row = stmts(db).getAnnotation.get(id) as AnnotationRow | undefined;
  return row ? toAnnotation(row) : null;
}

export function getAnnotation(db: Database.Database, id: number): Annotation {
  const found = findAnnotation(db, id);
  if (!found) throw new ArchiveError('NOT_FOUND', `There is no annotation ${id}.`);
  return found;
}

/** Replaces the annotation's tags, creating tag names on demand (shared with article tags). */
export function setTags(db: Database.Database, annotationId: number, tags: readonly string[]): void {
  const s = stmts(db);
  s.clearTags.run(annotationId);
  for (const name of tags) {
    s.insertTag.run(name);
    const tag = s.tagId.get(name);
    if (tag) s.addTag.run(annotationId, tag.id);
  }
}

/** Live annotations are searchable; trashed ones are not. */
export function syncIndex(db: Database.Database, a: Annotation): void {
  if (a.deletedAt) unindexAnnotation(db, a.id);
  else indexAnnotation(db, { id: a.id, quote: a.quote?.exact ?? null, note: a.note, tags: a.tags });
}

/** Writes the full snapshot; callers run it in the same transaction as the change it records. */
export function recordRevision(
  db: Database.Database,
  a: Annotation,
  action: AnnotationRevision['action'],
  at: string,
): void {
  stmts(db).insertRevision.run(a.id, action, at, JSON.stringify(a));
}
