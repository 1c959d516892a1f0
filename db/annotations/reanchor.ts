// Re-anchoring: place every passage annotation of an article on its current capture's text again.
import type Database from 'better-sqlite3';
import type { AnchorPlacement, AnchorRemap, ArticleId } from '../contract/types.js';
import { anchor } from './anchor.js';
import { articleText } from './article-text.js';
import { nowIso, stmts, type PassageRow } from './statements.js';
import { getAnnotation, recordRevision } from './store.js';
import { checkId } from './validate.js';

/**
 * Always anchors from the selectors recorded on the original capture (never from a previous placement,
 * so errors cannot compound across versions). Trashed annotations are re-anchored too, so a restore
 * shows them in the right place, but the counts describe live annotations only.
 * A 'reanchor' revision is written only when the placement (state or offsets) changed.
 */
export function reanchorArticle(db: Database.Database, input: { id: ArticleId }): AnchorRemap {
  const articleId = checkId(input?.id, 'id');
  return db.transaction((): AnchorRemap => {
    const current = articleText(db, articleId);
    const s = stmts(db);
    const remap: AnchorRemap = { annotations: 0, exact: 0, fuzzy: 0, orphan: 0 };
    const at = nowIso();
    for (const row of s.passagesOfArticle.all(articleId)) {
      const placed = placeRow(current.text, row);
      const sha = current.captureSha256;
      const moved = placed.state !== row.anchor_state
        || (placed.start ?? null) !== row.anchor_start || (placed.end ?? null) !== row.anchor_end;
      if (moved || sha !== row.anchor_sha256) {
        s.setAnchor.run(placed.state, sha, placed.start ?? null, placed.end ?? null, row.id);
      }
      if (moved) recordRevision(db, getAnnotation(db, row.id), 'reanchor', at);
      if (row.deleted_at) continue;
      remap.annotations++;
      if (placed.state === 'exact') remap.exact++;
      else if (placed.state === 'fuzzy') remap.fuzzy++;
      else remap.orphan++;
    }
    return remap;
  }).immediate();
}

function placeRow(text: string, row: PassageRow): AnchorPlacement {
  if (!text) return { state: 'orphan' };
  const hasPosition = row.pos_start !== null && row.pos_end !== null;
  return anchor(text, {
    position: { type: 'TextPositionSelector', start: hasPosition ? row.pos_start! : 0, end: hasPosition ? row.pos_end! : 0 },
    quote: { type: 'TextQuoteSelector', exact: row.quote_exact, prefix: row.quote_prefix ?? '', suffix: row.quote_suffix ?? '' },
  });
}
