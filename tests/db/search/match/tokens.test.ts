// The snippet tokenizer reads text as the index did: the bundled FTS5's unicode61 over NFKC text with CJK words split.
import { describe, expect, it } from 'vitest';
import { termOf, termsOf, sourceEnd, sourceStart, tokenize } from '../../../../db/search/match/tokens.js';
import { normalizeForIndex } from '../../../../db/search/normalize.js';
import { fts5Terms, nfkcStableCodePoints } from './fts5-probe.js';

/** Each token as [term, text as written]. */
function read(text: string): Array<[string, string]> {
  const t = tokenize(text);
  return Array.from({ length: t.count }, (_, i) => [termOf(t, i), text.slice(sourceStart(t, i), sourceEnd(t, i))]);
}

describe('tokenize', () => {
  it('agrees with FTS5 on every code point normalized text can hold (token or separator, and its fold)', () => {
    // All of the BMP; beyond it (mostly CJK extensions and unassigned planes) every 11th, to keep the test quick.
    const cps = nfkcStableCodePoints().filter((cp) => cp < 0x10000 || cp % 11 === 0);
    for (let i = 0; i < cps.length; i += 60_000) {
      // "q<c>q" for each: one token, one with c folded away, or two; CJK runs split as the index splits them.
      const doc = cps
        .slice(i, i + 60_000)
        .map((cp) => `q${String.fromCodePoint(cp)}q`)
        .join(' ');
      const mine = termsOf(doc);
      const fts = fts5Terms(normalizeForIndex(doc));
      const at = mine.findIndex((t, k) => t !== fts[k]);
      expect(at < 0 ? null : { at, mine: mine.slice(at, at + 3), fts: fts.slice(at, at + 3) }).toBeNull();
      expect(mine.length).toBe(fts.length);
    }
  });

  it('folds case and Latin diacritics, and splits at apostrophes, hyphens and dots', () => {
    expect(termsOf("Café CAFÉ naïve Ångström O'Brien don't e-mail 3.14 1,000")).toEqual([
      'cafe',
      'cafe',
      'naive',
      'angstrom',
      'o',
      'brien',
      'don',
      't',
      'e',
      'mail',
      '3',
      '14',
      '1',
      '000',
    ]);
    // Greek and Cyrillic keep their accents (FTS5 removes Latin ones only); final sigma folds to sigma.
    expect(termsOf('ΟΔΟΣ Ὀδυσσεύς Йога')).toEqual(['οδοσ', 'ὀδυσσεύσ', 'йога']);
  });

  it('gives offsets in the text as written where NFKC changed it (ligature, ellipsis, full-width, marks)', () => {
    const text = 'Wait\u2026 the \uFB01sher caught \uFF21\uFF22\uFF23 and cafe\u0301s';
    expect(read(text)).toEqual([
      ['wait', 'Wait'],
      ['the', 'the'],
      ['fisher', '\uFB01sher'],
      ['caught', 'caught'],
      ['abc', '\uFF21\uFF22\uFF23'],
      ['and', 'and'],
      ['cafes', 'cafe\u0301s'],
    ]);
  });

  it('splits CJK runs into the words the index holds, with offsets in the unspaced text', () => {
    const text = '我们在北京大学学习。Tokyo東京タワー';
    const words = read(text);
    expect(words.map((w) => w[1]).join('')).toBe('我们在北京大学学习Tokyo東京タワー');
    expect(words.map((w) => w[0])).toContain('北京');
    expect(words.map((w) => w[0])).toContain('tokyo');
    for (const [term, written] of words) expect(term).toBe(written.toLowerCase());
  });

  it('reads a very long text to the end, and a text of separators as no tokens', () => {
    const long = 'alpha beta, '.repeat(50_000) + 'omega';
    const t = tokenize(long);
    expect(t.count).toBe(100_001);
    expect(termOf(t, t.count - 1)).toBe('omega');
    expect(long.slice(sourceStart(t, t.count - 1))).toBe('omega');
    expect(tokenize(' \n—…!? ').count).toBe(0);
    // A combining mark alone folds to nothing; FTS5 counts no token for it, and neither does the tokenizer.
    expect(tokenize('a \u0301 b').count).toBe(2);
    expect(tokenize('').count).toBe(0);
  });
});
