// Editing, trashing and restoring an annotation; each change and its revision share one transaction.
import type Database from 'better-sqlite3';
import type { Annotation, AnnotationId, AnnotationPatch } from '../contract/types.js';
import { nowIso, stmts } from './statements.js';
import { getAnnotation, recordRevision, setTags, syncIndex } from './store.js';
import { checkColor, checkId, checkNote, checkTags, invalid } from './validate.js';
import { writeTransaction } from '../util.js';

export function updateAnnotation(
  db: Database.Database,
  input: { id: AnnotationId; patch: AnnotationPatch },
): Annotation {
  const id = checkId(input?.id, 'id');
  const patch = input.patch;
  if (typeof patch !== 'object' || patch === null) throw invalid('Expected a patch with color, note or tags.');
  return writeTransaction(db, (): Annotation => {
    const before = getAnnotation(db, id);
    if (before.deletedAt) throw invalid(`Annotation ${id} is in the trash; restore it before editing.`);

    let color = before.color;
    if (patch.color !== undefined) {
      if (patch.color === null) {
        if (before.kind === 'highlight') throw invalid('A highlight always has a color.');
        color = null;
      } else {
        if (before.kind === 'article-note') throw invalid('An article note has no color.');
        color = checkColor(db, patch.color);
      }
    }
    const note = patch.note !== undefined ? checkNote(patch.note) : before.note;
    if (before.kind !== 'highlight' && !note.trim()) {
      throw invalid(
        before.kind === 'note' ? 'A note on a passage needs some text.' : 'An article note needs some text.',
      );
    }
    const tags = patch.tags !== undefined ? checkTags(patch.tags) : before.tags;

    const sameTags =
      tags.length === before.tags.length &&
      [...tags]
        .map((t) => t.toLowerCase())
        .sort()
        .join('\n') ===
        [...before.tags]
          .map((t) => t.toLowerCase())
          .sort()
          .join('\n');
    if (color === before.color && note === before.note && sameTags) return before; // nothing to record

    const at = nowIso();
    stmts(db).updateContent.run(color, note, at, id);
    if (!sameTags) setTags(db, id, tags);
    const after = getAnnotation(db, id);
    syncIndex(db, after);
    recordRevision(db, after, 'edit', at);
    return after;
  });
}

/** Moves the annotation to the trash: kept with its history, hidden from lists and search. */
export function deleteAnnotation(db: Database.Database, input: { id: AnnotationId }): Annotation {
  return setTrashed(db, checkId(input?.id, 'id'), true);
}

/** Takes the annotation out of the trash exactly as it was (content, tags, anchor, timestamps). */
export function restoreAnnotation(db: Database.Database, input: { id: AnnotationId }): Annotation {
  return setTrashed(db, checkId(input?.id, 'id'), false);
}

/** Into or out of the trash, with its index row and a revision; already there changes nothing. */
function setTrashed(db: Database.Database, id: number, trashed: boolean): Annotation {
  return writeTransaction(db, (): Annotation => {
    const before = getAnnotation(db, id);
    if (Boolean(before.deletedAt) === trashed) return before;
    const at = nowIso();
    stmts(db).setDeleted.run(trashed ? at : null, id);
    const after = getAnnotation(db, id);
    syncIndex(db, after);
    recordRevision(db, after, trashed ? 'delete' : 'restore', at);
    return after;
  });
}
