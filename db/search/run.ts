// Executes a search: parse -> compile -> one ranked page (snippets only for its rows) + cached total and facets.
import { LIMITS } from '../contract/limits.js';
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type {
  AnnotationId,
  ArticleId,
  SearchHit,
  SearchRequest,
  SearchResult,
  SearchScope,
  SearchSort,
} from '../contract/types.js';
import { cachedStatement as statement } from '../util.js';
import { compileQuery, SITE_SQL, type CompiledQuery } from './query/compile.js';
import { columnTotalsBySite } from './counts/facet-columns.js';
import { computeTotals, type Totals } from './counts/facets.js';
import { parseQuery } from './query/parse.js';
import { pageRows, type PageRow } from './page-rows.js';
import {
  annotationSnippet,
  articleSnippet,
  pageColumns,
  plainSnippet,
  substringPassage,
  type ArticleColumns,
} from './snippets.js';
import { matchPhrases, type Phrase } from './match/match-query.js';
import { indexStatus, refreshIndex } from './index/article-index-file.js';
import { searchSource, type SearchSource } from './source.js';
import { searchTotals } from './search-totals.js';
import { rowsInOrder, tieredRows, tiering } from './tiered.js';
import { keptPage, keptPages, type KeptPage } from './kept/kept-pages.js';

export const DEFAULT_LIMIT = 20;
/** The one bound, shared with the contract's schema. */
export const MAX_LIMIT = LIMITS.pageSize;
const SORTS: readonly SearchSort[] = ['relevance', 'newest', 'oldest'];
const SCOPES: readonly SearchScope[] = ['articles', 'annotations'];

const EMPTY_FACETS = () => ({ site: [], year: [], tag: [], collection: [], color: [] });

/**
 * Searches the archive. An empty query (or one whose every part was ignored) returns an empty result with
 * the parser's warnings rather than an error, so search-as-you-type never flashes an error while typing.
 */
export function searchArchive(db: Database.Database, req: SearchRequest): SearchResult {
  const { sort, offset, limit, scope } = validate(req);
  const parsed = parseQuery(req.query);
  const compiled = compileQuery(parsed, scope);
  const warnings = [...parsed.warnings, ...compiled.warnings];
  if (compiled.empty) return { total: 0, hits: [], facets: EMPTY_FACETS(), warnings };
  const src = searchSource(compiled);
  // Another process may have rebuilt the index file since the last search (ATTACH cannot run in a transaction).
  if (!db.inTransaction) refreshIndex(db, db.name);
  try {
    // A heavy word or prefix ranked ahead by the index thread: its total, facets and best hits are already known.
    const keptAs = keptMatch(compiled);
    const kept = keptAs === null ? null : keptPage(db, keptAs);
    const totals = searchTotals(db, compiled, src, kept);
    const hits = totals.total === 0 ? [] : page(db, src, compiled, totals, sort, offset, limit, kept);
    const result: SearchResult = { total: totals.total, hits, facets: totals.facets, warnings };
    // While the index catches up (rebuilt in the background), the answer covers what is indexed so far: said so.
    const status = indexStatus(db);
    if (status?.catchingUp) result.indexing = status;
    return result;
  } catch (err) {
    // Only a read-only archive opens without its index (db/open.ts): it cannot be built where the archive is.
    if (err instanceof Error && /no such table: article_fts/.test(err.message)) {
      throw new ArchiveError(
        'READ_ONLY',
        'This read-only archive has no search index beside it (the file named like the archive plus "-search"), ' +
          'and it cannot be built where the archive is. Listing and reading work; to search, copy the archive to a ' +
          'folder you can write to and open it there once.',
      );
    }
    // User text only reaches SQLite as bound values and quoted FTS5 strings; should FTS5 still refuse one,
    // the user gets a readable message, never SQLite's.
    if (err instanceof Error && /fts5|MATCH|syntax/i.test(err.message)) {
      throw new ArchiveError(
        'INVALID_QUERY',
        `This search could not be run as written: "${req.query.slice(0, 80)}". Try removing punctuation.`,
      );
    }
    throw err;
  }
}

