// A column's text as the index tokenized it (NFKC, CJK words split, unicode61 folding), with offsets into the text as written.
import { wordBreaks } from '../normalize.js';
import { foldChar } from './fold.js';

/**
 * Tokens of one text. Token i is s[start[i], end[i]) of the normalized text `s`; its folded term is
 * folded.slice(start[i], end[i]) when `folded` (the text folded unit for unit) exists, else terms[i].
 * No string is made per token on the common path: matching compares in place (termIs).
 */
export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** The normalized text (NFKC), which the index tokenized. */
  s: string;
  folded: string | null;
  terms: string[] | null;
  /** Source range in the text as written of each unit of `s`; null when `s` is the text itself. */
  from: number[] | null;
  to: number[] | null;
}

const MARK = /^\p{M}$/u;
const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_G = /[^\x00-\x7f]/g;

/**
 * The text in NFKC form, as indexed, with each of its UTF-16 units' source range in `text` (`from`, `to`), or null
 * maps when NFKC changed nothing. Normalized a code point (and the marks after it) at a time: an expansion such as
 * "…" -> "..." maps every unit it made to the character it came from.
 */
function normalized(text: string): { s: string; from: number[] | null; to: number[] | null } {
  if (!NON_ASCII.test(text)) return { s: text, from: null, to: null };
  if (text.normalize('NFKC') === text) return { s: text, from: null, to: null };
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    let j = i + (cp > 0xffff ? 2 : 1);
    for (;;) {
      const next = j < text.length ? text.codePointAt(j)! : -1;
      if (next < 0x300 || !MARK.test(String.fromCodePoint(next))) break;
      j += next > 0xffff ? 2 : 1;
    }
    const chunk = text.slice(i, j);
    const n = cp < 128 && j === i + 1 ? chunk : chunk.normalize('NFKC');
    parts.push(n);
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(j);
    }
    i = j;
  }
  return { s: parts.join(''), from, to };
}

// ASCII letters and digits are token characters; everything else in ASCII separates.
const ASCII_TOKEN = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_TOKEN[c] = /[0-9A-Za-z]/.test(String.fromCharCode(c)) ? 1 : 0;

/**
 * `s` folded unit for unit (lower case plus the folds toLowerCase does not make: "é" -> "e", "ς" -> "σ"), or null
 * when some fold changes a token character's length (a mark folded away, an expansion): then terms are made per token.
 */
function foldInPlace(s: string): string | null {
  const lower = s.toLowerCase();
  if (lower.length !== s.length) return null;
  if (!NON_ASCII.test(s)) return lower;
  let out = '';
  let at = 0;
  NON_ASCII_G.lastIndex = 0;
  for (let m = NON_ASCII_G.exec(s); m; m = NON_ASCII_G.exec(s)) {
    const i = m.index;
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (width === 2) NON_ASCII_G.lastIndex = i + 2;
    const f = foldChar(cp);
    if (f === null || f === lower.slice(i, i + width)) continue;
    if (f.length !== width) return null;
    out += lower.slice(at, i) + f;
    at = i + width;
  }
  return at === 0 ? lower : out + lower.slice(at);
}

/**
 * Tokenizes `text` the way the index did (normalizeForIndex, then FTS5's unicode61 with remove_diacritics 2):
 * letters and numbers make tokens, case and Latin diacritics fold away, CJK runs split into the segmenter's words.
 */
/**
 * Offset arrays kept between calls, one pair per scratch slot: a page tokenizes 80 fields, and fresh arrays for each
 * were what the collector spent the rare-word tail on. A slot's Tokens are valid until that slot is used again.
 */
const scratch: Array<{ start: Int32Array; end: Int32Array }> = [];

function offsetArrays(size: number, slot: number | undefined): { start: Int32Array; end: Int32Array } {
  // A very long text gets arrays of its own, so the slot does not keep megabytes after it.
  if (slot === undefined || size > 1 << 18) return { start: new Int32Array(size), end: new Int32Array(size) };
  let s = scratch[slot];
  if (!s || s.start.length < size) {
    const length = Math.max(size, 4096);
    s = { start: new Int32Array(length), end: new Int32Array(length) };
    scratch[slot] = s;
  }
  return s;
}

