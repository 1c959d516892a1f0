// In-memory facet columns (site, year, live flag, tag/collection/color pairs) so a common word's 30k hits are
// counted in typed arrays instead of 30k SQLite lookups; rebuilt lazily whenever the data version moves.
import type Database from 'better-sqlite3';
import type { FacetCount, SearchFacets } from '../../contract/types.js';
import { FACET_LIMIT, type Totals } from './facets.js';
import { versionedBuilder } from './versioned.js';
import { loadSnapshot, saveSnapshot, snapshotKey, snapshotPath, type ColumnData } from './facet-snapshot.js';
import { cachedStatement as statement } from '../../util.js';

/** Beyond this id the arrays would waste memory on gaps; the SQL path is used instead. */
export const MAX_DENSE_ID = 4_000_000;
/** Articles read per statement while building the columns. */
const BUILD_CHUNK = 50_000;
/** Year facet slots: a year is the first four characters of a date, so below 10000. */
export const YEAR_SLOTS = 10_000;

export interface Pairs {
  article: Int32Array;
  value: Int32Array;
  names: string[];
  start: Int32Array;
}

/** `site` indexes `siteNames` (-1 when unknown); `year` is the year number (0 when unknown). */
interface FacetColumns extends ColumnData {
  /** Per-query scratch: membership flags (all 0 between queries) and the hit ids in hit order. */
  hit: Uint8Array;
  hitIds: Int32Array;
}

export function intern(names: string[], index: Map<string, number>, name: string): number {
  let i = index.get(name);
  if (i === undefined) {
    i = names.length;
    names.push(name);
    index.set(name, i);
  }
  return i;
}

export function loadPairs(db: Database.Database, sql: string, size: number): Pairs {
  // Two passes over the rows (count, then fill; the caller reads in one transaction) instead of holding them all:
  // a million pairs as row arrays would be ~100 MB at once.
  const rows = () => statement(db, sql).raw().iterate() as IterableIterator<[number, string]>;
  const names: string[] = [];
  const index = new Map<string, number>();
  // Grouped by article (counting sort): start[id]..start[id + 1] are the article's pairs, so a small result set
  // counts only its own pairs instead of scanning every pair in the archive (100k annotation colors, say).
  const start = new Int32Array(size + 1);
  for (const [id] of rows()) if (id >= 0 && id < size) start[id + 1]!++;
  for (let i = 0; i < size; i++) start[i + 1]! += start[i]!;
  const article = new Int32Array(start[size]!);
  const value = new Int32Array(start[size]!);
  const fill = start.slice(0, size);
  for (const [id, name] of rows()) {
    if (id < 0 || id >= size) continue;
    const k = fill[id]!++;
    article[k] = id;
    value[k] = intern(names, index, name);
  }
  return { article, value, names, start };
}

function readColumns(db: Database.Database): ColumnData | null {
  const maxId = (statement(db, 'SELECT max(id) FROM article').pluck().get() as number | null) ?? 0;
  if (maxId > MAX_DENSE_ID) return null;
  const size = maxId + 1;
  const live = new Uint8Array(size);
  const site = new Int32Array(size).fill(-1);
  const year = new Int32Array(size);
  const siteNames: string[] = [];
  const siteIndex = new Map<string, number>();
  // One string per 50,000 articles instead of a row object each (4x faster here): records split by \x1e, fields
  // by \x1f, the site last and stripped of both separators. Chunks keep the transient strings a few MB (one
  // string for a million articles held ~100 MB at once, the peak of a searching process).
  const chunk = statement(
    db,
    `SELECT group_concat(id || char(31) || substr(coalesce(published_at, added_at), 1, 4) || char(31)
      || (trashed_at IS NULL) || char(31) || replace(replace(coalesce(site_name, ''), char(30), ' '), char(31), ' '), char(30))
    FROM article INDEXED BY article_facet WHERE id >= ? AND id < ?`,
  ).pluck();
  for (let from = 0; from < size; from += BUILD_CHUNK) {
    const packed = chunk.get(from, from + BUILD_CHUNK) as string | null;
    for (const record of packed ? packed.split('\x1e') : []) {
      const f1 = record.indexOf('\x1f');
      const f2 = record.indexOf('\x1f', f1 + 1);
      const f3 = record.indexOf('\x1f', f2 + 1);
      const id = Number(record.slice(0, f1));
      if (!Number.isInteger(id) || id < 0 || id >= size || f3 < 0) continue;
      year[id] = Number(record.slice(f1 + 1, f2)) || 0;
      live[id] = record.charCodeAt(f2 + 1) === 49 ? 1 : 0; // '1'
      const s = record.slice(f3 + 1);
      if (s !== '') site[id] = intern(siteNames, siteIndex, s);
    }
  }
  return {
    size,
    live,
    site,
    year,
    siteNames,
    tags: loadPairs(db, 'SELECT x.article_id, t.name FROM article_tag x JOIN tag t ON t.id = x.tag_id', size),
    collections: loadPairs(
      db,
      'SELECT x.article_id, c.name FROM article_collection x JOIN collection c ON c.id = x.collection_id',
      size,
    ),
    colors: loadPairs(
      db,
      'SELECT DISTINCT article_id, color FROM annotation WHERE deleted_at IS NULL AND color IS NOT NULL',
      size,
    ),
  };
}

