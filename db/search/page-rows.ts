// The SQL for one page of hits: rank or date order, optional replacement MATCH string and extra condition, annotation snippets inline.
import type Database from 'better-sqlite3';
import type { SearchSort } from '../contract/types.js';
import { snippetSql } from './snippets.js';
import type { SearchSource } from './source.js';
import { cachedStatement as statement } from '../util.js';

export interface PageRow {
  id: number;
  articleId: number;
  rank: number | null;
  title: string;
  siteName: string | null;
  publishedAt: string | null;
  addedAt: string;
  excerpt: string | null;
  color: string | null;
  quote: string | null;
  note: string | null;
  anchorStart: number | null;
  /** 1 when the article is a link only (imported from an export, not captured yet). */
  linkOnly: number;
  /** An annotation's snippet (best column) when computed in the page query itself. */
  snippet?: string;
}

export interface PageQuery {
  sort: SearchSort;
  offset: number;
  limit: number;
  /** MATCH string used instead of the source's own (e.g. its title-only form); snippets are then left out. */
  match?: string;
  /** An ORDER BY that FTS5 serves itself (e.g. `f.rowid DESC`), replacing rank or date order; snippets stay inline. */
  order?: string;
  /** One more AND-ed condition with its parameters (bound after the source's filters). */
  extra?: { sql: string; params: Array<string | number> };
}

export function pageRows(db: Database.Database, src: SearchSource, q: PageQuery): PageRow[] {
  const ann = src.scope === 'annotations';
  // Relevance uses FTS5's own `rank` order (bm25 with the column weights configured in the migration), so
  // FTS5 sorts inside the virtual table and the outer query stops after LIMIT rows.
  const order =
    q.order ??
    (q.sort === 'relevance' && src.rankExpr
      ? `${src.rankExpr}`
      : `${src.dateExpr} ${q.sort === 'oldest' ? 'ASC' : 'DESC'}, ${src.idExpr} ${q.sort === 'oldest' ? 'ASC' : 'DESC'}`);
  const cols = [
    `${src.idExpr} AS id`,
    'a.id AS articleId',
    `${src.rankExpr ?? 'NULL'} AS rank`,
    'a.title AS title',
    'a.site_name AS siteName',
    'a.published_at AS publishedAt',
    'a.added_at AS addedAt',
    'a.excerpt AS excerpt',
    ann ? 'n.color AS color' : 'NULL AS color',
    ann ? 'n.quote_exact AS quote' : 'NULL AS quote',
    ann ? 'n.note AS note' : 'NULL AS note',
    ann
      ? "CASE WHEN n.anchor_state IN ('exact','fuzzy') THEN n.anchor_start END AS anchorStart"
      : 'NULL AS anchorStart',
    'a.link_only AS linkOnly',
  ];
  // Annotations (annotation_fts keeps its text): in rank order FTS5 hands rows out already sorted, so a snippet in
  // the select list is computed for the page rows only. A date order sorts every hit first, so there snippets are
  // fetched per page row afterwards. Articles' snippets come from their own text after the page (snippets.ts).
  const inline =
    ann && src.match !== null && (order === src.rankExpr || q.order !== undefined) && q.match === undefined;
  if (inline) cols.push(`${snippetSql('f.annotation_fts', -1)} AS snippet`);
  const where = q.extra ? `${src.where} AND ${q.extra.sql}` : src.where;
  const params = src.match !== null ? [q.match ?? src.match, ...src.filterParams] : src.filterParams;
  const sql = `SELECT ${cols.join(', ')} FROM ${src.from} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`;
  return statement(db, sql).all(...params, ...(q.extra?.params ?? []), q.limit, q.offset) as PageRow[];
}
