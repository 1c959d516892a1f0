// Total and facet counts over the whole result set, in one statement that reads the matching rows once.
import type Database from 'better-sqlite3';
import type { FacetCount, SearchFacets } from '../../contract/types.js';
import type { SearchSource } from '../source.js';
import { cachedStatement as statement } from '../../util.js';

export const FACET_LIMIT = 20;
const FACET_NAMES = ['site', 'year', 'tag', 'collection', 'color'] as const;

export interface Totals {
  total: number;
  facets: SearchFacets;
  /**
   * The newest hits of the MATCH (trashed ones too, as FTS5 lists them), newest first, when the counting pass had
   * them in hand: the tiered page's window edge is read here instead of asking FTS5 again (a full doclist merge
   * for a long prefix). `complete` when these are every hit.
   */
  newest?: { ids: Int32Array; complete: boolean };
  /** With a `from:` site, how many hits the words have on every site (when the counting pass saw them). */
  matched?: number;
  /** With a `from:` site, its live hits (ascending), when the counting pass had them and they were few enough. */
  siteHits?: Int32Array;
}

function topN(kind: number, valueExpr: string, fromJoin: string, countExpr = 'count(*)', groupBy = valueExpr): string {
  return `SELECT * FROM (SELECT ${kind} AS k, ${valueExpr} AS v, ${countExpr} AS c FROM ${fromJoin}
    GROUP BY ${groupBy} ORDER BY c DESC, v LIMIT ${FACET_LIMIT})`;
}

/** Which optional tables hold any row: facets over an empty table are skipped instead of probed 30k times. */
function present(db: Database.Database): {
  tags: boolean;
  annotationTags: boolean;
  collections: boolean;
  colors: boolean;
} {
  const has = (sql: string) => (statement(db, sql).pluck().get() as number) === 1;
  return {
    tags: has('SELECT EXISTS (SELECT 1 FROM article_tag)'),
    annotationTags: has('SELECT EXISTS (SELECT 1 FROM annotation_tag)'),
    collections: has('SELECT EXISTS (SELECT 1 FROM article_collection)'),
    colors: has('SELECT EXISTS (SELECT 1 FROM annotation WHERE color IS NOT NULL AND deleted_at IS NULL)'),
  };
}

export function computeTotals(db: Database.Database, src: SearchSource): Totals {
  const ann = src.scope === 'annotations';
  const p = present(db);
  const hitsCols = ann
    ? `n.id AS id, n.article_id AS article, n.color AS color, a.site_name AS site, substr(${src.dateExpr}, 1, 4) AS year`
    : `a.id AS id, a.id AS article, NULL AS color, a.site_name AS site, substr(${src.dateExpr}, 1, 4) AS year`;
  const parts = [
    'SELECT 0 AS k, NULL AS v, count(*) AS c FROM hits',
    topN(1, 'site', "hits WHERE site IS NOT NULL AND site <> ''"),
    topN(2, 'year', 'hits WHERE year IS NOT NULL'),
  ];
  if (ann ? p.annotationTags : p.tags) {
    const join = ann ? 'annotation_tag x ON x.annotation_id = hits.id' : 'article_tag x ON x.article_id = hits.id';
    parts.push(topN(3, 't.name', `hits JOIN ${join} JOIN tag t ON t.id = x.tag_id`, 'count(*)', 't.id'));
  }
  if (p.collections) {
    parts.push(
      topN(
        4,
        'cl.name',
        'hits JOIN article_collection x ON x.article_id = hits.article JOIN collection cl ON cl.id = x.collection_id',
        'count(*)',
        'cl.id',
      ),
    );
  }
  if (p.colors) {
    parts.push(
      ann
        ? topN(5, 'color', 'hits WHERE color IS NOT NULL')
        : topN(
            5,
            'an.color',
            'hits JOIN annotation an ON an.article_id = hits.id AND an.deleted_at IS NULL AND an.color IS NOT NULL',
            'count(DISTINCT an.article_id)',
            'an.color',
          ),
    );
  }
  const sql = `WITH hits AS MATERIALIZED (SELECT ${hitsCols} FROM ${src.facetFrom} WHERE ${src.where})\n${parts.join('\nUNION ALL ')}`;
  const rows = statement(db, sql)
    .raw()
    .all(...src.params) as Array<[number, string | null, number]>;
  const facets: SearchFacets = { site: [], year: [], tag: [], collection: [], color: [] };
  let total = 0;
  for (const [k, v, c] of rows) {
    if (k === 0) total = c;
    else if (v !== null) (facets[FACET_NAMES[k - 1]!] as FacetCount[]).push({ value: v, count: c });
  }
  return { total, facets };
}
