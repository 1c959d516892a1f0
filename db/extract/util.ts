// Small string helpers shared by the importers.
import path from 'node:path';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const HTML_SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most lines hold nothing to escape: one scan, and no replace that copies the string.
  return HTML_SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!) : text;
}

/** True for the UTF-16 code units that regex `\s` and String.prototype.trim treat as whitespace. */
export function isWhitespaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** "my_saved-page.html" -> "my saved page": the title of last resort. */
export function titleFromFileName(fileName: string): string {
  const base = path.basename(fileName || 'Untitled').replace(/\.[^.]+$/, '');
  const words = base
    .replace(/[_+]+/g, ' ')
    .replace(/(?<=\S)-(?=\S)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words || 'Untitled';
}

/** Whitespace collapsed and trimmed; null for empty. */
export function cleanInline(value: string | null | undefined): string | null {
  if (value == null) return null;
  const s = String(value)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
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
  return s
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z#0-9]+;/g, ' ')
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
}

/** The reader shows the title above the article, so a leading heading that repeats it is dropped. */
export function dropLeadingTitle(html: string, title: string): string {
  const m = /^((?:\s*<(?:div|article|section)>)*)\s*<h([1-3])>([\s\S]*?)<\/h\2>/.exec(html);
  if (!m || normalizeForCompare(m[3]!) !== normalizeForCompare(title)) return html;
  return m[1]! + html.slice(m[0].length);
}
