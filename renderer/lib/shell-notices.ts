// Notices from the Electron main process arrive as window events with a JSON string detail; parse them defensively.
import type { ArticleId, ImportOutcome, ImportReport } from '../../db/contract/types.js';
import { formatCount } from './format.js';

export const IMPORT_STARTED = 'stacks:import-started';
export const ARCHIVE_CHANGED = 'stacks:archive-changed';
export const FOCUS_SEARCH = 'stacks:focus-search';
export const IMPORT_PROGRESS = 'stacks:import-progress';

/** Counts of a menu import in progress, as the shell reports them a few times a second. */
export interface ShellImportProgress {
  total: number;
  done: number;
  failed: number;
  etaMs: number | null;
}

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
    ? r.outcomes
        .filter((o): o is Record<string, unknown> => !!o && typeof o === 'object')
        .map((o) => {
          const status = o.status === 'imported' || o.status === 'duplicate' ? o.status : 'failed';
          const out: ImportOutcome = { file: typeof o.file === 'string' ? o.file : '', status };
          if (typeof o.id === 'number') out.id = o.id as ArticleId;
          if (typeof o.title === 'string') out.title = o.title;
          if (typeof o.error === 'string') out.error = o.error;
          if (o.newVersion === true) out.newVersion = true;
          return out;
        })
    : [];
  const report: ImportReport = {
    imported: count(r.imported),
    duplicates: count(r.duplicates),
    failed: count(r.failed),
    outcomes,
  };
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

/** The progress of an `import-progress` notice, or null when it carries none. */
export function importProgressOf(detail: unknown): ShellImportProgress | null {
  const value = parse(detail);
  if (!value || typeof value !== 'object') return null;
  const r = value as Record<string, unknown>;
  if (typeof r.total !== 'number' || typeof r.done !== 'number') return null;
  const eta = typeof r.etaMs === 'number' && Number.isFinite(r.etaMs) && r.etaMs >= 0 ? r.etaMs : null;
  return { total: count(r.total), done: count(r.done), failed: count(r.failed), etaMs: eta };
}

/** "1,204 of 5,000 · 3 failed · about 2 min left" */
export function progressSummary(p: ShellImportProgress): string {
  const parts = [`${p.done.toLocaleString()} of ${p.total.toLocaleString()}`];
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.etaMs !== null && p.done < p.total) {
    const s = Math.round(p.etaMs / 1000);
    parts.push(s < 60 ? `about ${s} s left` : `about ${Math.round(s / 60)} min left`);
  }
  return parts.join(' · ');
}
