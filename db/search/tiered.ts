// Relevance pages of huge result sets (a common word, a 3-letter prefix): title hits first, so bm25 runs on them only.
import type Database from 'better-sqlite3';
import { pageRows, type PageRow } from './page-rows.js';
import type { SearchSource } from './source.js';
import { statement } from './statements.js';

/**
 * From this many hits on, ranking every hit costs more than the tiers: bm25 reads each hit's size record
 * (~0.7 us a hit, 21 ms for a word in 30k articles) and, for a prefix, merges every matching term again for its IDF.
 */
export const tiering = { minHits: 4000 };

/**
 * The page in tier order: articles whose title holds the words (ranked by bm25 of the title-only query,
 * which scores only those), then every other hit by full bm25. Page 1 of a big result set nearly always
 * comes from the first tier alone; later tiers are scored only when paging reaches them. Both tiers are
 * fixed sets, so pages never overlap or skip a hit.
 */
export function tieredRows(
  db: Database.Database, src: SearchSource, titleMatch: string, offset: number, limit: number, titleTier?: PageRow[],
): PageRow[] {
  // Snippets of these rows come from the counting pass or afterwards (completeSnippets), against the full MATCH.
  const first = titleTier ?? pageRows(db, src, { sort: 'relevance', offset, limit, match: titleMatch });
  if (first.length === limit) return first;
  // The title tier ends on this page: its size is offset + rows, unless the page starts past its end.
  const titleHits = first.length > 0 || offset === 0 ? offset + first.length : countTitleHits(db, src, titleMatch);
  // No title hit at all (common for phrases): the rest is simply every hit, without the exclusion.
  const rest = pageRows(db, src, {
    sort: 'relevance', offset: Math.max(0, offset - titleHits), limit: limit - first.length,
    extra: titleHits === 0 ? undefined : { sql: 'a.id NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)', params: [titleMatch] },
  });
  return [...first, ...rest];
}

function countTitleHits(db: Database.Database, src: SearchSource, titleMatch: string): number {
  return statement(db, `SELECT count(*) FROM ${src.from} WHERE ${src.where}`).pluck().get(titleMatch, ...src.filterParams) as number;
}