export function tokenize(text: string, slot?: number): Tokens {
  const { s, from, to } = normalized(text);
  const breaks = wordBreaks(s);
  const n = s.length;
  // At most one token per two units (a token and a separator each), plus CJK words of one unit: n + 1 is safe.
  const { start, end } = offsetArrays(breaks.length > 0 ? n + 1 : (n >> 1) + 1, slot);
  let count = 0;
  let b = 0; // next word break
  let tok = -1; // start of the open token
  let simple = true; // every token character folds to itself in width (no dropped marks)
  if (breaks.length === 0 && !NON_ASCII.test(s)) {
    // ASCII text (most of it): the same loop without code points, folds or word breaks.
    for (let i = 0; i < n; i++) {
      if (ASCII_TOKEN[s.charCodeAt(i)] === 1) {
        if (tok < 0) tok = i;
      } else if (tok >= 0) {
        start[count] = tok;
        end[count++] = i;
        tok = -1;
      }
    }
    if (tok >= 0) {
      start[count] = tok;
      end[count++] = n;
    }
    return { count, start, end, s, folded: s.toLowerCase(), terms: null, from, to };
  }
  for (let i = 0; i < n;) {
    const c = s.charCodeAt(i);
    let width = 1;
    let isToken: boolean;
    if (c < 128) isToken = ASCII_TOKEN[c] === 1;
    else {
      const cp = s.codePointAt(i)!;
      width = cp > 0xffff ? 2 : 1;
      const f = foldChar(cp);
      isToken = f !== null;
      if (f === '') simple = false;
    }
    if (breaks.length > 0) {
      while (b < breaks.length && breaks[b]! < i) b++;
      if (tok >= 0 && breaks[b] === i) {
        start[count] = tok;
        end[count++] = i;
        tok = -1;
      }
    }
    if (!isToken) {
      if (tok >= 0) {
        start[count] = tok;
        end[count++] = i;
        tok = -1;
      }
    } else if (tok < 0) tok = i;
    i += width;
  }
  if (tok >= 0) {
    start[count] = tok;
    end[count++] = n;
  }
  const folded = simple ? foldInPlace(s) : null;
  let terms: string[] | null = null;
  if (folded === null) {
    terms = [];
    for (let k = 0; k < count; k++) {
      let t = '';
      for (let i = start[k]!; i < end[k]!;) {
        const cp = s.codePointAt(i)!;
        t += foldChar(cp) ?? '';
        i += cp > 0xffff ? 2 : 1;
      }
      // A token of marks only folds to nothing, and FTS5 does not count it: left out, as the index left it.
      if (t === '') continue;
      start[terms.length] = start[k]!;
      end[terms.length] = end[k]!;
      terms.push(t);
    }
    count = terms.length;
  }
  return { count, start, end, s, folded, terms, from, to };
}

/** Token i's folded term. */
export function termOf(t: Tokens, i: number): string {
  return t.folded !== null ? t.folded.slice(t.start[i], t.end[i]) : t.terms![i]!;
}

/** True when token i is `term` (or, for a prefix, starts with it), without making a string. */
export function termIs(t: Tokens, i: number, term: string, prefix: boolean): boolean {
  if (t.folded === null) {
    const have = t.terms![i]!;
    return prefix ? have.startsWith(term) : have === term;
  }
  const a = t.start[i]!;
  const len = t.end[i]! - a;
  if (prefix ? len < term.length : len !== term.length) return false;
  return t.folded.startsWith(term, a);
}

/** The folded terms of a short text (a query phrase), empty ones left out. */
export function termsOf(text: string): string[] {
  const t = tokenize(text);
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) {
    const term = termOf(t, i);
    if (term !== '') out.push(term);
  }
  return out;
}

/** Where token i starts and ends in the text as written. */
export function sourceStart(t: Tokens, i: number): number {
  return t.from ? t.from[t.start[i]!]! : t.start[i]!;
}
export function sourceEnd(t: Tokens, i: number): number {
  return t.to ? t.to[t.end[i]! - 1]! : t.end[i]!;
}
