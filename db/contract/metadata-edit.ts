// Metadata corrections: the editable fields, the date rule, and the 'edited' provenance record (old -> new) every side reads.
import type { MetadataField } from './types.js';

/** The fields in the order they are shown, with the words the app and the CLI use for them. */
export const METADATA_FIELDS: ReadonlyArray<{ field: MetadataField; label: string }> = [
  { field: 'title', label: 'title' },
  { field: 'byline', label: 'author' },
  { field: 'publishedAt', label: 'published' },
  { field: 'sourceUrl', label: 'URL' },
  { field: 'siteName', label: 'site' },
];

export function fieldLabel(field: MetadataField): string {
  return METADATA_FIELDS.find((f) => f.field === field)?.label ?? field;
}

/**
 * A published date as people write it: a year, a month, a day, or a full ISO date-time. The calendar is checked
 * (2024-02-30 is refused), so what is stored always sorts and filters as the date it says.
 */
export function isValidPublishedDate(value: string): boolean {
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(
      value,
    );
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m;
  const year = Number(y);
  if (year < 1 || year > 9999) return false;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return false;
  if (d !== undefined) {
    const days = new Date(Date.UTC(year, Number(mo), 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > days) return false;
  }
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59))) return false;
  return true;
}

export const PUBLISHED_DATE_RULE = 'expected a date like 2024-05-31 (or 2024-05, 2024, or an ISO date-time)';

/** One field's change in an 'edited' event: what it was and what it became (null: empty). */
export type MetadataChange = { field: MetadataField; from: string | null; to: string | null };

/** The 'edited' event's detail: JSON, so the first extracted value can always be read back exactly. */
export function encodeEdit(changes: MetadataChange[]): string {
  const out: Record<string, [string | null, string | null]> = {};
  for (const c of changes) out[c.field] = [c.from, c.to];
  return JSON.stringify(out);
}

/** The changes an 'edited' event recorded, or null when its detail is not one (an older or hand-written row). */
export function decodeEdit(detail: string | null): MetadataChange[] | null {
  if (!detail?.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(detail) as Record<string, unknown>;
    const changes: MetadataChange[] = [];
    for (const { field } of METADATA_FIELDS) {
      const pair = parsed[field];
      if (!Array.isArray(pair) || pair.length !== 2) continue;
      const [from, to] = pair as unknown[];
      const text = (v: unknown) => (typeof v === 'string' ? v : null);
      changes.push({ field, from: text(from), to: text(to) });
    }
    return changes;
  } catch {
    return null;
  }
}

/** "title: “Old” → “New”; author: (none) → “Ann Lee”", for the Details tab and `stacks show`. */
export function describeEdit(detail: string | null): string {
  const changes = decodeEdit(detail);
  if (!changes) return detail ?? '';
  const show = (v: string | null) => (v === null ? '(none)' : `“${v}”`);
  return changes.map((c) => `${fieldLabel(c.field)}: ${show(c.from)} → ${show(c.to)}`).join('; ');
}
