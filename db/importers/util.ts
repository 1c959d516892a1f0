// Small string helpers shared by the importers.
import path from 'node:path';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** "my_saved-page.html" -> "my saved page": the title of last resort. */
export function titleFromFileName(fileName: string): string {
  const base = path.basename(fileName || 'Untitled').replace(/\.[^.]+$/, '');
  const words = base.replace(/[_+]+/g, ' ').replace(/(?<=\S)-(?=\S)/g, ' ').replace(/\s+/g, ' ').trim();
  return words || 'Untitled';
}

/** Whitespace collapsed and trimmed; null for empty. */
export function cleanInline(value: string | null | undefined): string | null {
  if (value == null) return null;
  const s = String(value).replace(/[\s\u00a0]+/g, ' ').trim();
  return s || null;
}

/** Cuts at a word boundary and adds an ellipsis. */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

function normalizeForCompare(s: string): string {
  return s.toLowerCase().replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/g, ' ').replace(/[\s\p{P}]+/gu, ' ').trim();
}

/** The reader shows the title above the article, so a leading heading that repeats it is dropped. */
export function dropLeadingTitle(html: string, title: string): string {
  const m = /^((?:\s*<(?:div|article|section)>)*)\s*<h([1-3])>([\s\S]*?)<\/h\2>/.exec(html);
  if (!m || normalizeForCompare(m[3]!) !== normalizeForCompare(title)) return html;
  return m[1]! + html.slice(m[0].length);
}
