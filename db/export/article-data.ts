// Reads what a package holds for one article: metadata, each capture's original bytes, assets, annotations.
import type Database from 'better-sqlite3';
import { toAnnotation, type AnnotationRow } from '../annotations/mapping.js';
import { ANNOTATION_COLUMNS } from '../annotations/statements.js';
import { toJsonLd } from '../annotations/export-jsonld.js';
import type { JsonLdAnnotation } from '../annotations/jsonld-shape.js';
import type { ArticleDetail, ArticleId, HighlightColor } from '../contract/types.js';
import { unpackBytes } from '../codec/stored-forms.js';
import { getArticle } from '../repos/articles.js';
import { statementCache } from '../util.js';

export interface CaptureBytes {
  id: number;
  sha256: string;
  mediaType: string;
  charset: string | null;
  capturedAt: string;
  sourceUrl: string | null;
  sourcePath: string | null;
  /** The bytes exactly as received (for WARC-sourced captures: their complete WARC record(s)). */
  original: Uint8Array;
  /**
   * True for an export's record of a link (a CSV row, a bookmark's <a>): what a link-only article was imported as.
   * It is not the page, so packages never present it as one, even after the page was captured.
   */
  linkRecord: boolean;
}

/** What a WACZ needs of an article: a single query, where the full detail (events, tags…) costs several. */
export interface ArticleBrief {
  id: number;
  title: string;
  sourceUrl: string | null;
  canonicalUrl: string | null;
  /** Plain text of the current capture. */
  text: string;
  current: { id: number; sha256: string; capturedAt: string } | null;
}

export interface AssetBytes {
  sha256: string;
  mediaType: string;
  originalRef: string;
  bytes: Uint8Array;
}

const stmts = statementCache((db) => ({
  captureIds: db.prepare<[number], { id: number }>(
    'SELECT id FROM capture WHERE article_id = ? ORDER BY captured_at, id',
  ),
  // A link record (db/ingest/exports/store-export.ts): marked so by the export import that stored it.
  capture: db.prepare<
    [number],
    Omit<CaptureBytes, 'original' | 'linkRecord'> & {
      original: Buffer;
      codec: number;
      text: string | null;
      linkRecord: number;
    }
  >(
    `SELECT cap.id, cap.sha256, cap.media_type AS mediaType, cap.charset, cap.captured_at AS capturedAt,
       cap.source_url AS sourceUrl, cap.source_path AS sourcePath, cap.original, cap.original_codec AS codec,
       CASE WHEN cap.original_codec = 0 THEN NULL ELSE ct.text END AS text,
       cap.link_record AS linkRecord
     FROM capture cap LEFT JOIN content ct ON ct.capture_id = cap.id WHERE cap.id = ?`,
  ),
  assets: db.prepare<[number], AssetBytes & { bytes: Buffer }>(
    `SELECT a.sha256, a.media_type AS mediaType, ca.original_ref AS originalRef, a.bytes
     FROM capture_asset ca JOIN asset a ON a.sha256 = ca.asset_sha256 WHERE ca.capture_id = ? ORDER BY a.sha256`,
  ),
  annotations: db.prepare(`SELECT ${ANNOTATION_COLUMNS} FROM annotation a
    WHERE a.article_id = ? AND a.deleted_at IS NULL
    ORDER BY a.anchor_start IS NULL, a.anchor_start, a.anchor_end, a.id`),
  brief: db.prepare<
    [number],
    {
      id: number;
      title: string;
      sourceUrl: string | null;
      canonicalUrl: string | null;
      text: string | null;
      captureId: number | null;
      sha256: string | null;
      capturedAt: string | null;
    }
  >(
    `SELECT ar.id, ar.title, ar.source_url AS sourceUrl, ar.canonical_url AS canonicalUrl, c.text,
       cap.id AS captureId, cap.sha256, cap.captured_at AS capturedAt
     FROM article ar LEFT JOIN capture cap ON cap.id = ar.current_capture_id
     LEFT JOIN content c ON c.capture_id = ar.current_capture_id WHERE ar.id = ?`,
  ),
  textSha: db.prepare<[number], string>('SELECT text_sha256 FROM content WHERE capture_id = ?').pluck(),
  colors: db.prepare<[], HighlightColor>('SELECT name, label, hex FROM color ORDER BY position'),
}));

export function readArticle(db: Database.Database, id: number): ArticleDetail {
  return getArticle(db, { id: id as ArticleId });
}

export function readArticleBrief(db: Database.Database, id: number): ArticleBrief {
  const r = stmts(db).brief.get(id);
  if (!r) throw new Error(`article ${id} vanished during the export`);
  return {
    id: r.id,
    title: r.title,
    sourceUrl: r.sourceUrl,
    canonicalUrl: r.canonicalUrl,
    text: r.text ?? '',
    current: r.captureId !== null ? { id: r.captureId, sha256: r.sha256!, capturedAt: r.capturedAt! } : null,
  };
}

/** The brief form of a full article (BagIt reads the full detail for metadata.json anyway). */
export function briefOf(a: ArticleDetail): ArticleBrief {
  const c = a.captures[0];
  return {
    id: a.id,
    title: a.title,
    sourceUrl: a.sourceUrl,
    canonicalUrl: a.canonicalUrl,
    text: a.text,
    current: c ? { id: c.id, sha256: c.sha256, capturedAt: c.capturedAt } : null,
  };
}

/** Capture ids of an article, oldest first; bytes are read one capture at a time (bounded memory). */
export function captureIdsOf(db: Database.Database, articleId: number): number[] {
  return stmts(db)
    .captureIds.all(articleId)
    .map((r) => r.id);
}

export function readCapture(db: Database.Database, captureId: number): CaptureBytes {
  const found = stmts(db).capture.get(captureId);
  if (!found) throw new Error(`capture ${captureId} vanished during the export`);
  const { codec, text, ...row } = found;
  // Packages hold the original exactly as received: a compressed one is inflated here.
  const original = unpackBytes(codec, row.original, text);
  return {
    ...row,
    original: new Uint8Array(original.buffer, original.byteOffset, original.byteLength),
    linkRecord: row.linkRecord === 1,
  };
}

export function readAssets(db: Database.Database, captureId: number): AssetBytes[] {
  return stmts(db)
    .assets.all(captureId)
    .map((a) => ({ ...a, bytes: new Uint8Array(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength) }));
}

export function highlightColors(db: Database.Database): Map<string, HighlightColor> {
  return new Map(
    stmts(db)
      .colors.all()
      .map((c) => [c.name, c]),
  );
}

/** The article's live annotations as W3C Web Annotation objects (the same shape as `annotations export --format jsonld`). */
export function annotationsJsonLd(
  db: Database.Database,
  article: ArticleBrief,
  colors: Map<string, HighlightColor>,
): JsonLdAnnotation[] {
  const s = stmts(db);
  const rows = s.annotations.all(article.id) as AnnotationRow[];
  if (rows.length === 0) return [];
  const current = article.current;
  const exportArticle = {
    id: article.id,
    title: article.title,
    sourceUrl: article.sourceUrl,
    canonicalUrl: article.canonicalUrl,
    capturedAt: current?.capturedAt ?? null,
    captureSha256: current?.sha256 ?? null,
    textSha256: current ? (s.textSha.get(current.id) ?? null) : null,
    annotations: [],
  };
  return rows.map((r) => toJsonLd(toAnnotation(r), exportArticle, colors));
}
