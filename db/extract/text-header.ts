// The header and footer shapes of text clippings: a title, "By NAME", date and URL lines, e-mail and Evernote fields,
// Kindle highlight headings; "Sent from my iPhone" and newsletter footers. What is recognized becomes metadata.
import { toPublishedDate } from './dates.js';
import { splitAuthors } from './html-authors.js';

export interface ClippingHeader {
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  sourceUrl: string | null;
  tags: string[];
}

/** A title is a line of reasonable length that is not chrome, a caption, a URL, a date or a byline. */
const MAX_TITLE_LENGTH = 200;
const URL_LINE = /^(https?:\/\/|www\.)\S+$/i;
const FIELD_URL = /^(source(?: url)?|url|link|original(?: url)?)\s*:\s*((?:https?:\/\/|www\.)\S+)$/i;
const BYLINE =
  /^(by|von|par|por|door|di|автор:?)\s+(\p{Lu}[\p{L}.'’-]*)(\s+[\p{L}.'’-]+){0,5}(\s*(,|and|&|und|et|y)\s+[\p{L}.'’ -]+)*$/iu;
const FIELD_AUTHOR = /^(author|authors|from|written by)\s*:\s*(.+)$/i;
const FIELD_DATE = /^(date|sent|created|published|posted|saved)\s*:\s*(.+)$/i;
const FIELD_SUBJECT = /^(subject|title)\s*:\s*(.+)$/i;
const FIELD_TAGS = /^tags\s*:\s*(.+)$/i;
/** Fields read and dropped: recipients, update times, e-mail plumbing. */
const FIELD_DROPPED = /^(to|cc|bcc|reply-to|modified|location)\s*:\s*.*$/i;
const FORWARD_MARK = /^-{2,}\s*(forwarded|original) message\s*-{2,}$|^begin forwarded message:?$/i;
// Kindle's "My Clippings.txt": "- Your Highlight on page 12 | Location 180-182 | Added on Monday, March 4, 2024 ..."
const KINDLE_META = /^-\s*your (highlight|note|bookmark)\b.*?\|\s*added on\s+(.+)$/i;
const KINDLE_TITLE = /^(.+?)\s*\(([^()]+)\)$/;
const DATE_LINE =
  /^(published|updated|posted|date)?:?\s*((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2},?\s+)?\d{4}([,\s]+(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,4})?)?$|^(published|updated|posted|date)?:?\s*\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/i;

/** Lines that end clippings and are never content: mobile mail signatures, newsletter footers, Kindle separators. */
const FOOTER_LINE =
  /^(sent from my \S+( \S+){0,3}|sent from (mail|outlook|yahoo mail|gmail|proton ?mail) for \S+( \S+)?|get outlook for (ios|android)|sent (via|with) \S+( \S+){0,2}|view (this email|it|this) in (your|a) (web )?browser|unsubscribe( from this list)?|update (your )?(subscription )?preferences|manage (your )?(subscription|preferences)|you (are )?receiv(ed|ing) this (email|e-mail|message|newsletter) because .*|={5,})\.?$/i;

export function isFooterLine(line: string): boolean {
  return line.length < 300 && FOOTER_LINE.test(line);
}

/** "Monday, March 4, 2024 10:15" and "3/4/2024" alike, written as the clipping wrote it (no machine zone). */
function readDate(text: string): string | null {
  const cleaned = text
    .replace(/^(published|updated|posted|date|on):?\s*/i, '')
    .replace(/\bat\b/i, '')
    .replace(/(\d)\.(\d{2})(?!\d)/, '$1:$2')
    .trim();
  return toPublishedDate(cleaned);
}

function authorsOf(text: string): string | null {
  const names = splitAuthors(text.replace(/<[^>]*>/g, '').replace(/\S+@\S+/g, ''));
  return names.length ? names.join(', ') : null;
}

/**
 * Reads header lines from the first few blocks (one line at a time: a header pasted without blank lines is one
 * block). Returns the metadata and how many blocks and lines of the last block it consumed.
 */
export function readClippingHeader(
  blocks: { kind: string; lines: string[] }[],
  inputUrl: string | null,
): ClippingHeader & { blocks: number; lines: number } {
  const h: ClippingHeader = { title: null, byline: null, publishedAt: null, sourceUrl: inputUrl, tags: [] };
  let b = 0;
  let l = 0;
  scan: for (; b < blocks.length && b < 8; b++) {
    const block = blocks[b]!;
    if (block.kind !== 'paragraph') break;
    // A block of several lines is a header only when its first line is recognized; prose is left alone.
    for (l = 0; l < block.lines.length; l++) {
      const line = block.lines[l]!;
      const next = block.lines[l + 1] ?? blocks[b + 1]?.lines[0] ?? '';
      if (!take(h, line, next, block.lines.length > 1 && l === 0)) break scan;
    }
    l = 0;
  }
  return { ...h, blocks: b, lines: l };
}

/** Several sentences ending in a stop: a paragraph of prose, not a title (its first sentence will be). */
function isProse(line: string): boolean {
  return line.length > 100 && /[.!?。！？]$/u.test(line) && /[.!?]\s+\p{Lu}/u.test(line);
}

/** A header line other than a title: a URL, a field, a date, a byline, a Kindle location line. */
function isMetaLine(line: string): boolean {
  return (
    URL_LINE.test(line) ||
    FIELD_URL.test(line) ||
    FIELD_AUTHOR.test(line) ||
    FIELD_DATE.test(line) ||
    FIELD_TAGS.test(line) ||
    KINDLE_META.test(line) ||
    DATE_LINE.test(line) ||
    BYLINE.test(line)
  );
}

/** Applies one header line to `h`; false when the line is not header (the body starts there). */
function take(h: ClippingHeader, line: string, next: string, firstOfBlock: boolean): boolean {
  let m: RegExpExecArray | null;
  if (URL_LINE.test(line)) {
    h.sourceUrl ??= line.startsWith('www.') ? `https://${line}` : line;
    return true;
  }
  if ((m = FIELD_URL.exec(line))) {
    h.sourceUrl ??= m[2]!.startsWith('www.') ? `https://${m[2]}` : m[2]!;
    return true;
  }
  if (FORWARD_MARK.test(line) || FIELD_DROPPED.test(line)) return true;
  if ((m = FIELD_SUBJECT.exec(line))) {
    h.title ??= m[2]!.replace(/^(fwd?|re|aw|wg):\s*/i, '').trim();
    return true;
  }
  if ((m = FIELD_AUTHOR.exec(line))) {
    h.byline ??= authorsOf(m[2]!);
    return true;
  }
  if ((m = FIELD_TAGS.exec(line))) {
    h.tags.push(
      ...m[1]!
        .split(/[,;]/)
        .map((t) => t.trim())
        .filter(Boolean),
    );
    return true;
  }
  if ((m = KINDLE_META.exec(line))) {
    h.publishedAt ??= readDate(m[2]!);
    return true;
  }
  if ((m = FIELD_DATE.exec(line))) {
    const date = readDate(m[2]!);
    if (date) {
      h.publishedAt ??= date;
      return true;
    }
  }
  if (DATE_LINE.test(line)) {
    const date = readDate(line);
    if (date) {
      h.publishedAt ??= date;
      return true;
    }
  }
  if (h.title && BYLINE.test(line)) {
    h.byline ??= authorsOf(line.replace(/^\S+\s+/, ''));
    return true;
  }
  if (!h.title && line.length <= MAX_TITLE_LENGTH && /\p{L}/u.test(line) && !isProse(line)) {
    // A Kindle heading: "Book Title (Author)" above a "- Your Highlight ..." line.
    const kindle = KINDLE_META.test(next) ? KINDLE_TITLE.exec(line) : null;
    if (kindle) {
      h.title = kindle[1]!.trim();
      h.byline ??= authorsOf(kindle[2]!.replace(/^([^,]+),\s*([^,]+)$/, '$2 $1'));
      return true;
    }
    // The first line of a block of several is a title only above header lines ("Title\nBy NAME\nMay 3, 2024"):
    // otherwise it is the start of a paragraph.
    if (firstOfBlock && !isMetaLine(next)) return false;
    h.title = line;
    return true;
  }
  return false;
}
