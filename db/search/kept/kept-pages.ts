// First pages of the heaviest one-word and prefix searches, ranked ahead by the index thread and kept in the index file.
import type Database from 'better-sqlite3';
import type { SearchFacets } from '../../contract/types.js';
import { LIMITS } from '../../contract/limits.js';
import type { Totals } from '../counts/facets.js';
import { INDEX_SCHEMA } from '../index/article-index-file.js';
import { cachedStatement as statement } from '../../util.js';

/**
 * Which searches get a kept page. Ranking every hit by bm25 costs ~1 us a hit, and the tiers that avoid it still
 * read the whole doclist (the counting pass) and bm25's IDF pass: from ~150,000 hits a word or prefix takes over
 * 100 ms at a million articles. A kept page answers such a search in plain bm25's own order (exact, not tiered),
 * with its total and facets, so only the page's snippets are left to compute.
 * - `minHits`: from this many hits a word or prefix is ranked ahead.
 * - `size`: how many of its best hits are kept, trashed ones included (the page is filtered when read, so trashing
 *   or restoring an article needs no new ranking): the largest page a request may ask for, and some to spare.
 * - `prefixLengths`: prefixes ranked ahead, besides whole words.
 * - `sites`: the biggest sites whose narrowed total and facets are kept too (the site facets the app shows): a click
 *   on one counted the word's hits on that site with FTS5 each time (40-50 ms for `fin*` on a big site at 1M).
 */
export const keptPages = { minHits: 100_000, size: LIMITS.pageSize + 56, prefixLengths: [3, 4, 5], sites: 8 };

/**
 * In the index file (created when missing; the FTS5 tables are untouched). Two versions, because the two halves go
 * stale at different paces:
 * - `rank_version`: what the index reflected when the hits were ranked (captures indexed, corrections applied).
 *   bm25 reads nothing else, so only indexing moves it.
 * - `totals_version`: that, plus the archive's `search_generation` content and annotation counters (trash, tags,
 *   collections, highlight colors change the total or the facets). A highlight leaves the ranking valid: the total
 *   and facets are then counted as for any search until the index thread counts them again.
 * `kept_site` holds the total and facets narrowed to each of the biggest sites, with the totals version they were
 * counted at; a kept page's removal removes them (the trigger), so a rewind or reset cannot leave them behind.
 */
export const KEPT_PAGE_SQL = `CREATE TABLE IF NOT EXISTS kept_page (
  match TEXT PRIMARY KEY,
  rank_version TEXT NOT NULL,
  totals_version TEXT NOT NULL,
  total INTEGER NOT NULL,
  facets TEXT NOT NULL,
  ids BLOB NOT NULL,
  ranks BLOB NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS kept_site (
  match TEXT NOT NULL,
  site TEXT NOT NULL,
  totals_version TEXT NOT NULL,
  total INTEGER NOT NULL,
  facets TEXT NOT NULL,
  PRIMARY KEY (match, site)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS kept_page_gone AFTER DELETE ON kept_page BEGIN
  DELETE FROM kept_site WHERE match = old.match;
END;`;

/** SQL for the current rank version of the index attached as `index`. */
export const rankVersionSql = (index: string): string =>
  `(SELECT s.indexed_through || ':' || s.requeued_through FROM ${index}.index_state s WHERE s.id = 1)`;

/** SQL for the current totals version (reading state is left out: kept pages serve no `is:` filter). */
export const totalsVersionSql = (index: string): string =>
  `(SELECT g.content || ':' || g.annotations || ':' || s.indexed_through || ':' || s.requeued_through
    FROM search_generation g, ${index}.index_state s WHERE g.id = 1 AND s.id = 1)`;

export interface KeptPage {
  /** Total and facets when still current, else null (counted as for any search). */
  totals: Pick<Totals, 'total' | 'facets'> | null;
  /** The best hits of the whole index (trashed articles included) in plain bm25 order, at most `keptPages.size`. */
  ids: Int32Array;
  /** Their bm25 ranks (lower is better), as FTS5 gave them. */
  ranks: Float64Array;
}

/** The kept page of a MATCH string when its ranking is current for the index this connection reads, else null. */
export function keptPage(db: Database.Database, match: string): KeptPage | null {
  let row: { total: number; facets: string; ids: Buffer; ranks: Buffer; current: number } | undefined;
  try {
    row = statement(
      db,
      `SELECT total, facets, ids, ranks, totals_version = ${totalsVersionSql(INDEX_SCHEMA)} AS current
       FROM ${INDEX_SCHEMA}.kept_page WHERE match = ? AND rank_version = ${rankVersionSql(INDEX_SCHEMA)}`,
    ).get(match) as typeof row;
  } catch {
    // An index file written before kept pages (the index thread adds the table), or no index attached.
    return null;
  }
  if (!row) return null;
  return {
    totals: row.current === 1 ? { total: row.total, facets: JSON.parse(row.facets) as SearchFacets } : null,
    ids: new Int32Array(copy(row.ids)),
    ranks: new Float64Array(copy(row.ranks)),
  };
}

/**
 * The kept total and facets of a kept search narrowed to a `from:` site (`site` folded as `from:` compares it), when
 * that site was among its biggest and the counts are current; else null.
 */
export function keptSiteTotals(db: Database.Database, match: string, site: string): Totals | null {
  let row: { total: number; facets: string } | undefined;
  try {
    row = statement(
      db,
      `SELECT total, facets FROM ${INDEX_SCHEMA}.kept_site
       WHERE match = ? AND site = ? AND totals_version = ${totalsVersionSql(INDEX_SCHEMA)}`,
    ).get(match, site) as typeof row;
  } catch {
    return null; // an index file from before kept site totals, or none attached
  }
  return row ? { total: row.total, facets: JSON.parse(row.facets) as SearchFacets } : null;
}

/** A blob's bytes in an ArrayBuffer of their own (typed arrays need their offset aligned). */
const copy = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
