// Recognises the exports of read-it-later tools and browsers by their first bytes (and name, for a ZIP or an ambiguous HTML file).
import { csvHeader } from './csv.js';

export type ExportKind =
  | 'pocket-html'
  | 'pocket-csv'
  | 'instapaper-csv'
  | 'readwise-reader-csv'
  | 'readwise-highlights-csv'
  | 'wallabag-json'
  | 'bookmarks-html'
  /** A ZIP that may be an Omnivore export: its entries decide (exports/export-source.ts). */
  | 'zip';

/** HTML files whose names say they may be an export: checked by their first bytes even inside a folder import. */
export const EXPORT_HTML_NAME = /(^|[\\/])(ril_export|pocket[^\\/]*|bookmarks[^\\/]*|favorites[^\\/]*)\.html?$/i;
/** Names the folder walk opens to look for an export (HTML pages are only looked into by name, see sources.ts). */
export const EXPORT_NAME = /\.(csv|json|zip)$/i;

const has = (header: string[], ...names: string[]) => names.every((n) => header.includes(n));

function text(head: Uint8Array): string {
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/** Which export a file is, from its name and first few KB; null when it is none. */
export function exportKind(name: string, head: Uint8Array): ExportKind | null {
  if (head[0] === 0x50 && head[1] === 0x4b && /\.zip$/i.test(name)) return 'zip';
  const start = text(head);
  const trimmed = start.trimStart();
  if (trimmed.startsWith('<')) {
    const lower = trimmed.slice(0, 4096).toLowerCase();
    if (lower.includes('<!doctype netscape-bookmark-file')) return 'bookmarks-html';
    if (
      lower.includes('<title>pocket export</title>') ||
      (/<h1>\s*unread\s*<\/h1>/.test(lower) && lower.includes('time_added='))
    )
      return 'pocket-html';
    return null;
  }
  if (trimmed.startsWith('[')) {
    return /"is_archived"\s*:|"is_starred"\s*:/.test(trimmed) && /"url"\s*:/.test(trimmed) ? 'wallabag-json' : null;
  }
  const header = csvHeader(start);
  if (has(header, 'highlight', 'book title')) return 'readwise-highlights-csv';
  if (has(header, 'title', 'url', 'document tags') || has(header, 'title', 'url', 'saved date'))
    return 'readwise-reader-csv';
  if (has(header, 'url', 'title', 'selection', 'folder')) return 'instapaper-csv';
  if (has(header, 'title', 'url', 'time_added')) return 'pocket-csv';
  return null;
}
