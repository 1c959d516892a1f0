// Listing annotations with filters (article, color, tag, collection, dates, orphans, trash) for the UI and CLI.
import { LIMITS } from '../contract/limits.js';
import type Database from 'better-sqlite3';
import type { AnnotationList, AnnotationListRequest, AnnotationWithArticle } from '../contract/types.js';
import { toAnnotation, type AnnotationRow } from './mapping.js';
import { cachedStatement } from '../util.js';
import { ANNOTATION_COLUMNS } from './statements.js';
import { checkId, invalid } from './validate.js';

export const DEFAULT_LIMIT = 200;
/** The one bound, shared with the contract's schema. */
export const MAX_LIMIT = LIMITS.annotationPageSize;

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

export function listAnnotations(db: Database.Database, req: AnnotationListRequest = {}): AnnotationList {
  const q = buildListQuery(req);
  const total = (cachedStatement(db, q.countSql).get(...q.params) as { n: number }).n;
  const rows = cachedStatement(db, q.rowsSql).all(...q.params, q.limit, q.offset) as (AnnotationRow & {
    article_title: string;
  })[];
  const items: AnnotationWithArticle[] = rows.map((r) => ({ ...toAnnotation(r), articleTitle: r.article_title }));
  return { total, items };
}

export interface ListQuery {
  countSql: string;
  /** Takes `params`, then limit and offset. */
  rowsSql: string;
  params: unknown[];
  limit: number;
  offset: number;
}

/** The SQL for a request, validated; exported so tests can check its query plan uses indexes. */
export function buildListQuery(req: AnnotationListRequest = {}): ListQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  where.push(req.deleted ? 'a.deleted_at IS NOT NULL' : 'a.deleted_at IS NULL');
  if (req.articleId !== undefined) {
    where.push('a.article_id = ?');
    params.push(checkId(req.articleId, 'articleId'));
  } else {
    // Annotations of an article in the trash leave lists with it (and come back when it is restored).
    where.push('a.article_id NOT IN (SELECT id FROM article WHERE trashed_at IS NOT NULL)');
  }
  if (req.color !== undefined) {
    // Filter by the name ("yellow") or by its meaning ("Key claim").
    where.push('a.color IN (SELECT name FROM color WHERE name = ? COLLATE NOCASE OR label = ? COLLATE NOCASE)');
    params.push(String(req.color).trim(), String(req.color).trim());
  }
  if (req.tag !== undefined) {
    where.push('a.id IN (SELECT x.annotation_id FROM annotation_tag x JOIN tag t ON t.id = x.tag_id WHERE t.name = ?)');
    params.push(String(req.tag).trim().replace(/^#/, ''));
  }
  if (req.collection !== undefined) {
    where.push(`a.article_id IN (SELECT ac.article_id FROM article_collection ac
      JOIN collection c ON c.id = ac.collection_id WHERE c.name = ?)`);
    params.push(String(req.collection).trim());
  }
  if (req.since !== undefined) {
    where.push('a.created_at >= ?');
    params.push(checkDate(req.since, 'since'));
  }
  if (req.until !== undefined) {
    const until = checkDate(req.until, 'until');
    // A bare date includes that whole day.
    if (until.length === 10) {
      where.push("a.created_at < date(?, '+1 day')");
    } else {
      where.push('a.created_at <= ?');
    }
    params.push(until);
  }
  if (req.orphansOnly) where.push("a.anchor_state = 'orphan'");

  const limit = req.limit === undefined ? DEFAULT_LIMIT : req.limit;
  const offset = req.offset === undefined ? 0 : req.offset;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw invalid(`limit must be between 1 and ${MAX_LIMIT}.`);
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset must be 0 or more.');

  const whereSql = where.join(' AND ');
  // Within one article, reading order; across articles, newest first.
  const order =
    req.articleId !== undefined
      ? 'a.anchor_start IS NULL, a.anchor_start, a.anchor_end, a.id'
      : 'a.created_at DESC, a.id DESC';
  return {
    countSql: `SELECT count(*) AS n FROM annotation a WHERE ${whereSql}`,
    rowsSql: `SELECT ${ANNOTATION_COLUMNS}, ar.title AS article_title
    FROM annotation a JOIN article ar ON ar.id = a.article_id
    WHERE ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params,
    limit,
    offset,
  };
}

function checkDate(value: unknown, what: string): string {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(`${what} must be a date such as 2024-05-01 or 2024-05-01T12:00:00Z.`);
  }
  return value;
}
