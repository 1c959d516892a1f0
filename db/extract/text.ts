// Text clippings: a copied web page as plain text -> title, byline, paragraphs, captions; chrome lines dropped.
import type { ImportInput, NormalizedCapture } from './types.js';
import { decodeBytes } from './charset.js';
import { isCaptionLine, isChromeLine } from './boilerplate.js';
import { htmlToPlainText, countWords, tidyFlow } from './plain-text.js';
import { sanitizeReaderHtml } from './sanitize.js';
import { escapeHtml, titleFromFileName, truncateAtWord } from './util.js';
import { ArchiveError } from '../contract/errors.js';

export const TEXT_IMPORTER_VERSION = '1.0.0';

/** A title is a line of reasonable length that is not chrome, a caption, a URL, a date or a byline. */
const MAX_TITLE_LENGTH = 200;
const URL_LINE = /^(https?:\/\/|www\.)\S+$/i;
const BYLINE =
  /^(by|von|par|por|door|di|автор:?)\s+(\p{Lu}[\p{L}.'’-]*)(\s+[\p{L}.'’-]+){0,5}(\s*(,|and|&|und|et|y)\s+[\p{L}.'’ -]+)*$/iu;
const DATE_LINE =
  /^(published|updated|posted|date)?:?\s*((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2},?\s+)?\d{4}([,\s]+(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,4})?)?$|^(published|updated|posted|date)?:?\s*\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/i;

export interface Block {
  kind: 'paragraph' | 'caption';
  lines: string[];
}

// Space-like runs that become one space; a line without them (or a double space) is left as it is.
const SPACE_RUN = /[\t \u00a0\u200b\ufeff]+/g;
const FOLDABLE_SPACE = /[\t\u00a0\u200b\ufeff]| {2}/;
// Everything but plain characters, single spaces and newlines: space-likes SPACE_RUN folds, other whitespace
// a reader folds, characters an HTML parser rewrites (PARSER_SENSITIVE). Text without them (and without a
// double space) needs only trimming, line by line: one scan of the whole text instead of several per line.
const UNTIDY_CHAR = /[\u0000-\u0009\u000b-\u001f\u007f-\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/;
// UNTIDY_CHAR plus U+2028/U+2029: text without any of these has no line breaks but \n (\r and \f are untidy too).
const UNTIDY_OR_BREAK =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Splits text into blocks: blank lines separate paragraphs; without any blank line, every line is one.
 * `tidy` says the lines hold no whitespace but single inner spaces and nothing PARSER_SENSITIVE.
 */
function splitBlocks(text: string): { blocks: string[][]; tidy: boolean } {
  // Most clippings hold nothing but characters, spaces and \n: one scan tells, and there is nothing to replace.
  const plain = !UNTIDY_OR_BREAK.test(text);
  const normalized = plain
    ? text
    : text
        .replace(/\r\n?/g, '\n')
        .replace(/[\u2028\u2029]/g, '\n')
        .replace(/\f/g, '\n\n');
  const tidy = (plain || !UNTIDY_CHAR.test(normalized)) && !normalized.includes('  ');
  const hasBlankSeparators = /\n[ \t\u00a0]*\n/.test(normalized.trim());
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const raw of normalized.split('\n')) {
    const line = (!tidy && FOLDABLE_SPACE.test(raw) ? raw.replace(SPACE_RUN, ' ') : raw).trim();
    if (!line) {
      if (current.length) blocks.push(current);
      current = [];
    } else if (!hasBlankSeparators) {
      blocks.push([line]);
    } else {
      current.push(line);
    }
  }
  if (current.length) blocks.push(current);
  return { blocks, tidy };
}

const LIST_ITEM = /^([-*•·]|\d+[.)])\s/;

/** Hard-wrapped prose (e-mail style, lines ~60-80 wide) is re-flowed; short lines (poems, addresses) keep breaks. */
function isHardWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  for (let i = 0; i < lines.length - 1; i++) {
    const length = lines[i]!.length;
    if (length < 40 || length > 100) return false;
  }
  return !lines.some((l) => LIST_ITEM.test(l));
}

function renderBlock(block: Block, hardWrapped: boolean): string {
  const inner = hardWrapped ? escapeHtml(block.lines.join(' ')) : block.lines.map(escapeHtml).join('<br>');
  return block.kind === 'caption' ? `<p class="caption">${inner}</p>` : `<p>${inner}</p>`;
}

// Whitespace other than a single space: a line holding any needs folding before it is plain text.
const UNTIDY_SPACE = /[^\S ]| {2}/;

/** True when a line is already what tidyFlow makes of it: no whitespace but single inner spaces. */
function isTidyLine(line: string): boolean {
  return line !== '' && line[0] !== ' ' && line[line.length - 1] !== ' ' && !UNTIDY_SPACE.test(line);
}

