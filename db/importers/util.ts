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
