// Fits an extracted capture to what the archive stores (title, name and tag lengths, tag count), with a note per change.
import type { NormalizedCapture } from './types.js';
import { truncateAtWord } from './util.js';

/**
 * The archive's limits on what an article carries. The same numbers bound the API's inputs (LIMITS in
 * db/contract/schemas.ts) and the tag store (db/repos/tags.ts): checked here, at extraction, a file that exceeds
 * them is trimmed with a note instead of failing when its batch commits.
 */
export const CAPTURE_LIMITS = {
  title: 1_000,
  byline: 1_000,
  siteName: 200,
  tag: 200,
  tags: 100,
  url: 8_192,
  language: 35,
  excerpt: 2_000,
} as const;

function fitText(value: string | null, max: number, what: string, notes: string[]): string | null {
  if (value === null || value.length <= max) return value;
  notes.push(`The ${what} was ${value.length} characters long and was shortened to ${max}.`);
  return truncateAtWord(value, max - 1);
}

function fitUrl(value: string | null, what: string, notes: string[]): string | null {
  if (value === null || value.length <= CAPTURE_LIMITS.url) return value;
  notes.push(`The ${what} was longer than ${CAPTURE_LIMITS.url} characters and was left out.`);
  return null;
}

/** Tags cut to the tag length and deduplicated the way the archive compares them (case-insensitively), at most 100. */
function fitTags(tags: string[], notes: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  let cut = 0;
  for (const raw of tags) {
    let tag = raw.trim().replace(/\s+/g, ' ');
    if (!tag) continue;
    if (tag.length > CAPTURE_LIMITS.tag) {
      tag = tag.slice(0, CAPTURE_LIMITS.tag).trim();
      cut++;
    }
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(tag);
  }
  if (cut) notes.push(`${cut} tag(s) longer than ${CAPTURE_LIMITS.tag} characters were shortened.`);
  if (kept.length > CAPTURE_LIMITS.tags) {
    notes.push(`The file names ${kept.length} tags; the first ${CAPTURE_LIMITS.tags} were kept.`);
    kept.length = CAPTURE_LIMITS.tags;
  }
  return kept;
}

/** The capture within the archive's limits; `notes` says what was changed (absent when nothing was). */
export function fitCapture(capture: NormalizedCapture): NormalizedCapture {
  const notes: string[] = [];
  const fitted: NormalizedCapture = {
    ...capture,
    title: fitText(capture.title, CAPTURE_LIMITS.title, 'title', notes) ?? capture.title,
    byline: fitText(capture.byline, CAPTURE_LIMITS.byline, 'author line', notes),
    siteName: fitText(capture.siteName, CAPTURE_LIMITS.siteName, 'site name', notes),
    language: capture.language && capture.language.length > CAPTURE_LIMITS.language ? null : capture.language,
    excerpt: fitText(capture.excerpt, CAPTURE_LIMITS.excerpt, 'excerpt', notes),
    sourceUrl: fitUrl(capture.sourceUrl, 'source URL', notes),
    canonicalUrl: fitUrl(capture.canonicalUrl, 'canonical URL', notes),
  };
  if (capture.tags) {
    const tags = fitTags(capture.tags, notes);
    if (tags.length) fitted.tags = tags;
    else delete fitted.tags;
  }
  if (notes.length) fitted.notes = notes;
  return fitted;
}