/** The plain text htmlToPlainText would derive from renderBlock's HTML, computed without parsing it. */
function blockText(block: Block, hardWrapped: boolean, knownTidy: boolean): string {
  // splitBlocks leaves lines tidy (space runs folded, trimmed), so folding and tidying would change nothing.
  if (knownTidy || block.lines.every(isTidyLine)) return block.lines.join(hardWrapped ? ' ' : '\n');
  const fold = (line: string): string => line.replace(/[\s\u00a0]+/g, ' ');
  return tidyFlow(hardWrapped ? fold(block.lines.join(' ')) : block.lines.map(fold).join('\n'));
}

// Characters an HTML parser rewrites or drops (controls, CR, NUL): text holding them takes the parsing path.
const PARSER_SENSITIVE = /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\u007f-\u009f\ufeff]/;

/**
 * Reader HTML and plain text of the body. The HTML is built here from escaped text in <p> and <br> only, so
 * it is safe as it is; the fast path skips the sanitizer and the DOM parse, which cost ~90% of a clipping's
 * import. Its output is the same as the general path's (tests/db/extract/text-fast-path.test.ts).
 * `knownTidy`: splitBlocks found no whitespace but single spaces and nothing PARSER_SENSITIVE in the lines.
 */
export function renderBody(body: Block[], knownTidy = false): { html: string; text: string } {
  const html: string[] = [];
  const text: string[] = [];
  let sensitive = false;
  for (const block of body) {
    const hardWrapped = isHardWrapped(block.lines);
    html.push(renderBlock(block, hardWrapped));
    if (sensitive) continue;
    if (!knownTidy && block.lines.some((l) => PARSER_SENSITIVE.test(l))) {
      sensitive = true;
      continue;
    }
    const t = blockText(block, hardWrapped, knownTidy);
    if (t !== '') text.push(t);
  }
  if (sensitive) {
    const safe = sanitizeReaderHtml(html.join('\n'));
    return { html: safe, text: htmlToPlainText(safe) };
  }
  return { html: html.join('\n'), text: text.join('\n\n') };
}

function firstSentence(text: string): string {
  const m = /^(.+?[.!?。！？])(\s|$)/u.exec(text);
  return truncateAtWord(m?.[1] ?? text, 120);
}

function parseDateLine(line: string): string | null {
  if (!DATE_LINE.test(line)) return null;
  const cleaned = line
    .replace(/^(published|updated|posted|date):?\s*/i, '')
    .replace(/\bat\b/i, '')
    .replace(/(\d)\.(\d{2})/, '$1:$2');
  const ms = Date.parse(cleaned);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Extracts a capture from a plain-text clipping. */
export function extractText(
  input: ImportInput,
  decoded = decodeBytes(input.bytes, { contentType: input.mediaType }),
): NormalizedCapture {
  const { blocks: rawBlocks, tidy } = splitBlocks(decoded.text);
  // Chrome lines are dropped wherever they are: "Advertisement" between paragraphs is as much noise as at the top.
  const blocks: Block[] = [];
  for (const lines of rawBlocks) {
    const kept = lines.filter((l) => !isChromeLine(l));
    if (!kept.length) continue;
    const caption = kept.length <= 3 && kept.every((l) => isCaptionLine(l));
    blocks.push({ kind: caption ? 'caption' : 'paragraph', lines: kept });
  }
  if (!blocks.length) throw new ArchiveError('INVALID_INPUT', `${input.fileName || 'The file'} has no readable text.`);

  let sourceUrl = input.sourceUrl ?? null;
  let byline: string | null = null;
  let publishedAt: string | null = null;
  let title: string | null = null;

  // The header zone: URL, title, byline and date lines before the first real paragraph.
  let i = 0;
  for (; i < blocks.length && i < 6; i++) {
    const block = blocks[i]!;
    const line = block.lines.join(' ');
    if (block.kind === 'caption' || block.lines.length > 1) break;
    if (URL_LINE.test(line)) {
      sourceUrl ??= line.startsWith('www.') ? `https://${line}` : line;
      continue;
    }
    const date = parseDateLine(line);
    if (date) {
      publishedAt ??= date;
      continue;
    }
    if (title && BYLINE.test(line)) {
      byline ??= line.replace(/^\S+\s+/, '');
      continue;
    }
    if (!title && line.length <= MAX_TITLE_LENGTH && /\p{L}/u.test(line)) {
      title = line;
      continue;
    }
    break;
  }
  let body = blocks.slice(i);
  if (!body.length) body = title ? [{ kind: 'paragraph', lines: [title] }] : blocks;
  const firstParagraph = body.find((b) => b.kind === 'paragraph') ?? body[0]!;
  title ??= firstSentence(firstParagraph.lines.join(' ')) || titleFromFileName(input.fileName);

  const { html, text } = renderBody(body, tidy);
  const excerptSource = body.find((b) => b.kind === 'paragraph')?.lines.join(' ') ?? '';
  return {
    importer: 'text',
    importerVersion: TEXT_IMPORTER_VERSION,
    mediaType: 'text/plain',
    charset: decoded.charset,
    title,
    byline,
    siteName: null,
    sourceUrl,
    canonicalUrl: null,
    publishedAt,
    language: null,
    excerpt: excerptSource ? truncateAtWord(excerptSource, 280) : null,
    html,
    text,
    wordCount: countWords(text),
    assets: [],
  };
}
