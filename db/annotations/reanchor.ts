// Re-anchoring: place every passage annotation of an article on its current capture's text again.
import type Database from 'better-sqlite3';
import type { AnchorPlacement, AnchorRemap, Annotation, ArticleId } from '../contract/types.js';
import { anchor } from './anchor.js';
import { articleText } from './article-text.js';
import { selectorsOf, toAnnotation, type AnnotationRow } from './mapping.js';
import { nowIso, stmts } from './statements.js';
import { recordRevision } from './store.js';
import { checkId } from './validate.js';
import { writeTransaction } from '../util.js';

/**
 * Always anchors from the selectors recorded on the original capture (never from a previous placement,
 * so errors cannot compound across versions). Trashed annotations are re-anchored too, so a restore
 * shows them in the right place, but the counts describe live annotations only.
 * A 'reanchor' revision is written only when the placement (state or offsets) changed; one query reads
 * every annotation of the article up front, so recording those snapshots costs no extra reads.
 */
export function reanchorArticle(db: Database.Database, input: { id: ArticleId }): AnchorRemap {
  const articleId = checkId(input?.id, 'id');
  return writeTransaction(db, (): AnchorRemap => {
    const current = articleText(db, articleId);
    const s = stmts(db);
    const sha = current.captureSha256;
    const remap: AnchorRemap = { annotations: 0, exact: 0, fuzzy: 0, orphan: 0 };
    const at = nowIso();
    for (const row of s.annotationsOfArticle.all(articleId) as AnnotationRow[]) {
      if (row.quote_exact === null) continue; // article notes have no passage to place
      const before = toAnnotation(row);
      const placed = place(current.text, before);
      const moved =
        placed.state !== row.anchor_state ||
        (placed.start ?? null) !== row.anchor_start ||
        (placed.end ?? null) !== row.anchor_end;
      if (moved || sha !== row.anchor_sha256) {
        s.setAnchor.run(placed.state, sha, placed.start ?? null, placed.end ?? null, row.id);
      }
      if (moved) {
        const after: Annotation = { ...before, anchor: sha ? { ...placed, captureSha256: sha } : placed };
        recordRevision(db, after, 'reanchor', at);
      }
      if (row.deleted_at) continue;
      remap.annotations++;
      if (placed.state === 'exact') remap.exact++;
      else if (placed.state === 'fuzzy') remap.fuzzy++;
      else remap.orphan++;
    }
    return remap;
  });
}

function place(text: string, a: Annotation): AnchorPlacement {
  const selectors = selectorsOf(a);
  if (!text || !selectors) return { state: 'orphan' };
  return anchor(text, selectors);
}
