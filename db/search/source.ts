// The FROM/WHERE core of one search: which table is scanned, which rows are live, and the order expressions.
import type { SearchScope } from '../contract/types.js';
import { SITE_SQL, type CompiledQuery } from './query/compile.js';

export interface SearchSource {
  scope: SearchScope;
  from: string;
  where: string;
  params: Array<string | number>;
  /** The MATCH string bound first in `params` (null: no words), and the filter parameters bound after it. */
  match: string | null;
  filterParams: Array<string | number>;
  /** Article words with no filter but the trash: a page can be ranked on the index alone. */
  wordsOnly: boolean;
  /** Expression for the hit's id in the scope (article id, or annotation id). */
  idExpr: string;
  /** FTS5 rank of the row (lower = better) when words are matched; null for filter-only queries. */
  rankExpr: string | null;
  /** Date used by newest/oldest sorting and the year facet. */
  dateExpr: string;
  /** `from` for the totals/facets pass: the narrow covering index when nothing else of the article is read. */
  facetFrom: string;
}

/** Trashed articles and deleted annotations never appear, whatever the query says. */
export function searchSource(c: CompiledQuery): SearchSource {
  const ann = c.scope === 'annotations';
  // Unary + keeps SQLite off the trashed_at index: nearly every row is live, and the date index orders better.
  const live = ann ? ['n.deleted_at IS NULL', '+a.trashed_at IS NULL'] : ['+a.trashed_at IS NULL'];
  let from: string;
  const conds: string[] = [];
  const params: Array<string | number> = [];
  if (c.match) {
    from = ann
      ? 'annotation_fts f JOIN annotation n ON n.id = f.rowid JOIN article a ON a.id = n.article_id'
      : 'article_fts f JOIN article a ON a.id = f.rowid';
    conds.push(ann ? 'f.annotation_fts MATCH ?' : 'f.article_fts MATCH ?');
    params.push(c.match);
  } else {
    from = ann ? 'annotation n JOIN article a ON a.id = n.article_id' : 'article a';
  }
  conds.push(...live, ...c.where);
  params.push(...c.params);
  if (c.site !== undefined) {
    conds.push(SITE_SQL);
    params.push(c.site);
  }
  return {
    scope: c.scope,
    from,
    where: conds.join(' AND '),
    params,
    match: c.match,
    filterParams: c.site !== undefined ? [...c.params, c.site] : [...c.params],
    wordsOnly: !ann && c.match !== null && c.where.length === 0 && c.site === undefined,
    idExpr: ann ? 'n.id' : 'a.id',
    rankExpr: c.match ? 'f.rank' : null,
    dateExpr: ann ? 'n.created_at' : 'coalesce(a.published_at, a.added_at)',
    facetFrom:
      !ann && c.match && c.where.length === 0
        ? 'article_fts f JOIN article a INDEXED BY article_facet ON a.id = f.rowid'
        : from,
  };
}
