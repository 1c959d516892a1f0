// A column's text as the index tokenized it (NFKC, CJK words split, unicode61 folding), with offsets into the text as written.
import { wordBreaks } from '../normalize.js';
import { foldChar } from './fold.js';

/** Tokens of one text: folded terms, and where each sits in the text as written ([start, end) in UTF-16 units). */
export interface Tokens {
  terms: string[];
  start: number[];
  end: number[];
}

const MARK = /^\p{M}$/u;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The text in NFKC form, as indexed, with each of its UTF-16 units' source range in `text` (`from`, `to`), or null
 * maps when NFKC changed nothing. Normalized a code point (and the marks after it) at a time: an expansion such as
 * "…" -> "..." maps every unit it made to the character it came from.
 */
function normalized(text: string): { s: string; from: number[] | null; to: number[] | null } {
  if (!NON_ASCII.test(text)) return { s: text, from: null, to: null };
  const whole = text.normalize('NFKC');
  if (whole === text) return { s: text, from: null, to: null };
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
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

/**
 * Tokenizes `text` the way the index did (normalizeForIndex, then FTS5's unicode61 with remove_diacritics 2):
 * letters and numbers make tokens, case and Latin diacritics fold away, CJK runs split into the segmenter's words.
 */
export function tokenize(text: string): Tokens {
  const { s, from, to } = normalized(text);
  const breaks = wordBreaks(s);
  const out: Tokens = { terms: [], start: [], end: [] };
  let b = 0; // next word break
  let tokStart = -1;
  let ascii = true;
  let folded = '';
  const close = (at: number) => {
    const term = ascii ? s.slice(tokStart, at).toLowerCase() : folded;
    if (term !== '') {
      out.terms.push(term);
      out.start.push(from ? from[tokStart]! : tokStart);
      out.end.push(to ? to[at - 1]! : at);
    }
    tokStart = -1;
  };
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    while (b < breaks.length && breaks[b]! < i) b++;
    if (tokStart >= 0 && breaks[b] === i) close(i);
    const f = foldChar(cp);
    if (f === null) {
      if (tokStart >= 0) close(i);
    } else {
      if (tokStart < 0) {
        tokStart = i;
        ascii = true;
        folded = '';
      }
      if (ascii && cp >= 128) {
        ascii = false;
        folded = s.slice(tokStart, i).toLowerCase();
      }
      if (!ascii) folded += f;
    }
    i += width;
  }
  if (tokStart >= 0) close(s.length);
  return out;
}
