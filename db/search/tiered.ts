// Relevance pages of huge result sets (a common word, a 3-letter prefix): bm25 runs on the likely best hits only.
import type Database from 'better-sqlite3';
import { pageRows, type PageRow } from './page-rows.js';
import type { SearchSource } from './source.js';
import { cachedStatement as statement } from '../util.js';

/**
 * From this many hits on, ranking every hit costs more than the tiers: bm25 reads each hit's size record
 * (~0.7 us a hit, 21 ms for a word in 30k articles) and, for a prefix, merges every matching term again for its IDF.
 */
export const tiering = { minHits: 4000, window: 10_000, titleWindow: 10_000 };

/**
 * The page in tier order. The first tier is every hit whose title holds the words plus the newest
 * `tiering.window` hits, ranked by the full query's bm25 (FTS5's own scores, so exactly as plain bm25 orders
 * them among themselves); only those rows are scored. The second tier is every other hit, newest first,
 * unscored. Page 1 is plain bm25's page 1 unless an older hit without the words in its title outranks the
 * 20th best of the first tier (README: the measured tolerance). Every tier is a fixed set, so pages never
 * overlap or skip a hit. `ranked`: the first tier's rows for this page, found earlier (without snippets).
 */
export function tieredRows(
  db: Database.Database,
  src: SearchSource,
  titleMatch: string,
  offset: number,
  limit: number,
  ranked?: PageRow[],
): PageRow[] {
  const scope = firstTier(db, src, titleMatch);
  const first = ranked ?? rankScope(db, src, scope, offset, limit, true);
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
    extra: { sql: `NOT ${scope.sql}`, params: scope.params },
  });
  return [...first, ...older];
}

/**
 * One page of the first tier in bm25 order. The ids are ranked first (SQLite sorts the scored rows; FTS5's
 * own rank order would score every hit), then that page's rows are read, with their snippets when `snippets`
 * (otherwise the counting pass computes them, sharing its doclist merge).
 */
export function rankedRows(
  db: Database.Database,
  src: SearchSource,
  titleMatch: string,
  offset: number,
  limit: number,
  snippets: boolean,
): PageRow[] {
  return rankScope(db, src, firstTier(db, src, titleMatch), offset, limit, snippets);
}

type Scope = { sql: string; params: Array<string | number> } | null;

function rankScope(
  db: Database.Database,
  src: SearchSource,
  scope: Scope,
  offset: number,
  limit: number,
  snippets: boolean,
): PageRow[] {
  const where = scope ? `${src.where} AND ${scope.sql}` : src.where;
  const ids = statement(
    db,
    `SELECT f.rowid FROM ${src.from} WHERE ${where} ORDER BY ${src.rankExpr}, f.rowid LIMIT ? OFFSET ?`,
  )
    .pluck()
    .all(src.match, ...src.filterParams, ...(scope?.params ?? []), limit, offset) as number[];
  if (ids.length === 0) return [];
  // Unary +: the ids filter one pass over the hits; as a rowid constraint FTS5 would open a cursor per id.
  const rows = pageRows(db, src, {
    sort: 'relevance',
    order: 'f.rowid',
    offset: 0,
    limit: ids.length,
    ...(snippets ? {} : { match: src.match! }),
    extra: { sql: '+a.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(ids)] },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/**
 * The first tier as an SQL condition on `f`: one of the newest `tiering.titleWindow` title hits, or one of the
 * newest hits (a rowid range): `tiering.window` of them plus the title budget left unused, so a phrase with few
 * title hits has more of its newest hits scored for the same cost. Null when every hit fits: then all are in it.
 * The tests are kept out of FTS5's reach (+), so the MATCH stays one cursor that only filters.
 */
function firstTier(db: Database.Database, src: SearchSource, titleMatch: string): Scope {
  const nth = statement(
    db,
    'SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?',
  ).pluck();
  // Title hits are few for a word, but a 3-letter prefix can have tens of thousands: only the newest are scored.
  const titleHits = statement(
    db,
    'SELECT count(*) FROM (SELECT 1 FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT ?)',
  )
    .pluck()
    .get(titleMatch, tiering.titleWindow) as number;
  const edge = nth.get(src.match, tiering.window + tiering.titleWindow - titleHits - 1) as number | undefined;
  if (edge === undefined) return null;
  const titleEdge = titleHits < tiering.titleWindow ? 0 : (nth.get(titleMatch, tiering.titleWindow - 1) as number);
  return {
    sql: '(+f.rowid >= ? OR +f.rowid IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ? AND rowid >= ?))',
    params: [edge, titleMatch, titleEdge],
  };
}
