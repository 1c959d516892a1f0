// A hand-rolled single-pass scanner for the well-formed HTML subset sanitize-html writes; it derives the same plain
// text as htmlToPlainText's htmlparser2 path (plain-text.ts), or gives up (undefined) on anything outside the subset.
//
// Why it is the same: on this subset htmlparser2 reports exactly one event per tag and one text per run between
// tags (entities decoded), and the scanner runs the same rule on those events (see plain-text.ts). What it accepts:
//  - text with no `<` except as a tag start, and `&` only in `&amp; &lt; &gt; &quot;` (the entities sanitize-html
//    writes; it writes every other character raw), so decoding is a table lookup;
//  - tags from SCANNED_TAGS only, lower case, `<name>` / `<name attr="value" bare>` with single spaces, double-quoted
//    values without `"` or `<`, ` />` or `/>` only on void elements (htmlparser2 ignores it elsewhere, so it would
//    leave the element open: we give up instead of modelling that);
//  - opening tags implicitly close open elements as htmlparser2's openImpliesClose table (copied below) says; closing
//    tags must close the innermost open element (otherwise htmlparser2 would close several, or invent one);
//  - no comments, doctypes, processing instructions, raw-text elements (script, style, textarea, title, xmp ...),
//    foreign content (svg, math) or skipped elements: none is in SCANNED_TAGS.
// Elements still open at the end are closed innermost first, as htmlparser2's end() does.
import { BLOCK_TAGS } from '../contract/text-rule.js';

/** Every tag the reader sanitizer lets through (plus span, which its first pass uses), and a few harmless blocks. */
export const SCANNED_TAGS: ReadonlySet<string> = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'code',
  'kbd',
  'samp',
  'var',
  'figure',
  'figcaption',
  'img',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'small',
  'q',
  'cite',
  'abbr',
  'dfn',
  'time',
  'sup',
  'sub',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'hr',
  'br',
  'div',
  'section',
  'article',
  'aside',
  'details',
  'summary',
  'address',
  'span',
  'main',
  'nav',
  'header',
  'footer',
]);

/** The void elements among SCANNED_TAGS (htmlparser2 closes them at once and ignores their closing tags). */
const VOID_SCANNED: ReadonlySet<string> = new Set(['img', 'br', 'hr']);

