// Shapes of HTML the parsers handle badly, measured before they run: nesting depth (raw and parsed) and element count.
import { ArchiveError } from '../contract/errors.js';

/**
 * Deeper than this in the raw markup, a page is refused before parsing: linkedom's parse grows quadratically with
 * depth (100,000 nested `<div>` took 45 s) and real pages stay far below (a few dozen levels).
 */
export const MAX_MARKUP_DEPTH = 1_000;
/**
 * Past either bound in the parsed document, Readability is skipped and the page's body is kept whole: its
 * conditional cleaning rescans each subtree per ancestor (11 KB of nested `<div>` took 7 s).
 */
export const MAX_READABILITY_DEPTH = 200;
export const MAX_READABILITY_ELEMENTS = 60_000;

// Elements that never hold children, or whose end tag may be left out (an open `<p>` closes at the next): they do
// not deepen the tree however many are opened, so the raw count leaves them out.
const FLAT =
  /^(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|p|li|dt|dd|tr|td|th|option|optgroup|rt|rp|thead|tbody|tfoot|colgroup|caption|head|body|html)$/i;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
const RAW_TEXT = /^(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)$/i;

const endTags = new Map<string, RegExp>();
const endTagOf = (name: string): RegExp => {
  const key = name.toLowerCase();
  let re = endTags.get(key);
  if (!re) endTags.set(key, (re = new RegExp(`</${key}`, 'gi')));
  return re;
};

/** The deepest nesting of the markup's elements, counted from its tags (an upper bound of the parsed depth). */
export function markupDepth(html: string): number {
  let depth = 0;
  let max = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!;
    if (FLAT.test(name) || m[3]) continue;
    if (m[1]) {
      if (depth > 0) depth--;
      continue;
    }
    if (RAW_TEXT.test(name)) {
      // Their content is text, not tags: skip to the end tag.
      const close = endTagOf(name);
      close.lastIndex = TAG.lastIndex;
      if (!close.test(html)) break;
      TAG.lastIndex = close.lastIndex - 2 - name.length;
      continue;
    }
    if (++depth > max) max = depth;
  }
  return max;
}

/** Refuses markup nested deeper than MAX_MARKUP_DEPTH, before anything parses it. */
export function assertParsableDepth(html: string, fileName: string): void {
  const depth = markupDepth(html);
  if (depth > MAX_MARKUP_DEPTH) {
    throw new ArchiveError(
      'UNSUPPORTED_FORMAT',
      `${fileName || 'The page'} is nested ${depth} levels deep; Stacks reads pages nested up to ${MAX_MARKUP_DEPTH} levels.`,
    );
  }
}

interface ElementLike {
  firstElementChild: ElementLike | null;
  nextElementSibling: ElementLike | null;
  parentElement: ElementLike | null;
}

/** True when the parsed document is small and shallow enough for Readability (walked without recursion). */
export function fitsReadability(root: ElementLike | null): boolean {
  let depth = 0;
  let count = 0;
  let el = root;
  while (el) {
    if (++count > MAX_READABILITY_ELEMENTS) return false;
    const child = el.firstElementChild;
    if (child) {
      if (++depth > MAX_READABILITY_DEPTH) return false;
      el = child;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) {
      el = el.parentElement;
      depth--;
    }
    el = el && el !== root ? el.nextElementSibling : null;
  }
  return true;
}
