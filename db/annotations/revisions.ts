// The history of one annotation, oldest first: every create, edit, delete, restore and re-anchor snapshot.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { Annotation, AnnotationId, AnnotationRevision } from '../contract/types.js';
import { stmts } from './statements.js';
import { checkId } from './validate.js';

export function annotationHistory(db: Database.Database, input: { id: AnnotationId }): AnnotationRevision[] {
  const id = checkId(input?.id, 'id');
  const rows = stmts(db).revisions.all(id);
  if (rows.length === 0 && !stmts(db).getAnnotation.get(id)) {
    throw new ArchiveError('NOT_FOUND', `There is no annotation ${id}.`);
  }
  return rows.map((r) => ({
    id: r.id,
    annotationId: r.annotation_id as AnnotationId,
    action: r.action as AnnotationRevision['action'],
    at: r.at,
    snapshot: JSON.parse(r.snapshot) as Annotation,
  }));
}