const withScratch = (data: ColumnData): FacetColumns => ({
  ...data,
  hit: new Uint8Array(data.size),
  hitIds: new Int32Array(data.size),
});

/** The columns saved for the archive as it is now, if any (a read of ~10 MB at a million articles). */
function savedColumns(db: Database.Database): FacetColumns | null {
  const file = snapshotPath(db);
  const key = file && snapshotKey(db);
  const data = key ? loadSnapshot(file, key) : null;
  return data && withScratch(data);
}

/** The saved columns when they are current; else read from the archive and saved for the next process. */
function build(db: Database.Database): FacetColumns | null {
  const saved = savedColumns(db);
  if (saved) return saved;
  const file = snapshotPath(db);
  // One read transaction: the key and every pass over the rows see the same commit (the pairs are read twice).
  const [key, data] = db.transaction(() => [file && snapshotKey(db), readColumns(db)] as const)();
  if (!data) return null;
  if (file && key) saveSnapshot(file, key, data);
  return withScratch(data);
}

/**
 * The columns for the current data version, or null while they are not built (see versioned.ts). Saved columns
 * are used at once, even on the first query after a write or in a fresh process: they cost a file read, not a build.
 */
export const currentColumns = versionedBuilder(build, savedColumns);

/** Calls `visit` with each id of a group_concat(rowid) list ("12,7,30"), read digit by digit without splitting. */
export function forEachListedId(list: string | null, visit: (id: number) => void): void {
  if (!list) return;
  let id = 0;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 44;
    if (c !== 44) {
      id = id * 10 + (c - 48);
      continue;
    } // 44 = ','
    visit(id);
    id = 0;
  }
}

export function top(counts: Int32Array | Map<number, number>, name: (k: number) => string): FacetCount[] {
  const out: FacetCount[] = [];
  if (counts instanceof Map) for (const [k, c] of counts) out.push({ value: name(k), count: c });
  else
    counts.forEach((c, k) => {
      if (c > 0) out.push({ value: name(k), count: c });
    });
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return out.slice(0, FACET_LIMIT);
}

export function countPairs(p: Pairs, hit: Uint8Array, hitIds: Int32Array, hits: number): FacetCount[] {
  if (p.article.length === 0) return [];
  const counts = new Int32Array(p.names.length);
  if (hits < p.article.length / 4) {
    for (let h = 0; h < hits; h++) {
      const id = hitIds[h]!;
      for (let k = p.start[id]!; k < p.start[id + 1]!; k++) counts[p.value[k]!]!++;
    }
  } else {
    for (let k = 0; k < p.article.length; k++) if (hit[p.article[k]!] === 1) counts[p.value[k]!]!++;
  }
  return top(counts, (i) => p.names[i]!);
}

/** ASCII letters folded, as SQLite's NOCASE compares (SITE_SQL). */
export const foldAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Indexes of the site names equal to `name` under NOCASE. */
function sitesNamed(names: readonly string[], name: string): Set<number> {
  const wanted = foldAscii(name);
  const out = new Set<number>();
  names.forEach((n, i) => {
    if (foldAscii(n) === wanted) out.add(i);
  });
  return out;
}

/**
 * Up to this many live hits on a `from:` site are handed over by id (a site of 170,000 articles at 1M made the page
 * query build its whole id set to test 60,000 hits against: 40-50 ms, against 20-30 ms for the site's own 10-15k).
 */
export const SITE_HITS_MAX = 40_000;

/** The hit ids of an article-scope MATCH as one group_concat string (one row instead of 30k row objects). */
const hitList = (db: Database.Database, match: string): string | null =>
  statement(db, 'SELECT group_concat(rowid) FROM article_fts WHERE article_fts MATCH ?').pluck().get(match) as
    string | null;

/**
 * Total and facets of an article-scope MATCH with no SQL filters (but a `from:` site). The hit ids are checked
 * against the live flags and counted.
 */
export function columnTotals(db: Database.Database, match: string, keepNewest = 0, fromSite?: string): Totals | null {
  const cols = currentColumns(db);
  if (!cols) return null;
  // A `from:` site: only hits on it count (and are kept as the newest), whatever the case of its letters.
  const onSite = fromSite === undefined ? null : sitesNamed(cols.siteNames, fromSite);
  const list = hitList(db, match);
  return countHits(cols, (visit) => forEachListedId(list, visit), keepNewest, onSite);
}

