// Notices from the Electron main process arrive as window events with a JSON string detail; parse them defensively.
import type { ArticleId, ImportOutcome, ImportReport } from '../../db/contract/types.js';
import { formatCount } from './format.js';

export const IMPORT_STARTED = 'stacks:import-started';
export const ARCHIVE_CHANGED = 'stacks:archive-changed';
export const FOCUS_SEARCH = 'stacks:focus-search';

function parse(detail: unknown): unknown {
  if (typeof detail !== 'string') return null;
  try {
    return JSON.parse(detail) as unknown;
  } catch {
    return null;
  }
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);

/** Number of paths an import started with (0 when unknown). */
export function importStartedCount(detail: unknown): number {
  const value = parse(detail) as { paths?: unknown } | null;
  return Array.isArray(value?.paths) ? value.paths.length : 0;
}

/** The ImportReport of an `archive-changed` notice, or null when the notice carries none. */
export function importReportOf(detail: unknown): ImportReport | null {
  const value = parse(detail);
  if (!value || typeof value !== 'object') return null;
  const r = value as Record<string, unknown>;
  if (!('imported' in r) && !('outcomes' in r)) return null;
  const outcomes: ImportOutcome[] = Array.isArray(r.outcomes)
    ? r.outcomes.filter((o): o is Record<string, unknown> => !!o && typeof o === 'object').map((o) => {
      const status = o.status === 'imported' || o.status === 'duplicate' ? o.status : 'failed';
      const out: ImportOutcome = { file: typeof o.file === 'string' ? o.file : '', status };
      if (typeof o.id === 'number') out.id = o.id as ArticleId;
      if (typeof o.title === 'string') out.title = o.title;
      if (typeof o.error === 'string') out.error = o.error;
      if (o.newVersion === true) out.newVersion = true;
      return out;
    })
    : [];
  const report: ImportReport = { imported: count(r.imported), duplicates: count(r.duplicates), failed: count(r.failed), outcomes };
  if (r.cancelled === true) report.cancelled = true;
  return report;
}

/** One line a person reads in a toast: "Imported 3 articles · 1 already archived · 1 failed". */
export function reportSummary(r: ImportReport): string {
  const parts = [`Imported ${formatCount(r.imported, 'article', 'articles')}`];
  if (r.duplicates) parts.push(`${r.duplicates} already archived`);
  if (r.failed) parts.push(`${r.failed} failed`);
  if (r.cancelled) parts.push('cancelled');
  return parts.join(' · ');
}
