// In-memory columns for `in:annotations` totals and facets (article, year, color, tags per annotation), so a word
// quoted in thousands of highlights is counted in typed arrays instead of thousands of SQL lookups.
import type Database from 'better-sqlite3';
import type { SearchFacets } from '../../contract/types.js';
import {
  countPairs,
  currentColumns,
  forEachListedId,
  intern,
  loadPairs,
  MAX_DENSE_ID,
  top,
  type Pairs,
  YEAR_SLOTS,
} from './facet-columns.js';
import type { Totals } from './facets.js';
import { versionedBuilder } from './versioned.js';
import { cachedStatement as statement } from '../../util.js';

interface AnnotationColumns {
  size: number;
  /** 1 when the annotation is not deleted (its article's trash state is read from the article columns). */
  live: Uint8Array;
  article: Int32Array;
  year: Int32Array; // the year it was created, 0 when unknown
  color: Int32Array; // index into colorNames, -1 for none
  colorNames: string[];
  tags: Pairs;
  hit: Uint8Array;
  hitIds: Int32Array;
}

function build(db: Database.Database): AnnotationColumns | null {
  const maxId = (statement(db, 'SELECT max(id) FROM annotation').pluck().get() as number | null) ?? 0;
  if (maxId > MAX_DENSE_ID) return null;
  const size = maxId + 1;
  const live = new Uint8Array(size);
  const article = new Int32Array(size);
  const year = new Int32Array(size);
  const color = new Int32Array(size).fill(-1);
  const colorNames: string[] = [];
  const colorIndex = new Map<string, number>();
  // One string instead of 100k row objects, as for the article columns: records split by \x1e, fields by \x1f.
  const packed = statement(
    db,
    `SELECT group_concat(id || char(31) || article_id || char(31) || substr(created_at, 1, 4) || char(31)
      || (deleted_at IS NULL) || char(31) || replace(replace(coalesce(color, ''), char(30), ' '), char(31), ' '), char(30))
    FROM annotation`,
  )
    .pluck()
    .get() as string | null;
  for (const record of packed ? packed.split('\x1e') : []) {
    const [id, art, y, alive, c] = record.split('\x1f') as [string, string, string, string, string | undefined];
    const i = Number(id);
    if (!Number.isInteger(i) || i < 0 || i >= size || c === undefined) continue;
    article[i] = Number(art);
    year[i] = Number(y) || 0;
    live[i] = alive === '1' ? 1 : 0;
    if (c !== '') color[i] = intern(colorNames, colorIndex, c);
  }
  return {
    size,
    live,
    article,
    year,
    color,
    colorNames,
    tags: loadPairs(db, 'SELECT x.annotation_id, t.name FROM annotation_tag x JOIN tag t ON t.id = x.tag_id', size),
    hit: new Uint8Array(size),
    hitIds: new Int32Array(size),
  };
}

// One read transaction: loadPairs reads its rows twice, and both passes must see the same commit.
const currentAnnotationColumns = versionedBuilder((db) => db.transaction(() => build(db))());

/**
 * Total and facets of an annotation-scope MATCH with no SQL filters, equal to computeTotals' (site and collections
 * are the annotation's article's, years and colors the annotation's own). Null while the columns are not built.
 */
export function annotationColumnTotals(db: Database.Database, match: string): Totals | null {
  const arts = currentColumns(db);
  const cols = currentAnnotationColumns(db);
  if (!arts || !cols) return null;
  const list = statement(db, 'SELECT group_concat(rowid) FROM annotation_fts WHERE annotation_fts MATCH ?')
    .pluck()
    .get(match) as string | null;
  const { hit, hitIds } = cols;
  const siteCounts = new Int32Array(arts.siteNames.length);
  const colorCounts = new Int32Array(cols.colorNames.length);
  const collectionCounts = new Int32Array(arts.collections.names.length);
  // Years are four digits at most (the first four characters of a date): a typed array counts them without a Map.
  const yearCounts = new Int32Array(YEAR_SLOTS);
  let total = 0;
  try {
    forEachListedId(list, (id) => {
      const art = id < cols.size && cols.live[id] === 1 ? cols.article[id]! : -1;
      if (art < 0 || art >= arts.size || arts.live[art] !== 1) return;
      hit[id] = 1;
      hitIds[total++] = id;
      const s = arts.site[art]!;
      if (s >= 0) siteCounts[s]!++;
      const y = cols.year[id]!;
      if (y > 0 && y < YEAR_SLOTS) yearCounts[y]!++;
      const c = cols.color[id]!;
      if (c >= 0) colorCounts[c]!++;
      const p = arts.collections;
      for (let k = p.start[art]!; k < p.start[art + 1]!; k++) collectionCounts[p.value[k]!]!++;
    });
    const facets: SearchFacets = {
      site: top(siteCounts, (i) => arts.siteNames[i]!),
      year: top(yearCounts, (y) => String(y).padStart(4, '0')),
      tag: countPairs(cols.tags, hit, hitIds, total),
      collection: top(collectionCounts, (i) => arts.collections.names[i]!),
      color: top(colorCounts, (i) => cols.colorNames[i]!),
    };
    return { total, facets };
  } finally {
    for (let h = 0; h < total; h++) hit[hitIds[h]!] = 0;
  }
}