function validate(req: SearchRequest): { sort: SearchSort; offset: number; limit: number; scope: SearchScope } {
  if (typeof req !== 'object' || req === null || typeof req.query !== 'string') {
    throw new ArchiveError('INVALID_QUERY', 'A search needs a query text.');
  }
  const sort = req.sort ?? 'relevance';
  if (!SORTS.includes(sort)) throw new ArchiveError('INVALID_QUERY', `Sort must be one of ${SORTS.join(', ')}.`);
  const scope = req.scope ?? 'articles';
  if (!SCOPES.includes(scope)) throw new ArchiveError('INVALID_QUERY', `Scope must be one of ${SCOPES.join(', ')}.`);
  const offset = req.offset ?? 0;
  const limit = req.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(offset) || offset < 0)
    throw new ArchiveError('INVALID_QUERY', 'Offset must be a whole number, 0 or more.');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ArchiveError('INVALID_QUERY', `Limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  }
  return { sort, offset, limit, scope };
}

function page(
  db: Database.Database,
  src: SearchSource,
  compiled: CompiledQuery,
  totals: Totals,
  sort: SearchSort,
  offset: number,
  limit: number,
  kept: KeptPage | null,
): SearchHit[] {
  const { match } = compiled;
  const ann = src.scope === 'annotations';
  // The kept hits still live (and on the `from:` site): a site with too few of them is searched as if none were kept.
  const live = kept && sort === 'relevance' ? liveIds(db, kept.ids, compiled.site) : null;
  const useKept = live !== null && (compiled.site === undefined || live.length >= KEPT_ON_SITE_MIN);
  const rows =
    sort !== 'relevance'
      ? pageRows(db, src, { sort, offset, limit })
      : useKept
        ? keptRows(db, src, kept!, live, offset, limit)
        : compiled.titleMatch && totals.total >= tiering.minHits
          ? tieredRows(db, src, compiled.titleMatch, offset, limit, totals.newest)
          : compiled.site?.trim() && (totals.siteHits || (totals.matched ?? 0) >= siteScan.fromHits)
            ? siteRows(db, match!, compiled.site, totals.siteHits, offset, limit)
            : pageRows(db, src, { sort, offset, limit });
  // Article snippets are cut from the page's own texts (the index keeps none): one read for the page's rows.
  const phrases = !ann && match ? matchPhrases(match) : [];
  const ids = rows.map((r) => r.id);
  const columns = !ann && (match || compiled.substrings) ? pageColumns(db, ids) : null;
  return rows.map((r) => toHit(db, r, match, ann, compiled.substrings, phrases, columns?.get(r.id)));
}

/**
 * From this many hits of the words (on every site), a search narrowed to one site ranks only the hits on that site:
 * FTS5's own rank order would score every hit first (a word in 300k articles on a site holding 2,500 of them:
 * ~0.5 s at a million articles, `fin*` 1.4 s).
 */
export const siteScan = { fromHits: 20_000 };

/**
 * A page of words narrowed to a `from:` site, in plain bm25 order (ties by id): FTS5's rows are tested against a set
 * (kept out of FTS5's reach with +), so bm25 is computed for the hits on the site only, and SQLite sorts them. The
 * set is the site's live hits when the counting pass handed them over, else the site's live articles from the list
 * index on site names (`article_list_site`).
 */
function siteRows(
  db: Database.Database,
  match: string,
  site: string,
  siteHits: Int32Array | undefined,
  offset: number,
  limit: number,
): PageRow[] {
  const set = siteHits
    ? 'SELECT value FROM json_each(?)'
    : `SELECT a.id FROM article a WHERE a.trashed_at IS NULL AND (coalesce(a.site_name, '') = '') = 0 AND ${SITE_SQL}`;
  const ranked = statement(
    db,
    `SELECT f.rowid, f.rank FROM article_fts f WHERE f.article_fts MATCH ? AND +f.rowid IN (${set})
     ORDER BY f.rank, f.rowid LIMIT ? OFFSET ?`,
  )
    .raw()
    .all(match, siteHits ? JSON.stringify(Array.from(siteHits)) : site, limit, offset) as Array<[number, number]>;
  return rowsInOrder(db, ranked);
}

/**
 * With a `from:` site, the kept hits on it answer only when there are at least this many (a site with a good share
 * of the hits, as the first site facet of a heavy search is): the best hits of a site are the best hits overall
 * restricted to it, exactly, but past them the pages are plain bm25 over every hit (slow), so a small site is
 * searched as if nothing were kept (tiers). Decided per search, not per page, so its pages stay one order.
 */
const KEPT_ON_SITE_MIN = 30;

/**
 * A page of a search whose best hits are kept: read by id when the kept hits still live (`live`: their positions,
 * not trashed, on the `from:` site if any) cover it; past them, plain bm25 over every hit (exact, so those pages
 * continue the kept ones without overlap or gap; slow for a heavy search, and rare).
 */
function keptRows(
  db: Database.Database,
  src: SearchSource,
  kept: KeptPage,
  live: number[],
  offset: number,
  limit: number,
): PageRow[] {
  if (offset + limit > live.length) return pageRows(db, src, { sort: 'relevance', offset, limit });
  const ranked: Array<[number, number]> = [];
  for (let i = offset; i < offset + limit; i++) ranked.push([kept.ids[live[i]!]!, kept.ranks[live[i]!]!]);
  return rowsInOrder(db, ranked);
}

/** Positions in `ids` of the articles not in the trash (nor deleted since), and on `site` if given, in order. */
function liveIds(db: Database.Database, ids: Int32Array, site: string | undefined): number[] {
  const sql = 'SELECT a.id FROM article a WHERE a.id IN (SELECT value FROM json_each(?)) AND a.trashed_at IS NULL';
  const alive = new Set(
    statement(db, site === undefined ? sql : `${sql} AND ${SITE_SQL}`)
      .pluck()
      .all(JSON.stringify(Array.from(ids)), ...(site === undefined ? [] : [site])) as number[],
  );
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) if (alive.has(ids[i]!)) out.push(i);
  return out;
}

/**
 * The MATCH string a kept page would be filed under, or null when none can answer the search: one positive clause of
 * words or prefixes without filters (a `from:` site narrows a kept page and is allowed).
 */
function keptMatch(compiled: CompiledQuery): string | null {
  return compiled.match !== null && compiled.titleMatch !== null && compiled.where.length === 0 ? compiled.match : null;
}

/** What the index thread keeps for a search: its MATCH string and the SearchSource its totals are counted on. */
export function keptQuery(query: string): { match: string; src: SearchSource } | null {
  const compiled = compileQuery(parseQuery(query), 'articles');
  const match = compiled.empty ? null : keptMatch(compiled);
  return match === null ? null : { match, src: searchSource(compiled) };
}

/**
 * The best `size` hits of a MATCH over the whole index, trashed articles included, in plain bm25 order: FTS5's own
 * `ORDER BY rank`, as an untiered page sorts them. Scores every hit (the cost a kept page saves later).
 */
export function rankAhead(db: Database.Database, match: string, size: number): { ids: number[]; ranks: number[] } {
  const rows = statement(
    db,
    'SELECT f.rowid, f.rank FROM article_fts f WHERE f.article_fts MATCH ? ORDER BY f.rank LIMIT ?',
  )
    .raw()
    .all(match, size) as Array<[number, number]>;
  return { ids: rows.map((r) => r[0]), ranks: rows.map((r) => r[1]) };
}

/**
 * The total and facets of a kept search, counted as searchArchive counts them, and narrowed to each of its biggest
 * sites (keyed by the name folded as `from:` compares it; none when the facet columns are not there to count them).
 */
export function countAhead(
  db: Database.Database,
  match: string,
  src: SearchSource,
): { totals: Totals; bySite: Map<string, Totals> } {
  return columnTotalsBySite(db, match, keptPages.sites) ?? { totals: computeTotals(db, src), bySite: new Map() };
}

function toHit(
  db: Database.Database,
  r: PageRow,
  match: string | null,
  ann: boolean,
  substrings: string[] = [],
  phrases: readonly Phrase[] = [],
  columns?: ArticleColumns,
): SearchHit {
  const hit: SearchHit = {
    id: r.articleId as ArticleId,
    title: r.title,
    siteName: r.siteName,
    publishedAt: r.publishedAt,
    addedAt: r.addedAt,
    snippet: '',
    // bm25 is lower-is-better; the contract reports higher-is-better.
    score: r.rank === null ? 0 : -r.rank,
  };
  if (r.linkOnly === 1) hit.linkOnly = true;
  if (ann) {
    hit.annotationId = r.id as AnnotationId;
    hit.color = r.color;
    hit.snippet = match ? (r.snippet ?? annotationSnippet(db, match, r.id)) : plainSnippet(r.quote || r.note);
    if (r.anchorStart !== null) hit.matchOffset = r.anchorStart;
    return hit;
  }
  // A CJK substring: the passage is cut from the article's text where it occurs.
  const passage = substrings.length ? substringPassage(db, r.id, substrings, columns?.[3]) : null;
  if (!match) {
    hit.snippet = passage?.snippet ?? plainSnippet(r.excerpt);
    if (passage) hit.matchOffset = passage.offset;
    return hit;
  }
  const s = articleSnippet(columns ?? [r.title, '', '', ''], phrases);
  hit.snippet = s.snippet;
  if (s.inBody) hit.matchOffset = s.offset;
  else if (passage) {
    hit.snippet = passage.snippet;
    hit.matchOffset = passage.offset;
  }
  return hit;
}
