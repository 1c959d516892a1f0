// After Readability: drop the article-header leftovers (section kicker, "By ..." line, lone date) and chrome lines,
// and mark captions, so the reader starts at the first real paragraph.
import { parseDocument } from './html-images.js';
import { isCaptionLine, isChromeLine } from './boilerplate.js';
import { cleanInline } from './util.js';

const BLOCKS = 'p, div, h1, h2, h3, h4, h5, h6, li, figcaption, figure, time, span, ul, header';
const DATELINE_DATE =
  /\b\d{4}[-/.年]\s?\d{1,2}[-/.月]|\b\d{1,2}\.?\s(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s\d{4}|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s\d{1,2},?\s\d{4}/i;
const DATELINE_SOURCE = /(来源|來源|作者|출처|source)\s*[:：]/i;
/** Text of the first real paragraph is at least this long; header leftovers come before it. */
const SUBSTANTIVE = 80;

function textOf(el: { textContent: string | null }): string {
  return cleanInline(el.textContent) ?? '';
}

/** Leading blocks of the article that are metadata already captured elsewhere. `seenText`: a kept block with text
 * came before (a kicker only ever comes first; single links after that are content, like a blog's list of apps). */
function isHeaderLeftover(el: LinkedomElementLike, byline: string | null, seenText: boolean): boolean {
  const text = textOf(el);
  if (!text) return !el.querySelector('img');
  if (text.length > 200) return false;
  if (
    /^by\s/i.test(text) &&
    (!byline ||
      text.toLowerCase().includes(
        byline
          .toLowerCase()
          .split(/[,&]| and /)[0]!
          .trim(),
      ))
  )
    return true;
  if (isChromeLine(text)) return true;
  // A dateline: a date with the author or the source ("2024-08-15 21:30 来源：新华网 作者：王晓明", "Jane Roe · 3 May 2024").
  if (text.length < 120 && DATELINE_DATE.test(text)) {
    const first = byline
      ?.split(/[,&]| and /)[0]
      ?.trim()
      .toLowerCase();
    if ((first && text.toLowerCase().includes(first)) || DATELINE_SOURCE.test(text)) return true;
  }
  const links = el.querySelectorAll('a');
  // A kicker: one short link and nothing else ("World", "Opinion").
  if (!seenText && links.length === 1 && textOf(links[0]!) === text && text.length < 40) return true;
  if (el.querySelectorAll('time').length === 1 && textOf(el.querySelector('time')!) === text) return true;
  return false;
}

export interface LinkedomElementLike {
  innerHTML: string;
  textContent: string | null;
  tagName: string;
  querySelector(s: string): LinkedomElementLike | null;
  querySelectorAll(s: string): ArrayLike<LinkedomElementLike>;
  remove(): void;
  contains(other: LinkedomElementLike): boolean;
  classList: { add(c: string): void };
  children: ArrayLike<LinkedomElementLike>;
}

/** Cleans an article subtree in place (Readability's article element, or the fallback body). */
export function cleanArticleElement(root: LinkedomElementLike, byline: string | null): void {
  removeHeadingPermalinks(root);
  const blocks = [...(root.querySelectorAll(BLOCKS) as unknown as LinkedomElementLike[])];
  // Header leftovers are looked for only before the first substantive paragraph.
  let seenText = false;
  for (const el of blocks) {
    if (el.tagName === 'P' && textOf(el).length >= SUBSTANTIVE) break;
    if (el.children.length > 0 && el.tagName !== 'P' && el.querySelector('p, div, figure, ul')) continue; // a container: judge its parts
    if (el.tagName === 'FIGURE' || el.querySelector('img')) continue;
    if (!root.contains(el)) continue; // inside a block removed already
    if (isHeaderLeftover(el, byline, seenText)) el.remove();
    else if (textOf(el) && /^(P|H[1-6]|LI)$/.test(el.tagName)) seenText = true;
  }
  // Chrome lines that survive anywhere ("Advertisement", "Share this article").
  for (const el of root.querySelectorAll('p, li') as unknown as LinkedomElementLike[]) {
    const text = textOf(el);
    if (text && text.length < 60 && isChromeLine(text) && !el.querySelector('img')) el.remove();
  }
  for (const el of root.querySelectorAll('figcaption') as unknown as LinkedomElementLike[]) el.classList.add('caption');
  for (const el of root.querySelectorAll('p') as unknown as LinkedomElementLike[]) {
    const text = textOf(el);
    if (text && isCaptionLine(text)) el.classList.add('caption');
  }
}

/** What a heading's permalink shows: "#", "¶", "§", a link emoji, or nothing (an icon). */
const PERMALINK_TEXT = /^[#¶§🔗]?$/u;
const EDIT_LINK_TEXT = /^\[\s*(edit|edit source|bearbeiten|modifier|modifier le code|editar|modifica)\s*\]$/i;

/**
 * Removes what headings carry for the web page only: permalinks ("#", "¶" linking to the heading's own anchor)
 * and Wikipedia's "[edit]" links. A link in a heading with words of its own is kept.
 */
export function removeHeadingPermalinks(root: LinkedomElementLike): void {
  for (const heading of root.querySelectorAll('h1, h2, h3, h4, h5, h6') as unknown as LinkedomElementLike[]) {
    for (const a of heading.querySelectorAll('a') as unknown as (LinkedomElementLike & {
      getAttribute(n: string): string | null;
    })[]) {
      const href = a.getAttribute('href') ?? '';
      if (href.startsWith('#') && PERMALINK_TEXT.test(textOf(a))) a.remove();
    }
    for (const el of heading.querySelectorAll('span, a') as unknown as LinkedomElementLike[]) {
      if (root.contains(el) && EDIT_LINK_TEXT.test(textOf(el))) el.remove();
    }
  }
}

/** Elements a page shows only when printed (print footers, "printed from" lines): never article text on screen. */
export function removePrintOnly(doc: { querySelectorAll(s: string): ArrayLike<{ remove(): void }> }): void {
  for (const el of Array.from(
    doc.querySelectorAll('.print-only, .printonly, .print-footer, .printfooter, .visible-print, .show-for-print'),
  ))
    el.remove();
}

/** Cleans article HTML given as a string; returns HTML. */
export function cleanArticleHtml(html: string, byline: string | null): string {
  const doc = parseDocument(html);
  cleanArticleElement(doc.body as unknown as LinkedomElementLike, byline);
  return doc.body?.innerHTML ?? html;
}
