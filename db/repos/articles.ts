// Articles: listing with filters and sorts, the full detail the reader needs, reading state and the trash.
import type Database from 'better-sqlite3';
import type { ApiInput } from '../contract/api.js';
import { ArchiveError } from '../contract/errors.js';
import { LIMITS } from '../contract/limits.js';
import type {
  ArticleDetail,
  ArticleId,
  ArticleIdList,
  ArticleList,
  ArticleListFilter,
  ArticleListRequest,
  ArticleSort,
  ArticleSummary,
  CaptureId,
  CaptureInfo,
  ReadingPosition,
  TimelineBucket,
} from '../contract/types.js';
import { unpackHtml } from '../codec/stored-forms.js';
import { cachedStatement, nowIso, statementCache, writeTransaction } from '../util.js';
import { listEvents, logEvent } from './events.js';

export interface ArticleRow {
  id: number;
  title: string;
  byline: string | null;
  site_name: string | null;
  source_url: string | null;
  canonical_url: string | null;
  published_at: string | null;
  language: string | null;
  excerpt: string | null;
  word_count: number;
  added_at: string;
  current_capture_id: number | null;
  is_read: number;
  is_favorite: number;
  is_archived: number;
  progress: number;
  reading_position: string | null;
  trashed_at: string | null;
  tags: string | null;
  annotation_count: number;
  link_only: number;
  position_at: string | null;
  in_later: number;
}

/** Columns of a summary row; tags, annotation counts and the Later flag are computed only for the rows of the page. */
export const SUMMARY_COLUMNS = `a.*,
  (SELECT group_concat(t.name, char(31)) FROM article_tag at JOIN tag t ON t.id = at.tag_id WHERE at.article_id = a.id) AS tags,
  (SELECT count(*) FROM annotation n WHERE n.article_id = a.id AND n.deleted_at IS NULL) AS annotation_count,
  EXISTS (SELECT 1 FROM later l WHERE l.article_id = a.id) AS in_later`;

export function toSummary(r: ArticleRow): ArticleSummary {
  return {
    id: r.id as ArticleId,
    title: r.title,
    byline: r.byline,
    siteName: r.site_name,
    sourceUrl: r.source_url,
    publishedAt: r.published_at,
    addedAt: r.added_at,
    excerpt: r.excerpt,
    language: r.language,
    wordCount: r.word_count,
    isRead: r.is_read === 1,
    isFavorite: r.is_favorite === 1,
    isArchived: r.is_archived === 1,
    trashedAt: r.trashed_at,
    progress: r.progress,
    tags: r.tags ? r.tags.split('\u001f').sort((x, y) => x.localeCompare(y)) : [],
    annotationCount: r.annotation_count,
    ...(r.link_only === 1 ? { linkOnly: true } : {}),
    ...(r.in_later === 1 ? { inLater: true } : {}),
    ...(r.position_at ? { lastReadAt: r.position_at } : {}),
  };
}

