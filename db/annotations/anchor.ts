// W3C Web Annotation anchoring (pure): describe a passage with selectors, and place selectors on a text again.
import approxSearch from 'approx-string-match';
import type { AnchorPlacement, TextPositionSelector, TextQuoteSelector } from '../contract/types.js';

/** Characters of context kept on each side of a quote (Hypothesis keeps 32 too). */
export const CONTEXT_LENGTH = 32;

/** A unique quote at least this long is trusted even when its surrounding text changed. */
const DISTINCTIVE_QUOTE_LENGTH = 20;

export interface Selectors {
  position: TextPositionSelector;
  quote: TextQuoteSelector;
}

/** True when `offset` falls between the two halves of a surrogate pair (a split emoji, say). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Moves a context boundary so it never cuts a surrogate pair (SQLite would store the lone half as U+FFFD). */
function safeBoundary(text: string, offset: number, direction: 1 | -1): number {
  return splitsSurrogatePair(text, offset) ? offset + direction : offset;
}

/** The selectors for text[start, end): a position, and the exact quote with ~32 characters either side. */
export function describe(text: string, start: number, end: number): Selectors {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`Passage [${start}, ${end}) is not inside a text of ${text.length} characters`);
  }
  const prefixStart = safeBoundary(text, Math.max(0, start - CONTEXT_LENGTH), 1);
  const suffixEnd = safeBoundary(text, Math.min(text.length, end + CONTEXT_LENGTH), -1);
  return {
    position: { type: 'TextPositionSelector', start, end },
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
  };
}

/**
 * Places the selectors on `text`, cheapest test first:
 * 1. the old position still holds the quote with its context -> exact;
 * 2. the exact quote occurs elsewhere: the occurrence whose context agrees best, nearest the old
 *    position -> exact (short quotes need their context to agree, or "the" would land anywhere);
 * 3. a fuzzy quote match (bounded edit distance), ranked by quote, context and position -> fuzzy;
 * 4. otherwise an orphan: kept, never dropped.
 */
export function anchor(text: string, selectors: Selectors): AnchorPlacement {
  const { position, quote } = selectors;
  const exact = quote.exact;
  if (exact.length === 0) return { state: 'orphan' };
  const hint = clampHint(position.start, text.length);

  // 1. Same place, same words, same neighbours: the common case of an unchanged text.
  if (
    position.end - position.start === exact.length &&
    text.startsWith(exact, position.start) &&
    contextAgreement(text, position.start, position.end, quote) === 1
  ) {
    return { state: 'exact', start: position.start, end: position.start + exact.length };
  }

  // 2. Exact occurrences of the quote, judged by how much of the stored context still surrounds them.
  const exactHit = bestExactOccurrence(text, quote, hint);
  if (exactHit !== null) return { state: 'exact', start: exactHit, end: exactHit + exact.length };

  // 3. Approximate match of the quote itself.
  const fuzzy = bestFuzzyMatch(text, quote, hint);
  if (fuzzy) return { state: 'fuzzy', start: fuzzy.start, end: fuzzy.end };

  return { state: 'orphan' };
}

/** Edit-distance budget for a quote: a quarter of it, at least 32 for long passages, never above 256. */
export function maxErrorsFor(quoteLength: number): number {
  return Math.min(Math.floor(quoteLength / 4), Math.max(32, Math.floor(quoteLength / 10)), 256);
}

function clampHint(start: number, length: number): number {
  return Number.isFinite(start) ? Math.min(Math.max(0, start), length) : 0;
}

/** Share (0..1) of the stored prefix and suffix that still borders text[start, end), compared outward. */
function contextAgreement(text: string, start: number, end: number, quote: TextQuoteSelector): number {
  const total = quote.prefix.length + quote.suffix.length;
  if (total === 0) return 1;
  return (commonSuffixLength(quote.prefix, text, start) + commonPrefixLength(quote.suffix, text, end)) / total;
}

/** How many trailing characters of `prefix` equal the characters just before `at` in `text`. */
function commonSuffixLength(prefix: string, text: string, at: number): number {
  let n = 0;
  while (
    n < prefix.length &&
    at - n - 1 >= 0 &&
    prefix.charCodeAt(prefix.length - n - 1) === text.charCodeAt(at - n - 1)
  )
    n++;
  return n;
}

/** How many leading characters of `suffix` equal the characters from `at` on in `text`. */
function commonPrefixLength(suffix: string, text: string, at: number): number {
  let n = 0;
  while (n < suffix.length && at + n < text.length && suffix.charCodeAt(n) === text.charCodeAt(at + n)) n++;
  return n;
}

/** Start of the best exact occurrence, or null when none is trustworthy enough to call exact. */
function bestExactOccurrence(text: string, quote: TextQuoteSelector, hint: number): number | null {
  const exact = quote.exact;
  let best: number | null = null;
  let bestContext = -1;
  let bestDistance = Infinity;
  let count = 0;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    count++;
    const context = contextAgreement(text, at, at + exact.length, quote);
    const distance = Math.abs(at - hint);
    if (context > bestContext || (context === bestContext && distance < bestDistance)) {
      best = at;
      bestContext = context;
      bestDistance = distance;
    }
  }
  if (best === null) return null;
  // A distinctive quote found once is the same passage, whatever happened around it.
  if (count === 1 && exact.length >= DISTINCTIVE_QUOTE_LENGTH) return best;
  // Otherwise its neighbours must vouch for it: a third of the context, or 8 characters of it.
  const contextTotal = quote.prefix.length + quote.suffix.length;
  const agreeing = bestContext * contextTotal;
  if (contextTotal === 0 || agreeing >= Math.min(8, contextTotal) || bestContext >= 1 / 3) return best;
  return null;
}

