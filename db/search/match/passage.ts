// FTS5's snippet() over the text as written: the best window of a column's tokens, matched phrases marked.
import { MARK_CLOSE, MARK_OPEN } from '../../contract/types.js';
import type { Phrase } from './match-query.js';
import { sourceEnd, sourceStart, termIs, tokenize, type Tokens } from './tokens.js';

export const SNIPPET_TOKENS = 24;
const ELLIPSIS = '…';

/** A phrase found in a column: phrase index and first/last token. */
interface Instance {
  phrase: number;
  first: number;
  last: number;
}

/** Index of the token starting exactly at unit `at` of the normalized text, or -1. */
function tokenStartingAt(t: Tokens, at: number): number {
  let lo = 0;
  let hi = t.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = t.start[mid]!;
    if (v === at) return mid;
    if (v < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Token indexes where `term` (a prefix when `prefix`) is a whole token, in order. */
function termPositions(t: Tokens, term: string, prefix: boolean): number[] {
  const out: number[] = [];
  if (t.folded === null) {
    for (let i = 0; i < t.count; i++) if (termIs(t, i, term, prefix)) out.push(i);
    return out;
  }
  // The folded text is searched natively; a hit counts only where a token starts and (unless a prefix) ends.
  for (let at = t.folded.indexOf(term); at >= 0; at = t.folded.indexOf(term, at + 1)) {
    const i = tokenStartingAt(t, at);
    if (i >= 0 && termIs(t, i, term, prefix)) out.push(i);
  }
  return out;
}

/** Where each phrase occurs in one column's tokens, in token order. */
export function findInstances(tokens: Tokens, phrases: readonly Phrase[], column: number): Instance[] {
  const out: Instance[] = [];
  phrases.forEach((ph, pi) => {
    if ((ph.columns & (1 << column)) === 0) return;
    const n = ph.terms.length;
    for (const i of termPositions(tokens, ph.terms[0]!, ph.prefix && n === 1)) {
      if (i + n > tokens.count) break;
      let k = 1;
      while (k < n && termIs(tokens, i + k, ph.terms[k]!, ph.prefix && k === n - 1)) k++;
      if (k === n) out.push({ phrase: pi, first: i, last: i + n - 1 });
    }
  });
  return out.sort((a, b) => a.first - b.first || a.phrase - b.phrase);
}

/**
 * fts5SnippetScore: 1000 for each phrase's first instance in the window [pos, pos + size), 1 for each further one;
 * and the window start that centres those instances (clamped to the column).
 */
function score(insts: Instance[], phraseCount: number, pos: number, size: number, count: number) {
  const seen = new Uint8Array(phraseCount);
  let total = 0;
  let first = -1;
  let last = 0;
  // Instances are in token order: only those starting inside the window are read (a long text can hold thousands).
  let lo = 0;
  let hi = insts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (insts[mid]!.first < pos) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < insts.length && insts[k]!.first < pos + size; k++) {
    const x = insts[k]!;
    total += seen[x.phrase] ? 1 : 1000;
    seen[x.phrase] = 1;
    if (first < 0) first = x.first;
    last = x.last + 1;
  }
  let adj = first - Math.trunc((size - (last - first)) / 2);
  if (adj + size > count) adj = count - size;
  if (adj < 0) adj = 0;
  return { total, adj };
}

/** True when token i begins a sentence (FTS5: the first token, and any after "." or ":" and white space). */
function sentenceStart(tokens: Tokens, i: number): boolean {
  if (i === 0) return true;
  const text = tokens.s;
  let j = tokens.start[i]! - 1;
  let c = text.charCodeAt(j);
  if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(--j);
  return c === 46 || c === 58; // '.' ':'
}

/** The best window found in one column so far. */
interface Best {
  score: number;
  column: number;
  start: number;
}

/** fts5SnippetFunction's search for a window in one column, improving `best`. */
function searchColumn(
  tokens: Tokens,
  insts: Instance[],
  phraseCount: number,
  column: number,
  size: number,
  best: Best,
): void {
  const count = tokens.count;
  const sentences = count > size;
  // The last sentence start at or before each instance, walking back no further than the previous instance
  // (instances are in token order), so a long text is read once however many instances it has.
  let prevFirst = -1;
  let prevSentence = 0;
  for (const x of insts) {
    const s = score(insts, phraseCount, x.first, size, count);
    if (s.total > best.score) Object.assign(best, { score: s.total, column, start: s.adj });
    if (!sentences) continue;
    let sentence = prevSentence;
    for (let i = x.first; i > prevFirst; i--) {
      if (sentenceStart(tokens, i)) {
        sentence = i;
        break;
      }
    }
    prevFirst = x.first;
    prevSentence = sentence;
    if (sentence < x.first) {
      const t = score(insts, phraseCount, sentence, size, count).total + (sentence === 0 ? 120 : 100);
      if (t > best.score) Object.assign(best, { score: t, column, start: sentence });
    }
  }
}

/** A column's window [start, start + size) with its instances marked, as FTS5's snippet() writes it. */
function render(
  text: string,
  tokens: Tokens,
  insts: Instance[],
  start: number,
  size: number,
): { snippet: string; offset?: number } {
  const count = tokens.count;
  if (count === 0) return { snippet: text };
  const end = Math.min(start + size, count) - 1;
  // Overlapping instances make one mark; an instance starting before the window is not marked (as in FTS5).
  const marks: Array<[number, number]> = [];
  for (const x of insts) {
    if (x.first < start || x.first > end) continue;
    const last = Math.min(x.last, end);
    const prev = marks[marks.length - 1];
    if (prev && x.first <= prev[1]) prev[1] = Math.max(prev[1], last);
    else marks.push([x.first, last]);
  }
  let out = start > 0 ? ELLIPSIS : '';
  let at = start > 0 ? sourceStart(tokens, start) : 0;
  for (const [a, b] of marks) {
    const from = sourceStart(tokens, a);
    out += text.slice(at, from) + MARK_OPEN + text.slice(from, sourceEnd(tokens, b)) + MARK_CLOSE;
    at = sourceEnd(tokens, b);
  }
  out += end >= count - 1 ? text.slice(at) : text.slice(at, sourceEnd(tokens, end)) + ELLIPSIS;
  return marks.length > 0 ? { snippet: out, offset: sourceStart(tokens, marks[0]![0]) } : { snippet: out };
}

export interface ColumnSnippet {
  /** Index in the columns given. */
  column: number;
  snippet: string;
  /** Where the first marked phrase starts in that column's text (absent when nothing is marked). */
  offset?: number;
}

/**
 * What snippet(t, preferred, …) gives when the preferred column holds a match, else snippet(t, -1, …): the column
 * with the best window, the first column when none matches. `columns` are the texts as written, in the FTS5
 * table's column order; each is tokenized once.
 */
export function snippetOf(
  columns: readonly string[],
  phrases: readonly Phrase[],
  preferred?: number,
  size = SNIPPET_TOKENS,
): ColumnSnippet {
  // Column c tokenizes into scratch slot c: these tokens live only until the next snippet.
  const parsed = columns.map((text, c) => {
    const tokens = tokenize(text, c);
    return { text, tokens, insts: findInstances(tokens, phrases, c) };
  });
  const best: Best = { score: 0, column: 0, start: 0 };
  const pick = parsed[preferred ?? -1];
  if (pick && pick.insts.length > 0) {
    best.column = preferred!;
    searchColumn(pick.tokens, pick.insts, phrases.length, preferred!, size, best);
  } else {
    parsed.forEach((p, c) => searchColumn(p.tokens, p.insts, phrases.length, c, size, best));
  }
  const col = parsed[best.column];
  if (!col) return { column: 0, snippet: '' };
  return { column: best.column, ...render(col.text, col.tokens, col.insts, best.start, size) };
}
