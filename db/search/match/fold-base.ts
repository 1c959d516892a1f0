// The Unicode-property reading of FTS5's unicode61 tokenizer: which characters make tokens and how they fold.
// fts5-chars.ts lists where the bundled SQLite departs from it (its Unicode tables are older than Node's).

const BASE_TOKEN = /^[\p{L}\p{N}\p{Co}\p{Cn}]$/u;
const MARKS = /\p{M}/gu;

/** Letters, numbers, private use and (in FTS5's older tables) unassigned code points are token characters. */
export function baseTokenChar(c: string): boolean {
  return BASE_TOKEN.test(c);
}

/**
 * Case folded (lower case, final sigma as sigma) and, for Latin letters only, diacritics removed: remove_diacritics
 * folds "é" to "e" but leaves Greek, Cyrillic, Kana and Hangul as written.
 */
export function baseFold(c: string): string {
  let l = c.toLowerCase();
  if (l.length > 2 || (l.length === 2 && l !== c && [...l].length > 1)) l = String.fromCodePoint(l.codePointAt(0)!);
  const cp = l.codePointAt(0)!;
  if ((cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x1e00 && cp <= 0x1eff)) l = l.normalize('NFD').replace(MARKS, '');
  return l === '\u03C2' ? '\u03C3' : l;
}
