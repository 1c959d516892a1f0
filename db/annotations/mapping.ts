// Turns annotation rows into the contract's Annotation shape (the same shape revisions snapshot).
import type {
  AnchorPlacement,
  Annotation,
  AnnotationId,
  AnnotationKind,
  AnchorState,
  ArticleId,
} from '../contract/types.js';
import type { Selectors } from './anchor.js';

export interface AnnotationRow {
  id: number;
  article_id: number;
  kind: string;
  capture_sha256: string;
  color: string | null;
  note: string;
  pos_start: number | null;
  pos_end: number | null;
  quote_exact: string | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  anchor_state: string;
  anchor_sha256: string | null;
  anchor_start: number | null;
  anchor_end: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  tags_json: string;
}

export function toAnnotation(row: AnnotationRow): Annotation {
  const anchor: AnchorPlacement = { state: row.anchor_state as AnchorState };
  if (row.anchor_start !== null && row.anchor_end !== null) {
    anchor.start = row.anchor_start;
    anchor.end = row.anchor_end;
  }
  if (row.anchor_sha256 !== null) anchor.captureSha256 = row.anchor_sha256;
  return {
    id: row.id as AnnotationId,
    articleId: row.article_id as ArticleId,
    kind: row.kind as AnnotationKind,
    captureSha256: row.capture_sha256,
    color: row.color,
    note: row.note,
    tags: JSON.parse(row.tags_json) as string[],
    position:
      row.pos_start !== null && row.pos_end !== null
        ? { type: 'TextPositionSelector', start: row.pos_start, end: row.pos_end }
        : null,
    quote:
      row.quote_exact !== null
        ? {
            type: 'TextQuoteSelector',
            exact: row.quote_exact,
            prefix: row.quote_prefix ?? '',
            suffix: row.quote_suffix ?? '',
          }
        : null,
    anchor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/**
 * The selectors to anchor with. A quote imported without a position (some tools only write quotes) gets
 * an empty position at 0, which the anchorer treats as "no usable position".
 */
export function selectorsOf(a: Pick<Annotation, 'position' | 'quote'>): Selectors | null {
  if (!a.quote) return null;
  return { position: a.position ?? { type: 'TextPositionSelector', start: 0, end: 0 }, quote: a.quote };
}
