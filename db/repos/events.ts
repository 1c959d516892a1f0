// The provenance log: what happened to which article and capture, and when.
import type Database from 'better-sqlite3';
import type { ApiInput } from '../contract/api.js';
import type { ArticleId, CaptureId, EventKind, ProvenanceEvent } from '../contract/types.js';
import { nowIso, statementCache } from '../util.js';

const stmts = statementCache((db) => ({
  insert: db.prepare('INSERT INTO event (article_id, capture_id, kind, at, detail) VALUES (?, ?, ?, ?, ?)'),
  byArticle: db.prepare('SELECT * FROM event WHERE article_id = ? ORDER BY id DESC LIMIT ?'),
  all: db.prepare('SELECT * FROM event ORDER BY id DESC LIMIT ?'),
}));

interface EventRow {
  id: number;
  article_id: number | null;
  capture_id: number | null;
  kind: EventKind;
  at: string;
  detail: string | null;
}

export function logEvent(
  db: Database.Database,
  kind: EventKind,
  articleId: number | null,
  captureId: number | null,
  detail?: string,
): void {
  stmts(db).insert.run(articleId, captureId, kind, nowIso(), detail ?? null);
}

export function listEvents(
  db: Database.Database,
  { articleId, limit = 200 }: ApiInput<'listEvents'>,
): ProvenanceEvent[] {
  const s = stmts(db);
  const rows = (articleId === undefined ? s.all.all(limit) : s.byArticle.all(articleId, limit)) as EventRow[];
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id as ArticleId | null,
    captureId: r.capture_id as CaptureId | null,
    kind: r.kind,
    at: r.at,
    detail: r.detail,
  }));
}
