// Relevance pages of huge result sets (a common word, a 3-letter prefix): title hits first, so bm25 runs on them only.
import type Database from 'better-sqlite3';
import { pageRows, type PageRow } from './page-rows.js';
import type { SearchSource } from './source.js';
import { cachedStatement as statement } from '../util.js';

/**
 * From this many hits on, ranking every hit costs more than the tiers: bm25 reads each hit's size record
 * (~0.7 us a hit, 21 ms for a word in 30k articles) and, for a prefix, merges every matching term again for its IDF.
 */
export const tiering = { minHits: 4000, window: 2000 };

/**
 * The page in tier order: articles whose title holds the words (ranked by bm25 of the title-only query,
 * which scores only those), then the other hits (restRows). Page 1 of a big result set usually comes from
 * the first tier alone; later tiers are read only when paging reaches them. Every tier is a fixed set, so
 * pages never overlap or skip a hit.
 */
export function tieredRows(
  db: Database.Database,
  src: SearchSource,
  titleMatch: string,
  offset: number,
  limit: number,
): PageRow[] {
  // Snippets of these rows are computed afterwards from their text, against the full MATCH (run.ts).
  const first = pageRows(db, src, { sort: 'relevance', offset, limit, match: titleMatch });
  if (first.length === limit) return first;
  // The title tier ends on this page: its size is offset + rows, unless the page starts past its end.
  const titleHits = first.length > 0 || offset === 0 ? offset + first.length : countTitleHits(db, src, titleMatch);
  return [...first, ...restRows(db, src, titleMatch, titleHits, Math.max(0, offset - titleHits), limit - first.length)];
}

/**
 * The hits outside the title tier, in two more fixed tiers: the newest `tiering.window` hits by bm25 (a rowid
 * range FTS5 iterates on its own, so only those are scored), then every older hit newest first, never scored.
 * A phrase of common words can match 70% of the archive with no title hit at all; this keeps its page bounded.
 */
function restRows(
  db: Database.Database,
  src: SearchSource,
  titleMatch: string,
  titleHits: number,
  offset: number,
  limit: number,
): PageRow[] {
  // No title hit at all (common for phrases): nothing to exclude.
  const notTitle =
    titleHits === 0
      ? null
      : { sql: 'a.id NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)', params: [titleMatch] };
  const edge = statement(
    db,
    'SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?',
  )
    .pluck()
    .get(src.match, tiering.window - 1) as number | undefined;
  const cond = (sql: string) => ({
    sql: notTitle ? `${sql} AND ${notTitle.sql}` : sql,
    params: [edge!, ...(notTitle?.params ?? [])],
  });
  if (edge === undefined) return pageRows(db, src, { sort: 'relevance', offset, limit, extra: notTitle ?? undefined });
  const windowCond = cond('f.rowid >= ?');
  const newest = pageRows(db, src, { sort: 'relevance', offset, limit, extra: windowCond });
  if (newest.length === limit) return newest;
  const windowHits =
    newest.length > 0 || offset === 0
      ? offset + newest.length
      : (statement(db, `SELECT count(*) FROM ${src.from} WHERE ${src.where} AND ${windowCond.sql}`)
          .pluck()
          .get(src.match, ...src.filterParams, ...windowCond.params) as number);
  const older = pageRows(db, src, {
    sort: 'relevance',
    order: 'f.rowid DESC',
    offset: Math.max(0, offset - windowHits),
    limit: limit - newest.length,
    extra: cond('f.rowid < ?'),
  });
  return [...newest, ...older];
}

function countTitleHits(db: Database.Database, src: SearchSource, titleMatch: string): number {
  return statement(db, `SELECT count(*) FROM ${src.from} WHERE ${src.where}`)
    .pluck()
    .get(titleMatch, ...src.filterParams) as number;
}