const P_ONLY: ReadonlySet<string> = new Set(['p']);
/** htmlparser2's openImpliesClose, for the tags in SCANNED_TAGS: opening the key closes an open element in the set. */
export const IMPLIES_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['li', new Set(['li'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...[
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'figcaption',
    'figure',
    'footer',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((tag): [string, ReadonlySet<string>] => [tag, P_ONLY]),
]);

/** Whitespace in flowing text that is not already one space between words (every `\s` but space, or two spaces). */
export const NEEDS_FOLDING = /[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;
/** The plain-text rule's whitespace runs (as in plain-text.ts). */
const WHITESPACE_RUNS = /[\s\u00a0]+/g;

function isLowerAlpha(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** The character an entity at `at` (just after its `&`) stands for, and its length; undefined outside the subset. */
function entityAt(html: string, at: number): [string, number] | undefined {
  const c = html.charCodeAt(at);
  if (c === 97 /* a */ && html.startsWith('mp;', at + 1)) return ['&', 4];
  if (c === 108 /* l */ && html.startsWith('t;', at + 1)) return ['<', 3];
  if (c === 103 /* g */ && html.startsWith('t;', at + 1)) return ['>', 3];
  if (c === 113 /* q */ && html.startsWith('uot;', at + 1)) return ['"', 5];
  return undefined;
}

/** Index just past a well-formed tag's attributes and `>` (starting right after its name), or -1. */
function endOfOpenTag(html: string, k: number, isVoid: boolean): number {
  const n = html.length;
  while (k < n) {
    const c = html.charCodeAt(k);
    if (c === 62 /* > */) return k + 1;
    if (c === 32) {
      k++;
      continue;
    }
    if (c === 47 /* / */) return isVoid && html.charCodeAt(k + 1) === 62 ? k + 2 : -1;
    if (!isLowerAlpha(c)) return -1;
    // Attribute name: [a-z-]+, then `="value"`, or nothing (a bare attribute).
    k++;
    let a = html.charCodeAt(k);
    while (isLowerAlpha(a) || a === 45 /* - */) a = html.charCodeAt(++k);
    if (a === 61 /* = */) {
      if (html.charCodeAt(k + 1) !== 34 /* " */) return -1;
      const close = html.indexOf('"', k + 2);
      if (close < 0) return -1;
      const lt = html.indexOf('<', k + 2);
      if (lt >= 0 && lt < close) return -1;
      k = close + 1;
      a = html.charCodeAt(k);
    }
    if (a !== 32 && a !== 62 && a !== 47) return -1;
  }
  return -1;
}

/** A preformatted paragraph's text: CRLF and CR become LF, leading blank lines and trailing whitespace go. */
export function tidyPre(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(/^\n+/, '').replace(/\s+$/, '');
}

/** Paragraphs under construction: flowing text is folded as it arrives, preformatted text is tidied at the end. */
class Paragraphs {
  readonly done: string[] = [];
  /** Whether the current paragraph is preformatted (mirrors ParagraphCollector). */
  pre = false;
  private flow = '';
  private raw = '';
  private lineHasText = false;
  private pendingSpace = false;
  private pendingBreak = false;

  /** Appends characters that are not whitespace (or any text, in a preformatted paragraph). */
  word(text: string): void {
    if (this.pre) {
      this.raw += text;
      return;
    }
    if (this.pendingBreak) this.flow += '\n';
    else if (this.pendingSpace) this.flow += ' ';
    this.pendingBreak = this.pendingSpace = false;
    this.flow += text;
    this.lineHasText = true;
  }

  /** A whitespace run in flowing text: one space, unless at the start or end of a line. */
  space(): void {
    if (this.lineHasText) this.pendingSpace = true;
  }

  /** <br>: a line break, unless the line is empty (empty lines are dropped). */
  lineBreak(): void {
    if (this.pre) {
      this.raw += '\n';
      return;
    }
    if (this.lineHasText) this.pendingBreak = true;
    this.pendingSpace = false;
    this.lineHasText = false;
  }

  flush(nextIsPre: boolean): void {
    if (this.pre) {
      const text = tidyPre(this.raw);
      if (text) this.done.push(text);
      this.raw = '';
    } else {
      if (this.flow) this.done.push(this.flow);
      this.flow = '';
      this.lineHasText = this.pendingSpace = this.pendingBreak = false;
    }
    this.pre = nextIsPre;
  }
}

/** Closes the innermost open element (a block ends its paragraph); says whether the text around it is now <pre>. */
function closeInnermost(names: string[], preFlags: boolean[], out: Paragraphs): boolean {
  const name = names.pop()!;
  preFlags.pop();
  const inPre = preFlags.length > 0 && preFlags[preFlags.length - 1]!;
  if (BLOCK_TAGS.has(name)) out.flush(inPre);
  return inPre;
}

/** Plain text of sanitized reader HTML, or undefined when the HTML is outside the subset described above. */
export function scanPlainText(html: string): string | undefined {
  const out = new Paragraphs();
  const names: string[] = [];
  const preFlags: boolean[] = [];
  let inPre = false;
  const n = html.length;
  let i = 0;
  let nextAmp = html.indexOf('&');
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 60 /* < */) {
      const next = html.charCodeAt(i + 1);
      if (next === 47 /* / */) {
        let k = i + 2;
        if (!isLowerAlpha(html.charCodeAt(k))) return undefined;
        let e = html.charCodeAt(++k);
        while (isLowerAlpha(e) || (e >= 48 && e <= 57)) e = html.charCodeAt(++k);
        if (e !== 62) return undefined;
        const name = html.slice(i + 2, k);
        if (names.length === 0 || names[names.length - 1] !== name) return undefined;
        inPre = closeInnermost(names, preFlags, out);
        i = k + 1;
        continue;
      }
      if (!isLowerAlpha(next)) return undefined;
      let k = i + 2;
      let e = html.charCodeAt(k);
      while (isLowerAlpha(e) || (e >= 48 && e <= 57)) e = html.charCodeAt(++k);
      const name = html.slice(i + 1, k);
      if (!SCANNED_TAGS.has(name)) return undefined;
      const isVoid = VOID_SCANNED.has(name);
      const end = endOfOpenTag(html, k, isVoid);
      if (end < 0) return undefined;
      const implied = IMPLIES_CLOSE.get(name);
      if (implied) {
        // htmlparser2 closes the innermost open elements while the new tag implies it (<p>a<p>b, <li>a<li>b).
        while (names.length > 0 && implied.has(names[names.length - 1]!)) {
          inPre = closeInnermost(names, preFlags, out);
        }
      }
      i = end;
      if (name === 'br') {
        out.lineBreak();
        continue;
      }
      if (isVoid) {
        if (name === 'hr') out.flush(inPre);
        continue;
      }
      const pre = inPre || name === 'pre';
      names.push(name);
      preFlags.push(pre);
      inPre = pre;
      if (BLOCK_TAGS.has(name)) out.flush(pre);
      continue;
    }
    if (inPre) {
      // Preformatted text is kept as it is: copy up to the next tag or entity.
      let k = i;
      let t = c;
      while (k < n && t !== 60 && t !== 38) t = html.charCodeAt(++k);
      if (k > i) {
        out.word(html.slice(i, k));
        i = k;
        continue;
      }
      const entity = entityAt(html, i + 1);
      if (!entity) return undefined;
      out.word(entity[0]);
      i += entity[1] + 1;
      continue;
    }
    if (c === 38 /* & */) {
      const entity = entityAt(html, i + 1);
      if (!entity) return undefined;
      out.word(entity[0]);
      i += entity[1] + 1;
      continue;
    }
    // Flowing text up to the next tag or entity: folded with native string search rather than per character, and
    // handed over with its leading and trailing space (if any) as separate calls.
    const lt = html.indexOf('<', i);
    if (nextAmp >= 0 && nextAmp < i) nextAmp = html.indexOf('&', i); // searched again only once passed
    const amp = nextAmp;
    const end = amp >= 0 && (amp < lt || lt < 0) ? amp : lt < 0 ? n : lt;
    let run = html.slice(i, end);
    if (NEEDS_FOLDING.test(run)) run = run.replace(WHITESPACE_RUNS, ' ');
    if (run.charCodeAt(0) === 32) {
      out.space();
      run = run.slice(1);
    }
    const trailingSpace = run.charCodeAt(run.length - 1) === 32;
    if (trailingSpace) run = run.slice(0, -1);
    if (run) out.word(run);
    if (trailingSpace) out.space();
    i = end;
  }
  // htmlparser2's end() closes what is still open, innermost first.
  while (names.length > 0) closeInnermost(names, preFlags, out);
  out.flush(false);
  return out.done.join('\n\n');
}