interface ScoredMatch {
  start: number;
  end: number;
  score: number;
}

/** Weights after Hypothesis' match-quote: the quote dominates, context separates look-alikes, position breaks ties. */
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/**
 * Best approximate match of the quote; null when none resembles it closely enough.
 * The bit-parallel search costs ~1 ms per 16 KB, so it first looks only in small windows where the
 * nearest pieces of context (the end of the prefix, the start of the suffix) still occur verbatim,
 * the usual case when words inside a passage changed, and scans the whole text only if that fails.
 */
function bestFuzzyMatch(text: string, quote: TextQuoteSelector, hint: number): ScoredMatch | null {
  const maxErrors = maxErrorsFor(quote.exact.length);
  if (maxErrors < 1) return null;
  for (const [from, to] of contextWindows(text, quote, hint, maxErrors)) {
    const found = bestScored(text, quote, hint, maxErrors, from, to);
    if (found) return found;
  }
  return bestScored(text, quote, hint, maxErrors, 0, text.length);
}

const CONTEXT_PIECE = 12;
const WINDOWS_PER_SIDE = 2;

/** Text ranges likely to hold the passage, from verbatim pieces of its context nearest the old position. */
function contextWindows(text: string, quote: TextQuoteSelector, hint: number, maxErrors: number): [number, number][] {
  const windows: [number, number][] = [];
  const span = quote.exact.length + 2 * maxErrors;
  const prefixPiece = quote.prefix.slice(-CONTEXT_PIECE);
  if (prefixPiece.length === CONTEXT_PIECE) {
    for (const at of nearestOccurrences(text, prefixPiece, hint - CONTEXT_PIECE)) {
      const from = at + CONTEXT_PIECE - maxErrors;
      windows.push([Math.max(0, from), Math.min(text.length, from + span + maxErrors)]);
    }
  }
  const suffixPiece = quote.suffix.slice(0, CONTEXT_PIECE);
  if (suffixPiece.length === CONTEXT_PIECE) {
    for (const at of nearestOccurrences(text, suffixPiece, hint + quote.exact.length)) {
      const to = at + maxErrors;
      windows.push([Math.max(0, to - span - maxErrors), Math.min(text.length, to)]);
    }
  }
  return windows;
}

/** Up to WINDOWS_PER_SIDE occurrences of `piece`, nearest `near` first. */
function nearestOccurrences(text: string, piece: string, near: number): number[] {
  const all: number[] = [];
  for (let at = text.indexOf(piece); at !== -1 && all.length < 64; at = text.indexOf(piece, at + 1)) all.push(at);
  return all.sort((a, b) => Math.abs(a - near) - Math.abs(b - near)).slice(0, WINDOWS_PER_SIDE);
}

/** The best-scoring approximate match inside text[from, to), if it passes the acceptance rule. */
function bestScored(
  text: string,
  quote: TextQuoteSelector,
  hint: number,
  maxErrors: number,
  from: number,
  to: number,
): ScoredMatch | null {
  const exact = quote.exact;
  if (to - from < exact.length - maxErrors) return null;
  const matches = approxSearch(from === 0 && to === text.length ? text : text.slice(from, to), exact, maxErrors);
  let best: (ScoredMatch & { contextScore: number }) | null = null;
  for (const found of matches) {
    const m = { start: found.start + from, end: found.end + from, errors: found.errors };
    const quoteScore = 1 - m.errors / exact.length;
    const prefixScore = quote.prefix
      ? similarity(text.slice(Math.max(0, m.start - quote.prefix.length), m.start), quote.prefix)
      : 1;
    const suffixScore = quote.suffix ? similarity(text.slice(m.end, m.end + quote.suffix.length), quote.suffix) : 1;
    const positionScore = text.length === 0 ? 1 : 1 - Math.abs(m.start - hint) / text.length;
    const score =
      (QUOTE_WEIGHT * quoteScore +
        PREFIX_WEIGHT * prefixScore +
        SUFFIX_WEIGHT * suffixScore +
        POSITION_WEIGHT * positionScore) /
      (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
    if (!best || score > best.score)
      best = { start: m.start, end: m.end, score, contextScore: (prefixScore + suffixScore) / 2 };
  }
  if (!best) return null;
  // Long quotes carry enough evidence alone; short ones (few errors allowed, many look-alikes) need context.
  if (exact.length >= CONTEXT_LENGTH || best.contextScore >= 0.5)
    return { start: best.start, end: best.end, score: best.score };
  return null;
}

/** 1 - (edit distance / length of `expected`): how much of the stored context still surrounds a match. */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  return Math.max(0, 1 - editDistance(actual, expected) / expected.length);
}

// Reused rows: context strings are at most ~32 characters, and this runs twice per candidate match.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance with two rows; a plain DP is far cheaper than a bit-parallel setup for ~32 characters. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let curr = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    const swap = prev;
    prev = curr;
    curr = swap;
  }
  return prev[b.length]!;
}
