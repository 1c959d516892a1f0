// diffCaptures: two captures of an article, their word diff and where the article's annotations sit in each.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { ArticleId, CaptureDiff, CaptureDiffSide, CaptureId } from '../contract/types.js';
import { toAnnotation, type AnnotationRow } from '../annotations/mapping.js';
import { stmts as annotationStatements } from '../annotations/statements.js';
import { toCaptureInfo } from '../repos/articles.js';
import { statementCache } from '../util.js';
import { annotationPlaces } from './annotation-places.js';
import { diffTexts } from './diff-text.js';

type CaptureRow = Parameters<typeof toCaptureInfo>[0] & { text: string | null };

const stmts = statementCache((db) => ({
  title: db.prepare<[number], string>('SELECT title FROM article WHERE id = ?').pluck(),
  // Oldest first: the position in this list is the version number the reader shows.
  captures: db.prepare<[number], CaptureRow>(`
    SELECT cap.id, cap.sha256, cap.media_type, cap.charset, cap.byte_size, cap.captured_at, cap.importer,
      cap.importer_version, cap.source_path, cap.source_url, c.text
    FROM capture cap LEFT JOIN content c ON c.capture_id = cap.id
    WHERE cap.article_id = ? ORDER BY cap.captured_at ASC, cap.id ASC`),
}));

export interface DiffRequest {
  id: ArticleId;
  from?: CaptureId;
  to?: CaptureId;
}

/**
 * Without `from` and `to`: the newest capture against the one before it. With one of them, the other is the newest
 * (for `from`) or the capture before it (for `to`). An article with one capture compares it with itself.
 */
export function diffCaptures(db: Database.Database, input: DiffRequest): CaptureDiff {
  const s = stmts(db);
  const title = s.title.get(input.id);
  if (title === undefined) throw new ArchiveError('NOT_FOUND', `There is no article ${input.id}.`);
  const rows = s.captures.all(input.id);
  if (rows.length === 0) throw new ArchiveError('NOT_FOUND', `Article ${input.id} has no captures.`);
  const indexOf = (id: CaptureId | undefined, which: string): number | null => {
    if (id === undefined) return null;
    const k = rows.findIndex((r) => r.id === id);
    if (k < 0) throw new ArchiveError('NOT_FOUND', `Capture ${id} (${which}) is not a capture of article ${input.id}.`);
    return k;
  };
  const last = rows.length - 1;
  let f = indexOf(input.from, 'from');
  let t = indexOf(input.to, 'to');
  t ??= last;
  if (f === null) f = Math.max(0, t - 1);
  const side = (k: number): CaptureDiffSide => ({
    capture: toCaptureInfo(rows[k]!),
    version: k + 1,
    text: rows[k]!.text ?? '',
  });
  const from = side(f);
  const to = side(t);
  const { segments, stats } = diffTexts(from.text, to.text);
  const annotations = (annotationStatements(db).annotationsOfArticle.all(input.id) as AnnotationRow[]).map(
    toAnnotation,
  );
  return {
    articleId: input.id,
    title,
    from,
    to,
    segments,
    stats,
    annotations: annotationPlaces(
      annotations,
      { text: from.text, sha256: from.capture.sha256 },
      { text: to.text, sha256: to.capture.sha256 },
      segments,
    ),
  };
}
