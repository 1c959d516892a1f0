// What a citation of an archived article says, gathered once from its detail: people, dates, site, URL, capture.
import type { ArticleDetail } from '../../contract/types.js';
import { parseByline, type PersonName } from './names.js';

export interface CitationSource {
  id: number;
  title: string;
  authors: PersonName[];
  site: string | null;
  url: string | null;
  /** [year, month?, day?] of the published date, when the page gave one. */
  published: number[] | null;
  /** [year, month, day] of the capture: the date the page was accessed. */
  accessed: number[];
  language: string | null;
  tags: string[];
}

/** Date parts of an ISO date or date-time; a bare year or year-month keeps only what it has. */
export function dateParts(iso: string | null): number[] | null {
  if (!iso) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return null;
  return [m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number);
}

export function citationSource(a: ArticleDetail): CitationSource {
  const capturedAt = a.captures[0]?.capturedAt ?? a.addedAt;
  return {
    id: a.id,
    title: a.title.trim() || 'Untitled',
    authors: parseByline(a.byline),
    site: a.siteName?.trim() || hostOf(a.sourceUrl),
    url: a.canonicalUrl ?? a.sourceUrl,
    published: dateParts(a.publishedAt),
    accessed: dateParts(capturedAt) ?? [new Date().getUTCFullYear()],
    language: a.language,
    tags: a.tags,
  };
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export const pad2 = (n: number | undefined): string => String(n ?? 1).padStart(2, '0');

/** YYYY-MM-DD (or shorter when the date has fewer parts). */
export function isoOf(parts: number[]): string {
  return [String(parts[0]), ...parts.slice(1).map((p) => pad2(p))].join('-');
}
