// A search's total and facets: kept by the index thread for heavy searches, else counted once per data version.
import type Database from 'better-sqlite3';
import { annotationColumnTotals } from './counts/annotation-columns.js';
import { cached } from './counts/cache.js';
import { columnTotals, foldAscii } from './counts/facet-columns.js';
import { computeTotals, type Totals } from './counts/facets.js';
import { keptSiteTotals, type KeptPage } from './kept/kept-pages.js';
import { ftsString, type CompiledQuery } from './query/compile.js';
import type { SearchSource } from './source.js';
import { tiering } from './tiered.js';

/**
 * The total and facets of a search: those the index thread kept with the search's page when still current (a
 * `from:` site narrows the kept ranking, and has its own kept counts when it is one of the search's biggest sites),
 * else counted and cached until the data changes.
 */
export function searchTotals(
  db: Database.Database,
  compiled: CompiledQuery,
  src: SearchSource,
  kept: KeptPage | null,
): Totals {
  const known = compiled.site === undefined ? kept?.totals : kept && keptOnSite(db, compiled.match!, compiled.site);
  return known ?? cached<Totals>(db, `totals ${compiled.key}`, () => countTotals(db, compiled, src, kept));
}

/**
 * `matched` of a search known to be heavy without its count on every site in hand (it is kept): the site's page then
 * ranks the hits on the site alone, as it does past siteScan.fromHits counted hits.
 */
const KNOWN_HEAVY = Number.MAX_SAFE_INTEGER;

/** A kept search's total and facets on a `from:` site, when kept: marked heavy, as its counting below would. */
function keptOnSite(db: Database.Database, match: string, site: string): Totals | null {
  const totals = keptSiteTotals(db, match, foldAscii(site));
  return totals && { ...totals, matched: KNOWN_HEAVY };
}

/** Counts a search: plain word queries (the search-as-you-type case) in memory, filtered ones in SQL. */
function countTotals(db: Database.Database, compiled: CompiledQuery, src: SearchSource, kept: KeptPage | null): Totals {
  if (!compiled.match || compiled.where.length > 0) return computeTotals(db, src);
  if (compiled.scope === 'annotations') return annotationColumnTotals(db, compiled.match) ?? computeTotals(db, src);
  // A query that may be tiered keeps its newest hits: the first tier's edge is read from them.
  const keep = compiled.titleMatch ? tiering.window + tiering.titleWindow : 0;
  // A kept (heavy) search narrowed to a site: FTS5 hands over only the hits whose site column holds the site's words
  // (a superset of the site, narrowed to it exactly in memory), not the word's million ids.
  const siteWords = kept && compiled.site !== undefined ? ftsString(compiled.site, false) : null;
  if (!siteWords) return columnTotals(db, compiled.match, keep, compiled.site) ?? computeTotals(db, src);
  const onSite = columnTotals(db, `(${compiled.match}) AND site : ${siteWords}`, keep, compiled.site);
  // Known heavy (it is kept): its pages rank the hits on the site alone when the kept ones do not answer.
  return onSite ? { ...onSite, matched: KNOWN_HEAVY } : computeTotals(db, src);
}
