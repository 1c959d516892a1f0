// Chooses the importer for a file: media type first, then extension, then a look at the content.
import path from 'node:path';
import { ArchiveError } from '../contract/errors.js';

export type ImporterKind = 'text' | 'html' | 'markdown';

const BY_EXTENSION: Record<string, ImporterKind> = {
  '.txt': 'text',
  '.text': 'text',
  '.log': 'text',
  '.nfo': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.shtml': 'html',
  '.xht': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdown': 'markdown',
  '.mkd': 'markdown',
  '.mkdn': 'markdown',
  '.mdwn': 'markdown',
  '.mdtxt': 'markdown',
};

const UNSUPPORTED_EXTENSIONS: Record<string, string> = {
  '.mht': 'MHTML web archives are not supported yet; save the page as "Webpage, Complete" or with SingleFile.',
  '.mhtml': 'MHTML web archives are not supported yet; save the page as "Webpage, Complete" or with SingleFile.',
  '.pdf': 'PDF documents are not supported yet.',
  '.docx': 'Word documents are not supported yet; save as HTML or plain text.',
  '.epub': 'EPUB books are not supported.',
};

function byMediaType(mediaType: string | undefined): ImporterKind | null {
  const type = mediaType?.split(';')[0]?.trim().toLowerCase();
  if (!type) return null;
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  // text/plain is not decisive: servers and OSes label .md and saved .html files with it all the time.
  return null;
}

/** Looks at the decoded start of a file with an unknown extension. */
export function sniffKind(head: string): ImporterKind {
  const start = head
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 2048);
  if (
    /^<!doctype\s+html|^<html[\s>]|^<\?xml[^>]*>\s*(<!doctype\s+html|<html)|^<!--[\s\S]*?-->\s*(<!doctype|<html)/i.test(
      start,
    )
  )
    return 'html';
  if (/<(head|body|p|div|article)[\s>]/i.test(start) && /<\/(p|div|body|html)>/i.test(head)) return 'html';
  if (
    /^---\r?\n[\s\S]*?\r?\n(---|\.\.\.)\r?\n/.test(start) ||
    (/^#{1,6} \S/m.test(start) && /(\]\(|^[-*] |^```)/m.test(head))
  )
    return 'markdown';
  return 'text';
}

/** The importer for an input; `head` is the decoded start of the file, used only when type and name say nothing. */
export function chooseImporter(fileName: string, mediaType: string | undefined, head: () => string): ImporterKind {
  const ext = path.extname(fileName || '').toLowerCase();
  const unsupported = UNSUPPORTED_EXTENSIONS[ext];
  if (unsupported) throw new ArchiveError('UNSUPPORTED_FORMAT', `${fileName}: ${unsupported}`);
  return byMediaType(mediaType) ?? BY_EXTENSION[ext] ?? sniffKind(head());
}
