// Relevance pages of huge result sets (a common word, a 3-letter prefix): bm25 runs on the likely best hits only.
import type Database from 'better-sqlite3';
import { pageRows, type PageRow } from './page-rows.js';
import type { SearchSource } from './source.js';
import type { Totals } from './counts/facets.js';
import { cachedStatement as statement } from '../util.js';

/**
 * From this many hits on, ranking every hit costs more than the tiers. Ranking every hit costs ~1 us a hit (bm25
 * reads each hit's size record, then the sort); the tiers cost 40-130 ms at a million articles whatever the hit
 * count (finding the newest title hits reads back through the doclist), so below ~40,000 hits plain ranking is
 * both cheaper and exact (measured at 1M: a 5-letter prefix's 9-12k hits 10-20 ms plain against 38-62 ms tiered,
 * a phrase's 18k hits 24 against 52 ms).
 */
export const tiering = { minHits: 40_000, window: 2000, titleWindow: 8000 };

/**
 * The page in tier order. The first tier is the newest `tiering.titleWindow` hits whose title holds the words
 * plus the newest hits (`tiering.window` and the title budget left unused), ranked by the full query's bm25
 * (FTS5's own scores, so exactly as plain bm25 orders them among themselves); only those rows are scored. The
 * second tier is every other hit, newest first, unscored. Page 1 is plain bm25's page 1 unless a hit outside the
 * first tier outranks its 20th best (README: the measured tolerance). Every tier is a fixed set, so pages never
 * overlap or skip a hit.
 */
export function tieredRows(
  db: Database.Database,
  src: SearchSource,
  titleMatch: string,
  offset: number,
  limit: number,
  newest?: Totals['newest'],
): PageRow[] {
  const scope = firstTier(db, src, titleMatch, newest);
  const first = rankScope(db, src, scope, offset, limit);
  if (first.length === limit || !scope) return first;
  // The first tier ends on this page: its size is offset + rows, unless the page starts past its end.
  const size =
    first.length > 0 || offset === 0
      ? offset + first.length
      : (statement(db, `SELECT count(*) FROM ${src.from} WHERE ${src.where} AND ${scope.sql}`)
          .pluck()
          .get(src.match, ...src.filterParams, ...scope.params) as number);
  const older = pageRows(db, src, {
    sort: 'relevance',
    order: 'f.rowid DESC',
    offset: Math.max(0, offset - size),
    limit: limit - first.length,
    extra: { sql: `NOT (${scope.sql})`, params: scope.params },
  });
  return [...first, ...older];
}

type Scope = { sql: string; params: Array<string | number> } | null;

/** Not in the trash, tested on an FTS5 row without reading its article (the trashed ids come from their index). */
const NOT_TRASHED = '+f.rowid NOT IN (SELECT id FROM article WHERE trashed_at IS NOT NULL)';

/**
 * Up to this many articles in the trash, NOT_TRASHED answers (SQLite builds the set once per statement); a bigger
 * trash (half a million articles thrown away at once, say) would cost more to gather than the join it replaces.
 */
export const trashSet = { max: 20_000 };

/** Whether the trash is small enough for NOT_TRASHED, read through its index and never past the bound. */
function smallTrash(db: Database.Database): boolean {
  const n = statement(db, 'SELECT count(*) FROM (SELECT 1 FROM article WHERE trashed_at IS NOT NULL LIMIT ?)')
    .pluck()
    .get(trashSet.max + 1) as number;
  return n <= trashSet.max;
}

/** The article columns of a PageRow (tiered pages are article-scope only), read by id. */
const ARTICLE_ROWS = `SELECT a.id AS id, a.id AS articleId, a.title AS title, a.site_name AS siteName,
  a.published_at AS publishedAt, a.added_at AS addedAt, a.excerpt AS excerpt, NULL AS color, NULL AS quote,
  NULL AS note, NULL AS anchorStart, a.link_only AS linkOnly
  FROM article a WHERE a.id IN (SELECT value FROM json_each(?))`;

/**
 * One page of the first tier in bm25 order: SQLite sorts the scored rows (FTS5's own rank order would score
 * every hit), then the page's articles are read by id. Their snippets are cut from their text afterwards (run.ts),
 * as for every page.
 */
function rankScope(db: Database.Database, src: SearchSource, scope: Scope, offset: number, limit: number): PageRow[] {
  // With no filter but the trash, the tier is ranked on the index alone: joining every scored hit to its article
  // row only to read trashed_at cost ~2 us a hit (20 ms of a 10,000-hit tier at 1M); the trash is a short list
  // read from its index instead, once per search.
  const bare = src.wordsOnly && smallTrash(db);
  const from = bare ? 'article_fts f' : src.from;
  const where = [bare ? `f.article_fts MATCH ? AND ${NOT_TRASHED}` : src.where, ...(scope ? [scope.sql] : [])];
  const ranked = statement(
    db,
    `SELECT f.rowid, ${src.rankExpr} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${src.rankExpr}, f.rowid LIMIT ? OFFSET ?`,
  )
    .raw()
    .all(src.match, ...src.filterParams, ...(scope?.params ?? []), limit, offset) as Array<[number, number]>;
  return rowsInOrder(db, ranked);
}

/** The page rows of ranked article ids, in the order given (ids no longer live are left out). */
export function rowsInOrder(db: Database.Database, ranked: Array<[number, number]>): PageRow[] {
  if (ranked.length === 0) return [];
  const rows = statement(db, ARTICLE_ROWS).all(JSON.stringify(ranked.map(([id]) => id))) as PageRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ranked.filter(([id]) => byId.has(id)).map(([id, rank]) => ({ ...byId.get(id)!, rank }));
}

/**
 * The first tier as an SQL condition on `f`: one of the newest `tiering.titleWindow` title hits, or one of the
 * newest hits (a rowid range): `tiering.window` of them plus the title budget left unused, so a phrase with few
 * title hits has more of its newest hits scored for the same cost. Null when every hit fits: then all are in it.
 * The membership tests are kept out of FTS5's reach (+), so the MATCH stays one cursor that only filters.
 */
function firstTier(db: Database.Database, src: SearchSource, titleMatch: string, newest?: Totals['newest']): Scope {
  // Title hits are few for a word, but a 3-letter prefix can have tens of thousands: only the newest are scored.
  // One pass reads them (their count and the oldest of them come with the ids); FTS5 filters a column by reading
  // each hit's positions, so this pass is the dear one and the scoring below tests membership in its ids.
  const titleIds = statement(db, 'SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT ?')
    .pluck()
    .all(titleMatch, tiering.titleWindow) as number[];
  const k = tiering.window + tiering.titleWindow - titleIds.length - 1;
  // The k-th newest hit: from the counting pass when it kept that many (or every hit), else from FTS5, which for a
  // prefix without a prefix index merges every matching term's doclist once more to find it.
  const edge =
    newest && (k < newest.ids.length || newest.complete)
      ? newest.ids[k]
      : (statement(db, 'SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?')
          .pluck()
          .get(src.match, k) as number | undefined);
  if (edge === undefined) return null;
  const titleEdge = titleIds.length < tiering.titleWindow ? 0 : titleIds[titleIds.length - 1]!;
  // The leading rowid range is FTS5's own (no +): hits older than both windows are not even read.
  return {
    sql: 'f.rowid >= ? AND (+f.rowid >= ? OR +f.rowid IN (SELECT value FROM json_each(?)))',
    params: [Math.min(edge, titleEdge), edge, JSON.stringify(titleIds)],
  };
}
