// Creating an annotation: validate against the article's current text, store selectors and tags, index, record.
import type Database from 'better-sqlite3';
import type { AnchorPlacement, Annotation, AnnotationCreate, AnnotationKind } from '../contract/types.js';
import { describe, splitsSurrogatePair, type Selectors } from './anchor.js';
import { articleText } from './article-text.js';
import { nowIso, stmts } from './statements.js';
import { getAnnotation, recordRevision, setTags, syncIndex } from './store.js';
import { checkColor, checkId, checkKind, checkNote, checkTags, invalid } from './validate.js';
import { writeTransaction } from '../util.js';

export function createAnnotation(db: Database.Database, input: AnnotationCreate): Annotation {
  if (typeof input !== 'object' || input === null) throw invalid('Expected an annotation to create.');
  const articleId = checkId(input.articleId, 'articleId');
  const kind = checkKind(input.kind);
  const note = checkNote(input.note);
  const tags = checkTags(input.tags);

  return writeTransaction(db, (): Annotation => {
    const current = articleText(db, articleId);
    let selectors: Selectors | null = null;
    if (kind === 'article-note') {
      if (input.start !== undefined || input.end !== undefined) {
        throw invalid('An article note belongs to the whole article; it takes no start or end.');
      }
      if (!note.trim()) throw invalid('An article note needs some text.');
    } else {
      selectors = passageSelectors(current.text, input.start, input.end);
      if (kind === 'note' && !note.trim()) throw invalid('A note on a passage needs some text.');
    }
    // A highlight always has a color (the first one by default); notes may carry one; article notes never do.
    let color: string | null = null;
    if (kind === 'highlight')
      color = input.color == null ? (stmts(db).defaultColor.get()?.name ?? null) : checkColor(db, input.color);
    else if (kind === 'note' && input.color != null) color = checkColor(db, input.color);
    else if (kind === 'article-note' && input.color != null) throw invalid('An article note has no color.');

    const at = nowIso();
    const sha = current.captureSha256 ?? '';
    return insertNew(db, {
      articleId,
      kind,
      captureSha256: sha,
      color,
      note,
      tags,
      selectors,
      placement: selectors
        ? { state: 'exact', start: selectors.position.start, end: selectors.position.end, captureSha256: sha }
        : { state: 'none' },
      createdAt: at,
      updatedAt: at,
    });
  });
}

export interface NewAnnotation {
  articleId: number;
  kind: AnnotationKind;
  captureSha256: string;
  color: string | null;
  note: string;
  tags: string[];
  selectors: Selectors | null;
  placement: AnchorPlacement;
  createdAt: string;
  updatedAt: string;
}

/** Inserts a validated annotation with its tags, indexes it and records its 'create' revision (caller's transaction). */
export function insertNew(db: Database.Database, n: NewAnnotation): Annotation {
  const result = stmts(db).insertAnnotation.run({
    articleId: n.articleId,
    kind: n.kind,
    captureSha256: n.captureSha256,
    color: n.color,
    note: n.note,
    posStart: n.selectors && n.selectors.position.end > n.selectors.position.start ? n.selectors.position.start : null,
    posEnd: n.selectors && n.selectors.position.end > n.selectors.position.start ? n.selectors.position.end : null,
    quoteExact: n.selectors?.quote.exact ?? null,
    quotePrefix: n.selectors?.quote.prefix ?? null,
    quoteSuffix: n.selectors?.quote.suffix ?? null,
    anchorState: n.placement.state,
    anchorSha256: n.placement.state === 'none' ? null : (n.placement.captureSha256 ?? null),
    anchorStart: n.placement.start ?? null,
    anchorEnd: n.placement.end ?? null,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  });
  const id = Number(result.lastInsertRowid);
  setTags(db, id, n.tags);
  const created = getAnnotation(db, id);
  syncIndex(db, created);
  recordRevision(db, created, 'create', nowIso());
  return created;
}

/** Selectors for a passage given as offsets in the current text, refusing anything outside or empty. */
function passageSelectors(text: string, start: unknown, end: unknown): Selectors {
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)) {
    throw invalid('A passage needs whole-number start and end offsets in the article text.');
  }
  if (text.length === 0) throw invalid('This article has no text to annotate yet.');
  if (start < 0 || end > text.length || start >= end) {
    throw invalid(`The passage [${start}, ${end}) is not inside the article text (0 to ${text.length}).`);
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw invalid('The passage boundaries cut a character in half.');
  }
  if (!text.slice(start, end).trim()) throw invalid('The passage holds only white space.');
  return describe(text, start, end);
}
