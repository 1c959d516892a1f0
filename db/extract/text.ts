// Text clippings: a copied web page as plain text -> title, byline, paragraphs, captions; chrome lines dropped.
import type { ImportInput, NormalizedCapture } from './types.js';
import { decodeBytes } from './charset.js';
import { isCaptionLine, isChromeLine } from './boilerplate.js';
import { isFooterLine, readClippingHeader } from './text-header.js';
import { htmlToPlainText, countWords, tidyFlow } from './plain-text.js';
import { MISSING_IMAGE_SRC, sanitizeReaderHtml } from './sanitize.js';
import { escapeHtml, titleFromFileName, truncateAtWord } from './util.js';
import { ArchiveError } from '../contract/errors.js';

export const TEXT_IMPORTER_VERSION = '1.1.0';

export interface Block {
  /** 'image': a caption whose image was not copied (it ended in a dangling "Credit:"), shown as a placeholder. */
  kind: 'paragraph' | 'caption' | 'image';
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
  if (block.kind === 'image')
    return `<figure><img alt="${escapeHtml(block.lines.join(' '))}" src="${MISSING_IMAGE_SRC}" /></figure>`;
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
    if (sensitive || block.kind === 'image') continue; // an image's caption is not article text
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

// A caption copied without its (image-hosted) credit ends in a dangling "Credit:": the label alone is dropped.
const DANGLING_CREDIT = /\s*\b(photo |image )?credits?\s*:\s*$/i;

/** Extracts a capture from a plain-text clipping. */
export function extractText(
  input: ImportInput,
  decoded = decodeBytes(input.bytes, { contentType: input.mediaType }),
): NormalizedCapture {
  const { blocks: rawBlocks, tidy } = splitBlocks(decoded.text);
  // Chrome lines are dropped wherever they are: "Advertisement" between paragraphs is as much noise as at the top.
  const blocks: Block[] = [];
  // Footers ("Sent from my iPhone", newsletter unsubscribe lines, Kindle separators) are never content either.
  for (const lines of rawBlocks) {
    const kept = lines.filter((l) => !isChromeLine(l) && !isFooterLine(l));
    if (!kept.length) continue;
    const caption = kept.length <= 3 && kept.every((l) => isCaptionLine(l));
    const last = kept[kept.length - 1]!;
    const uncredited = caption ? last.replace(DANGLING_CREDIT, '') : last;
    if (uncredited !== last && uncredited) {
      // The credit was on the image, and the image was not copied: a placeholder with the caption as its alt.
      blocks.push({ kind: 'image', lines: [...kept.slice(0, -1), uncredited] });
      continue;
    }
    blocks.push({ kind: caption ? 'caption' : 'paragraph', lines: kept });
  }
  if (!blocks.length) throw new ArchiveError('INVALID_INPUT', `${input.fileName || 'The file'} has no readable text.`);

  // The header zone: URL, title, byline, date and e-mail/Evernote/Kindle fields before the first real paragraph.
  const header = readClippingHeader(blocks, input.sourceUrl ?? null);
  const { sourceUrl, byline, publishedAt } = header;
  let title = header.title;
  let body: Block[] = blocks.slice(header.blocks);
  if (header.lines > 0 && body.length)
    body = [{ ...body[0]!, lines: body[0]!.lines.slice(header.lines) }, ...body.slice(1)];
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
    ...(header.tags.length ? { tags: header.tags } : {}),
  };
}
