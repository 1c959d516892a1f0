// Collects what an export shows: the articles in scope, their current capture, and their live annotations.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { Annotation, AnnotationExportRequest, ArticleId, HighlightColor } from '../contract/types.js';
import { toAnnotation, type AnnotationRow } from './mapping.js';
import { ANNOTATION_COLUMNS } from './statements.js';
import { statementCache } from '../util.js';
import { checkId, invalid } from './validate.js';

const stmts = statementCache((db: Database.Database) => ({
  articleExists: db.prepare<[number], { 1: number }>('SELECT 1 FROM article WHERE id = ?'),
  collection: db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM collection WHERE name = ?'),
  collectionArticles: db.prepare<[number], { article_id: number }>(
    'SELECT article_id FROM article_collection WHERE collection_id = ?',
  ),
  // The trashed article an export names itself is kept (its id is bound; -1 otherwise).
  articleRows: db.prepare<[number], ArticleRow>(
    `
    SELECT ar.id, ar.title, ar.source_url, ar.canonical_url, cap.captured_at, cap.sha256, c.text_sha256
    FROM article ar
    LEFT JOIN capture cap ON cap.id = ar.current_capture_id
    LEFT JOIN content c ON c.capture_id = ar.current_capture_id
    WHERE EXISTS (SELECT 1 FROM annotation a WHERE a.article_id = ar.id AND a.deleted_at IS NULL)
      AND (ar.trashed_at IS NULL OR ar.id = ?)
    ORDER BY ar.title COLLATE NOCASE, ar.id`,
  ),
  annotationsOf: db.prepare(`SELECT ${ANNOTATION_COLUMNS} FROM annotation a
    WHERE a.article_id = ? AND a.deleted_at IS NULL
    ORDER BY a.anchor_start IS NULL, a.anchor_start, a.anchor_end, a.id`),
  colors: db.prepare<[], HighlightColor>('SELECT name, label, hex FROM color ORDER BY position'),
  tagsOf: db
    .prepare<[number], string>(
      `SELECT t.name FROM article_tag at JOIN tag t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY t.name COLLATE NOCASE`,
    )
    .pluck(),
}));

/** Article ids matching a search query; injected so export does not depend on the search module's internals. */
export type ResolveQuery = (query: string) => ArticleId[];

export interface ExportArticle {
  id: number;
  title: string;
  sourceUrl: string | null;
  canonicalUrl: string | null;
  capturedAt: string | null;
  captureSha256: string | null;
  textSha256: string | null;
  /** Live annotations in reading order; article notes (no passage) last. */
  annotations: Annotation[];
  /** The article's own tags (not its annotations'); absent where the caller does not need them. */
  tags?: string[];
}

export interface ExportData {
  /** Short words naming the scope, used in the file name and headings. */
  scope: string;
  /** True when the export is one article's (Markdown then gets Obsidian properties). */
  single: boolean;
  articles: ExportArticle[];
  colors: Map<string, HighlightColor>;
}

interface ArticleRow {
  id: number;
  title: string;
  source_url: string | null;
  canonical_url: string | null;
  captured_at: string | null;
  sha256: string | null;
  text_sha256: string | null;
}

export function collectExport(
  db: Database.Database,
  req: AnnotationExportRequest,
  resolveQuery?: ResolveQuery,
): ExportData {
  const scopes = [req.articleId !== undefined, req.collection !== undefined, req.query !== undefined].filter(
    Boolean,
  ).length;
  if (scopes > 1) throw invalid('Export one scope at a time: an article, a collection or a query.');
  let ids: number[] | null = null; // null: the whole archive
  let scope = 'archive';
  if (req.articleId !== undefined) {
    const id = checkId(req.articleId, 'articleId');
    if (!stmts(db).articleExists.get(id)) throw new ArchiveError('NOT_FOUND', `There is no article ${id}.`);
    ids = [id];
    scope = `article-${id}`;
  } else if (req.collection !== undefined) {
    const c = stmts(db).collection.get(String(req.collection).trim());
    if (!c) throw new ArchiveError('NOT_FOUND', `There is no collection named "${req.collection}".`);
    ids = stmts(db)
      .collectionArticles.all(c.id)
      .map((r) => r.article_id);
    scope = `collection-${c.name}`;
  } else if (req.query !== undefined) {
    if (!resolveQuery) throw invalid('Exporting the annotations of a query needs search, which is not available here.');
    ids = [...new Set(resolveQuery(String(req.query)).map(Number))];
    scope = 'search';
  }

  const articleRows = stmts(db).articleRows.all(req.articleId === undefined ? -1 : Number(req.articleId));
  const wanted = ids ? new Set(ids) : null;
  const annotationsOf = stmts(db).annotationsOf;
  const tagsOf = stmts(db).tagsOf;
  const articles: ExportArticle[] = [];
  for (const r of articleRows) {
    if (wanted && !wanted.has(r.id)) continue;
    articles.push({
      id: r.id,
      title: r.title,
      sourceUrl: r.source_url,
      canonicalUrl: r.canonical_url,
      capturedAt: r.captured_at,
      captureSha256: r.sha256,
      textSha256: r.text_sha256,
      annotations: (annotationsOf.all(r.id) as AnnotationRow[]).map(toAnnotation),
      tags: tagsOf.all(r.id),
    });
  }
  const colors = new Map(
    stmts(db)
      .colors.all()
      .map((c) => [c.name, c]),
  );
  return { scope, single: req.articleId !== undefined, articles, colors };
}

/** A file name safe on every OS: scope words and the date. */
export function exportFileName(scope: string, extension: string, now = new Date()): string {
  const slug =
    scope
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'export';
  return `stacks-annotations-${slug}-${now.toISOString().slice(0, 10)}.${extension}`;
}