/**
 * The total and facets of a MATCH, and the same narrowed to each of its `sites` biggest sites (keyed by the name
 * folded as `from:` compares it), from one read of its hits: what a site facet click asks next.
 */
export function columnTotalsBySite(
  db: Database.Database,
  match: string,
  sites: number,
): { totals: Totals; bySite: Map<string, Totals> } | null {
  // Ranking ahead runs in the background: the columns are built now rather than counted without them.
  const cols = currentColumns(db, true);
  if (!cols) return null;
  const list = hitList(db, match);
  const totals = countHits(cols, (visit) => forEachListedId(list, visit), 0, null);
  // The biggest sites are known from the facets: a second walk of the ids sorts out their hits, each then counted.
  const siteSlot = (id: number): number => (id < cols.size ? cols.site[id]! + 1 : 0);
  const names = [...new Set(totals.facets.site.slice(0, sites).map((f) => foldAscii(f.value)))];
  const wanted = new Int32Array(cols.siteNames.length + 1).fill(-1);
  names.forEach((name, slot) => sitesNamed(cols.siteNames, name).forEach((i) => (wanted[i + 1] = slot)));
  const buckets = names.map(() => [] as number[]);
  if (names.length > 0)
    forEachListedId(list, (id) => {
      const slot = wanted[siteSlot(id)]!;
      if (slot >= 0) buckets[slot]!.push(id);
    });
  const bySite = new Map<string, Totals>();
  names.forEach((name, slot) => {
    const narrowed = countHits(cols, (visit) => buckets[slot]!.forEach(visit), 0, null);
    bySite.set(name, { total: narrowed.total, facets: narrowed.facets });
  });
  return { totals, bySite };
}

/** Counts hits (each id once, in ascending order) against the live flags and facet columns. */
function countHits(
  cols: FacetColumns,
  each: (visit: (id: number) => void) => void,
  keepNewest: number,
  onSite: Set<number> | null,
): Totals {
  // Scratch arrays kept with the columns (search is synchronous): `hit` is cleared again below, entry by entry.
  const { hit, hitIds } = cols;
  const siteCounts = new Int32Array(cols.siteNames.length);
  // Years are four digits at most (the first four characters of a date): a typed array counts them without a Map.
  const yearCounts = new Int32Array(YEAR_SLOTS);
  let total = 0;
  let matched = 0;
  // The last `keepNewest` ids of the list (ascending, so the newest), in a ring.
  const ring = new Int32Array(keepNewest);
  let listed = 0;
  // Hits are marked for the tag, collection and color pairs only when there are any to count.
  const marking = cols.tags.article.length + cols.collections.article.length + cols.colors.article.length > 0;
  const { live, site, year, size } = cols;
  // The live hits on a `from:` site, while few enough for the page query to rank them by id (run.ts, siteRows).
  const siteHits = onSite ? new Int32Array(SITE_HITS_MAX) : null;
  try {
    each((id) => {
      matched++;
      if (onSite && (id >= size || !onSite.has(site[id]!))) return;
      if (keepNewest > 0) ring[listed % keepNewest] = id;
      listed++;
      if (id >= size || live[id] !== 1) return;
      if (siteHits && total < siteHits.length) siteHits[total] = id;
      if (marking) {
        hit[id] = 1;
        hitIds[total] = id;
      }
      total++;
      const s = site[id]!;
      if (s >= 0) siteCounts[s]!++;
      const y = year[id]!;
      if (y > 0 && y < YEAR_SLOTS) yearCounts[y]!++;
    });
    const facets: SearchFacets = {
      site: top(siteCounts, (i) => cols.siteNames[i]!),
      year: top(yearCounts, (y) => String(y).padStart(4, '0')),
      tag: countPairs(cols.tags, hit, hitIds, total),
      collection: countPairs(cols.collections, hit, hitIds, total),
      color: countPairs(cols.colors, hit, hitIds, total),
    };
    const all = onSite ? { matched, ...(total <= SITE_HITS_MAX ? { siteHits: siteHits!.slice(0, total) } : {}) } : {};
    if (keepNewest === 0) return { total, facets, ...all };
    const kept = Math.min(listed, keepNewest);
    const ids = new Int32Array(kept);
    for (let i = 0; i < kept; i++) ids[i] = ring[(listed - 1 - i) % keepNewest]!;
    return { total, facets, newest: { ids, complete: listed <= keepNewest }, ...all };
  } finally {
    if (marking) for (let h = 0; h < total; h++) hit[hitIds[h]!] = 0;
  }
}
