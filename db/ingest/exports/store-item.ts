// An export's items in the import's batches: links stored as link-only articles, updates to articles already archived, and content captures with what the export knows.
import type Database from 'better-sqlite3';
import type { ImportOutcome } from '../../contract/types.js';
import { storeCapture, type PreparedCapture, type RecaptureHook } from '../store.js';
import type { ExportRecord } from './record.js';
import {
  applyRecord,
  canonicalOf,
  findExportArticle,
  storeLinkItem,
  updatedOutcome,
  type LinkItem,
} from './store-export.js';

/** An export item that is not a capture to extract: a link, or new states for an article already archived. */
export type PreparedExport =
  | { kind: 'link'; file: string; link: LinkItem }
  | { kind: 'update'; file: string; articleId: number; record: ExportRecord };

export function isPreparedExport(p: PreparedCapture | PreparedExport): p is PreparedExport {
  return 'kind' in p;
}

/** Stores one prepared item of any kind (inside the caller's transaction). */
export function storeItem(
  db: Database.Database,
  p: PreparedCapture | PreparedExport,
  onRecapture?: RecaptureHook,
): ImportOutcome {
  if (isPreparedExport(p)) {
    return p.kind === 'link' ? storeLinkItem(db, p.link) : updatedOutcome(db, p.file, p.articleId, p.record);
  }
  if (!p.record) return storeCapture(db, p, onRecapture);
  const record = p.record;
  // The item may be archived already under its link (a Pocket import before this Wallabag one), under a URL that
  // differs by tracking parameters: the capture joins that article as its new version.
  const existing = findExportArticle(db, record);
  const canonical = existing !== null ? canonicalOf(db, existing) : null;
  const prepared = canonical ? { ...p, capture: { ...p.capture, canonicalUrl: canonical } } : p;
  const outcome = storeCapture(db, prepared, onRecapture);
  if (outcome.id === undefined) return outcome;
  if (outcome.status === 'duplicate') return updatedOutcome(db, p.file, outcome.id, record);
  const applied = applyRecord(db, outcome.id, record, !outcome.newVersion);
  const notes = [...(outcome.notes ?? []), ...applied.problems];
  return notes.length ? { ...outcome, notes } : outcome;
}
