// Word counts for captures: a char-code loop for text no word of which needs Unicode tables, else regexes and
// Intl.Segmenter. Both give the same count (tests/db/extract/word-count.test.ts).

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
// Scripts written without spaces; everything else is counted by a regex, ~50x faster than segmenting it all.
const UNSPACED_RUN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;
const SPACED_WORD = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]+)*/gu;

/** The general count: unspaced scripts (Chinese, Japanese, Thai ...) are split with Intl.Segmenter. */
export function countWordsViaSegmenter(text: string): number {
  let n = 0;
  const spaced = text.replace(UNSPACED_RUN, (run) => {
    for (const s of wordSegmenter.segment(run)) if (s.isWordLike) n++;
    return ' ';
  });
  for (const _ of spaced.matchAll(SPACED_WORD)) n++;
  return n;
}

// What a UTF-16 unit is to SPACED_WORD. A unit that is a letter, number or mark outside ASCII, belongs to an
// unspaced script, or is half of a surrogate pair is NEEDS_TABLES: the fast count gives up on the text.
const SEPARATOR = 0;
const WORD = 1;
const JOINER = 2;
const NEEDS_TABLES = 3;
const UNKNOWN = 255;
const WORDY =
  /[\p{L}\p{N}\p{M}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Kinds by UTF-16 unit, filled in on first sight (ASCII up front). */
const kinds = new Uint8Array(0x10000).fill(UNKNOWN);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  kinds[c] = /[A-Za-z0-9]/.test(ch) ? WORD : /['.-]/.test(ch) ? JOINER : SEPARATOR;
}
kinds[0x2019] = JOINER; // ’
for (let c = 0xd800; c <= 0xdfff; c++) kinds[c] = NEEDS_TABLES;

function kindOf(c: number): number {
  const k = kinds[c]!;
  return k !== UNKNOWN ? k : learnKind(c);
}

function learnKind(c: number): number {
  const found = WORDY.test(String.fromCharCode(c)) ? NEEDS_TABLES : SEPARATOR;
  kinds[c] = found;
  return found;
}

/**
 * SPACED_WORD's count by a char-code loop: a word is a run of word units, extended by a joiner followed by another
 * word unit (the regex's greedy `(?:['’.-][…]+)*`). Undefined when the text has a unit that needs the Unicode tables.
 */
export function countWordsFast(text: string): number | undefined {
  const len = text.length;
  let n = 0;
  let i = 0;
  while (i < len) {
    const k = kindOf(text.charCodeAt(i));
    if (k === NEEDS_TABLES) return undefined;
    if (k !== WORD) {
      i++;
      continue;
    }
    n++;
    i++;
    while (i < len) {
      const next = kindOf(text.charCodeAt(i));
      if (next === WORD) {
        i++;
        continue;
      }
      if (next === NEEDS_TABLES) return undefined;
      if (next === JOINER && i + 1 < len) {
        const after = kindOf(text.charCodeAt(i + 1));
        if (after === WORD) {
          i += 2;
          continue;
        }
        if (after === NEEDS_TABLES) return undefined;
      }
      break;
    }
  }
  return n;
}

/** Words in a text; unspaced scripts (Chinese, Japanese, Thai ...) are split with Intl.Segmenter. */
export function countWords(text: string): number {
  return countWordsFast(text) ?? countWordsViaSegmenter(text);
}
