// Notices from the desktop shell (typed in db/contract/notices.ts): listen to one by name, and say them in words.
import { parseNotice } from '../../db/contract/notice-schemas.js';
import { noticeEvent, type NoticeName, type ShellNotices } from '../../db/contract/notices.js';
import type { ImportProgress, ImportReport } from '../../db/contract/types.js';
import { formatCount } from './format.js';

/**
 * Calls `fn` with each `name` notice whose payload is what the contract says (others are dropped: a notice crosses
 * a process boundary as text). Returns the function that stops listening.
 */
export function onNotice<N extends NoticeName>(name: N, fn: (payload: ShellNotices[N]) => void): () => void {
  const listener = (e: Event): void => {
    const payload = parseNotice(name, (e as CustomEvent).detail);
    if (payload !== undefined) fn(payload);
  };
  window.addEventListener(noticeEvent(name), listener);
  return () => window.removeEventListener(noticeEvent(name), listener);
}

/** One line a person reads in a toast: "Imported 3 articles · 1 already archived · 1 failed". */
export function reportSummary(r: ImportReport): string {
  const parts = [`Imported ${formatCount(r.imported, 'article', 'articles')}`];
  if (r.duplicates) parts.push(`${r.duplicates} already archived`);
  if (r.failed) parts.push(`${r.failed} failed`);
  if (r.cancelled) parts.push('cancelled');
  return parts.join(' · ');
}

/** "1,204 of 5,000 · 3 failed · about 2 min left" */
export function progressSummary(p: ImportProgress): string {
  const parts = [`${p.done.toLocaleString()} of ${p.total.toLocaleString()}`];
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.etaMs !== null && p.done < p.total) {
    const s = Math.round(p.etaMs / 1000);
    parts.push(s < 60 ? `about ${s} s left` : `about ${Math.round(s / 60)} min left`);
  }
  return parts.join(' · ');
}