const stmts = statementCache((db) => ({
  one: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM article a WHERE a.id = ?`),
  content: db.prepare('SELECT html, html_codec, html_packed, text FROM content WHERE capture_id = ?'),
  captures: db.prepare(`SELECT id, sha256, media_type, charset, byte_size, captured_at, importer, importer_version,
    source_path, source_url FROM capture WHERE article_id = ? ORDER BY captured_at DESC, id DESC`),
  collections: db.prepare(`SELECT c.name FROM article_collection ac JOIN collection c ON c.id = ac.collection_id
    WHERE ac.article_id = ? ORDER BY c.name`),
  setPosition: db.prepare('UPDATE article SET progress = ?, reading_position = ?, position_at = ? WHERE id = ?'),
  exists: db.prepare('SELECT id FROM article WHERE id = ?'),
}));

interface CaptureRow {
  id: number;
  sha256: string;
  media_type: string;
  charset: string | null;
  byte_size: number;
  captured_at: string;
  importer: string;
  importer_version: string;
  source_path: string | null;
  source_url: string | null;
}

export function toCaptureInfo(r: CaptureRow): CaptureInfo {
  return {
    id: r.id as CaptureId,
    sha256: r.sha256,
    mediaType: r.media_type,
    charset: r.charset,
    byteSize: r.byte_size,
    capturedAt: r.captured_at,
    importer: r.importer,
    importerVersion: r.importer_version,
    sourcePath: r.source_path,
    sourceUrl: r.source_url,
  };
}

/** Existence check without the summary's tag and annotation subqueries. */
export function assertArticleExists(db: Database.Database, id: number): void {
  if (!stmts(db).exists.get(id)) throw new ArchiveError('NOT_FOUND', `No article with id ${id}.`);
}

export function requireArticle(db: Database.Database, id: number): ArticleRow {
  const row = stmts(db).one.get(id) as ArticleRow | undefined;
  if (!row) throw new ArchiveError('NOT_FOUND', `No article with id ${id}.`);
  return row;
}

export function getArticle(db: Database.Database, { id }: ApiInput<'getArticle'>): ArticleDetail {
  const s = stmts(db);
  const row = requireArticle(db, id);
  const content =
    row.current_capture_id === null
      ? undefined
      : (s.content.get(row.current_capture_id) as
          { html: string; html_codec: number; html_packed: Buffer | null; text: string } | undefined);
  return {
    ...toSummary(row),
    canonicalUrl: row.canonical_url,
    text: content?.text ?? '',
    html: content ? unpackHtml(content.html_codec, content.html, content.html_packed, content.text) : '',
    captures: (s.captures.all(id) as CaptureRow[]).map(toCaptureInfo),
    events: listEvents(db, { articleId: id as ArticleId }),
    collections: (s.collections.all(id) as { name: string }[]).map((c) => c.name),
    readingPosition: row.reading_position ? (JSON.parse(row.reading_position) as ReadingPosition) : null,
  };
}

/**
 * The ORDER BY terms of each sort before the id tie-break; each list matches an index (migrations 2 and 7), so a
 * page never sorts the whole table. Site and author put articles without one after the rest (A to Z).
 */
const SORTS = {
  added: ['a.added_at'],
  published: ['coalesce(a.published_at, a.added_at)'],
  title: ['a.title COLLATE NOCASE'],
  site: ["(coalesce(a.site_name, '') = '')", 'a.site_name COLLATE NOCASE'],
  author: ["(coalesce(a.byline, '') = '')", 'a.byline COLLATE NOCASE'],
} as const satisfies Record<ArticleSort, readonly string[]>;

/** Text orders read A to Z unless asked otherwise; dates newest first. */
function orderOf(sort: ArticleSort, order: 'asc' | 'desc' | undefined): 'ASC' | 'DESC' {
  const asc = sort === 'title' || sort === 'site' || sort === 'author';
  return (order ?? (asc ? 'asc' : 'desc')) === 'asc' ? 'ASC' : 'DESC';
}

/** `unindexed`: each term behind a unary +, so SQLite finds the rows by the filter and sorts them (few rows). */
function orderBySql(sort: ArticleSort, order: 'asc' | 'desc' | undefined, unindexed = false): string {
  const dir = orderOf(sort, order);
  return [...SORTS[sort], 'a.id'].map((term) => `${unindexed ? `+${term}` : term} ${dir}`).join(', ');
}

/**
 * Lists of at most this many articles whose filter has an index of its own (the trash, a tag, a collection) are found
 * through it and sorted, instead of walking a sort order's index until a page is full: without statistics SQLite
 * walked every live article for a small tag (~45 ms at a million) and every article for the trash (~280 ms).
 */
export const FEW_ARTICLES = 5000;

/** The filters FEW_ARTICLES is about: those with an index of their own to find their articles through. */
const ownIndexFilter = (f: ArticleListFilter): boolean => f.trashed === true || !!f.tag || !!f.collection;

/** The WHERE clause of a filtered list, with its parameters (exported for the query-plan tests). */
export function filterSql(f: ArticleListFilter): { whereSql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  // Without statistics SQLite would read a published-date or link-only filter through the list index on trashed_at,
  // walking every live article (3-5 s at a million); the + leaves it the published_at index or the partial index of
  // link-only articles, which find the few rows directly.
  const narrow = f.undated || (f.month !== undefined && f.dateBy === 'published') || f.linkOnly === true;
  const trashed = narrow ? '+a.trashed_at' : 'a.trashed_at';
  where.push(f.trashed ? `${trashed} IS NOT NULL` : `${trashed} IS NULL`);
  if (f.state) where.push(`a.is_read = ${f.state === 'read' ? 1 : 0}`);
  if (f.favorite !== undefined) where.push(`a.is_favorite = ${f.favorite ? 1 : 0}`);
  if (f.archived !== undefined) where.push(`a.is_archived = ${f.archived ? 1 : 0}`);
  if (f.linkOnly !== undefined) where.push(`a.link_only = ${f.linkOnly ? 1 : 0}`);
  if (f.site) {
    where.push('a.site_name = ?');
    params.push(f.site);
  }
  if (f.month) {
    // A range, which the date's index can read (substr() read every article): dates are ISO strings, so the dates
    // of a month (or year) are those from the month itself up to the month with its last character one higher.
    const date = monthDateSql(f.dateBy);
    where.push(`${date} >= ? AND ${date} < ?`);
    params.push(f.month, f.month.slice(0, -1) + String.fromCharCode(f.month.charCodeAt(f.month.length - 1) + 1));
  }
  if (f.undated) where.push('a.published_at IS NULL');
  if (f.tag) {
    where.push('a.id IN (SELECT at.article_id FROM article_tag at JOIN tag t ON t.id = at.tag_id WHERE t.name = ?)');
    params.push(f.tag);
  }
  if (f.collection) {
    where.push(`a.id IN (SELECT ac.article_id FROM article_collection ac JOIN collection c ON c.id = ac.collection_id
      WHERE c.name = ?)`);
    params.push(f.collection);
  }
  return { whereSql: `WHERE ${where.join(' AND ')}`, params };
}

export function listArticles(db: Database.Database, req: ArticleListRequest): ArticleList {
  const filter = req.filter ?? {};
  const { whereSql, params } = filterSql(filter);
  const limit = Math.min(Math.max(req.limit ?? 50, 1), 500);
  const offset = Math.max(req.offset ?? 0, 0);
  // The library asks for a page per scroll stop: the few filter/sort shapes are prepared once and reused.
  const total = (cachedStatement(db, `SELECT count(*) AS n FROM article a ${whereSql}`).get(...params) as { n: number })
    .n;
  const page = listPageSql(filter, req.sort ?? 'added', req.order, total <= FEW_ARTICLES);
  const rows = cachedStatement(db, page.sql).all(...page.params, limit, offset) as ArticleRow[];
  return { total, items: rows.map(toSummary) };
}

/**
 * A page's SQL (limit and offset bound last). A date filter (a timeline column: a month or a year, or the undated)
 * picks the page's ids from its date index first and reads only those rows: sorting every row of a year by another
 * date read ~100k rows from the table at a million articles (0.8 s); the ids alone come from the index (migration 13).
 */
export function listPageSql(
  filter: ArticleListFilter,
  sort: ArticleSort,
  order: 'asc' | 'desc' | undefined,
  few = false,
): { sql: string; params: unknown[] } {
  const { whereSql, params } = filterSql(filter);
  const orderBy = orderBySql(sort, order);
  if (!filter.month && !filter.undated) {
    if (few && ownIndexFilter(filter)) {
      // The ids from the filter's index alone (the trash through the list index's trashed_at: a covering range),
      // then their rows, sorted.
      return {
        sql: `SELECT ${SUMMARY_COLUMNS} FROM article a WHERE a.id IN (SELECT a.id FROM article a ${whereSql})
          ORDER BY ${orderBySql(sort, order, true)} LIMIT ? OFFSET ?`,
        params,
      };
    }
    return { sql: `SELECT ${SUMMARY_COLUMNS} FROM article a ${whereSql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`, params };
  }
  return {
    sql: `SELECT ${SUMMARY_COLUMNS} FROM article a WHERE a.id IN (SELECT a.id FROM article a ${whereSql}
      ORDER BY ${orderBy} LIMIT ? OFFSET ?) ORDER BY ${orderBy}`,
    params,
  };
}

/** Every id matching the filter, in list order, up to the bulk limit: what "select all" selects. */
export function listArticleIds(db: Database.Database, req: ApiInput<'listArticleIds'>): ArticleIdList {
  const { whereSql, params } = filterSql(req.filter ?? {});
  const total = (cachedStatement(db, `SELECT count(*) AS n FROM article a ${whereSql}`).get(...params) as { n: number })
    .n;
  const unindexed = total <= FEW_ARTICLES && ownIndexFilter(req.filter ?? {});
  const sortBy = orderBySql(req.sort ?? 'added', req.order, unindexed);
  const ids = cachedStatement(
    db,
    unindexed
      ? `SELECT a.id FROM article a WHERE a.id IN (SELECT a.id FROM article a ${whereSql}) ORDER BY ${sortBy} LIMIT ?`
      : `SELECT a.id FROM article a ${whereSql} ORDER BY ${sortBy} LIMIT ?`,
  )
    .pluck()
    .all(...params, LIMITS.bulkIds) as ArticleId[];
  return { total, ids };
}

export function updateArticle(db: Database.Database, { id, patch }: ApiInput<'updateArticle'>): void {
  assertArticleExists(db, id);
  const sets: string[] = [];
  const params: unknown[] = [];
  if (patch.title !== undefined) {
    const title = patch.title.trim();
    if (!title) throw new ArchiveError('INVALID_INPUT', 'A title cannot be empty.');
    sets.push('title = ?');
    params.push(title);
  }
  if (patch.isRead !== undefined) {
    sets.push('is_read = ?');
    params.push(patch.isRead ? 1 : 0);
  }
  if (patch.isFavorite !== undefined) {
    sets.push('is_favorite = ?');
    params.push(patch.isFavorite ? 1 : 0);
  }
  if (patch.isArchived !== undefined) {
    sets.push('is_archived = ?');
    params.push(patch.isArchived ? 1 : 0);
  }
  if (sets.length === 0) return;
  cachedStatement(db, `UPDATE article SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
}

export function setReadingPosition(db: Database.Database, { id, position }: ApiInput<'setReadingPosition'>): void {
  const percent = Math.min(Math.max(position.percent, 0), 1);
  const r = stmts(db).setPosition.run(percent, JSON.stringify({ ...position, percent }), nowIso(), id);
  if (r.changes === 0) throw new ArchiveError('NOT_FOUND', `No article with id ${id}.`);
}

/** Moves articles to the trash (hidden from lists and search) or back; both are logged as provenance. */
export function setTrashed(db: Database.Database, ids: number[], trashed: boolean): number {
  const update = cachedStatement(
    db,
    trashed
      ? 'UPDATE article SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL'
      : 'UPDATE article SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL',
  );
  return writeTransaction(db, () => {
    let changed = 0;
    for (const id of ids) {
      const r = trashed ? update.run(nowIso(), id) : update.run(id);
      if (r.changes) {
        changed++;
        logEvent(db, trashed ? 'deleted' : 'restored', id, null, trashed ? 'moved to trash' : 'restored from trash');
      }
    }
    return changed;
  });
}

/** The date a month filter or the timeline looks at: the published one, the added one, or published-else-added. */
function monthDateSql(by: 'added' | 'published' | undefined): string {
  return by === 'added' ? 'a.added_at' : by === 'published' ? 'a.published_at' : 'coalesce(a.published_at, a.added_at)';
}

export function timeline(db: Database.Database, by?: 'added' | 'published'): TimelineBucket[] {
  // Kept month by month by triggers (migration 012): articles without a published date are left out of that chart
  // (the view counts them apart), not piled into a month.
  return cachedStatement(db, 'SELECT month, count FROM article_month WHERE by = ? AND count > 0 ORDER BY month').all(
    by ?? 'date',
  ) as TimelineBucket[];
}
