// The reference a search page is checked against: plain FTS5 bm25 over every live hit, ties broken by article id.
import type Database from 'better-sqlite3';
import type { FacetCount, SearchFacets } from '../../db/contract/types.js';

/** The column weights of Stacks' index (title, byline, site, body). */
export const BM25 = 'bm25(f.article_fts, 10.0, 4.0, 2.0, 1.0)';

const LIVE_HITS = 'article_fts f JOIN article a ON a.id = f.rowid WHERE f.article_fts MATCH ? AND a.trashed_at IS NULL';

/** Every live hit of `match`, best first: bm25 over all of them (no tiers, no shortcuts), then the lower id. */
export function plainRanking(db: Database.Database, match: string): Array<{ id: number; score: number }> {
  return db
    .prepare(`SELECT f.rowid AS id, ${BM25} AS score FROM ${LIVE_HITS} ORDER BY score, f.rowid`)
    .all(match) as Array<{ id: number; score: number }>;
}

/** The ids of one page of the plain ranking. */
export function plainPage(db: Database.Database, match: string, offset = 0, limit = 20): number[] {
  return db
    .prepare(`SELECT f.rowid FROM ${LIVE_HITS} ORDER BY ${BM25}, f.rowid LIMIT ? OFFSET ?`)
    .pluck()
    .all(match, limit, offset) as number[];
}

export function plainCount(db: Database.Database, match: string): number {
  return db.prepare(`SELECT count(*) FROM ${LIVE_HITS}`).pluck().get(match) as number;
}

/**
 * Site, year and tag facets by plain GROUP BY over the live hits (top 20, most hits first, then by name), on one
 * site (compared as `from:` compares it) when given.
 */
export function plainFacets(
  db: Database.Database,
  match: string,
  site?: string,
): Pick<SearchFacets, 'site' | 'year' | 'tag'> {
  const params = site === undefined ? [match] : [match, site];
  const group = (value: string, from: string, where = '') =>
    db
      .prepare(
        `SELECT ${value} AS value, count(*) AS count FROM ${from} ${where} GROUP BY value ORDER BY count DESC, value LIMIT 20`,
      )
      .all(...params) as FacetCount[];
  const onSite = site === undefined ? '' : ' AND a.site_name = ? COLLATE NOCASE';
  const hits = `(SELECT a.id, a.site_name, a.published_at, a.added_at FROM ${LIVE_HITS}${onSite}) h`;
  return {
    site: group('h.site_name', hits, "WHERE h.site_name IS NOT NULL AND h.site_name <> ''"),
    year: group('substr(coalesce(h.published_at, h.added_at), 1, 4)', hits),
    tag: group('t.name', `${hits} JOIN article_tag x ON x.article_id = h.id JOIN tag t ON t.id = x.tag_id`),
  };
}
