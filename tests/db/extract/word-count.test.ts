// countWords' char-code fast path must count exactly what the regex-and-Intl.Segmenter count does, and hand over
// every text it cannot count by itself; tidyFlow's one-line shortcut must equal the general rule.
import { describe, expect, it } from 'vitest';
import { countWords, countWordsFast, countWordsViaSegmenter } from '../../../db/extract/word-count.js';
import { tidyFlow } from '../../../db/extract/plain-text.js';
import { Corpus, bodyText, mulberry32 } from '../../../bench/corpus.js';

const SAMPLES = [
  '',
  '   ',
  'one',
  'one two  three\nfour\tfive',
  "it's don't rock'n'roll 'quoted' trailing' 'leading",
  'it’s the reader’s ’tis',
  'well-known state-of-the-art -dash dash- a--b',
  'e.g. i.e. 3.14 1.2.3 end. .start',
  'v2 2024 10,000 1_000 x86-64 #tag @user a/b a+b',
  'Ümlaut café naïve résumé Ærø',
  'Привет мир, как дела',
  '日本語の文章です。これはテスト',
  '漢字 and English mixed 中文',
  'ภาษาไทยไม่มีช่องว่าง and then English',
  'ສະບາຍດີ ភាសាខ្មែរ မြန်မာ',
  'emoji 👍 are not words 🎉🎉',
  'combining e\u0301 marks',
  'nbsp\u00a0between em—dash “quotes” …',
  'soft\u00adhyphen zero\u200bwidth',
  'Ⅻ roman ² superscript ½ fraction',
  'tab\tnew\nline\r\nwin',
  "a'",
  "'a",
  'a’’b',
  'a..b',
];

describe('countWords', () => {
  it('gives the regex-and-segmenter count on hand-picked texts in many scripts', () => {
    for (const text of SAMPLES) expect(countWords(text), text).toBe(countWordsViaSegmenter(text));
  });

  it('counts ASCII (with ’, NBSP and typographic punctuation) itself, and hands accented, CJK and Thai text over', () => {
    expect(countWordsFast("it's a well-known 3.14 e.g. case")).toBe(6); // e.g: the final dot joins nothing
    expect(countWordsFast('the reader’s\u00a0“best” — choice…')).toBe(4);
    expect(countWordsFast('café')).toBeUndefined();
    expect(countWordsFast('中文')).toBeUndefined();
    expect(countWordsFast('ภาษาไทย')).toBeUndefined();
    expect(countWordsFast('emoji 👍')).toBeUndefined();
    expect(countWordsFast('e\u0301')).toBeUndefined();
  });

  it('gives the same count on the bench corpus', () => {
    const corpus = new Corpus({ seed: 20240601 });
    for (let i = 0; i < 30; i++) {
      const text = bodyText(corpus.article(i));
      expect(countWordsFast(text)).toBeDefined();
      expect(countWords(text)).toBe(countWordsViaSegmenter(text));
    }
  });

  it('gives the same count on seeded random texts of letters, digits, joiners and separators', () => {
    const rng = mulberry32(0xc0de);
    const ALPHABET = [
      'a',
      'Z',
      '7',
      "'",
      '’',
      '.',
      '-',
      ' ',
      '\n',
      ',',
      '"',
      '\u00a0',
      '—',
      'é',
      '中',
      'ไ',
      '_',
      '/',
      '\u0301',
      '👍',
      '²',
    ];
    let fast = 0;
    for (let n = 0; n < 3000; n++) {
      const len = Math.floor(rng() * 30);
      let text = '';
      // Most texts stay in ASCII and joiners (the fast path); some get the rest of the alphabet.
      const pool = rng() < 0.6 ? 12 : ALPHABET.length;
      for (let k = 0; k < len; k++) text += ALPHABET[Math.floor(rng() * pool)]!;
      if (countWordsFast(text) !== undefined) fast++;
      expect(countWords(text), JSON.stringify(text)).toBe(countWordsViaSegmenter(text));
    }
    expect(fast).toBeGreaterThan(1000);
  });
});

describe('tidyFlow', () => {
  /** The rule as plain-text.ts first wrote it. */
  const reference = (raw: string): string =>
    raw
      .split('\n')
      .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
      .filter((line) => line !== '')
      .join('\n')
      .trim();

  it('equals the line-by-line rule on one-line and multi-line texts', () => {
    const rng = mulberry32(0x7d1);
    const PARTS = ['word', ' ', '  ', '\t', '\u00a0', '\u3000', '\r', '\n', 'x', '\u2028', 'é'];
    for (let n = 0; n < 2000; n++) {
      let raw = '';
      const len = Math.floor(rng() * 12);
      for (let k = 0; k < len; k++) raw += PARTS[Math.floor(rng() * PARTS.length)]!;
      expect(tidyFlow(raw), JSON.stringify(raw)).toBe(reference(raw));
    }
    expect(tidyFlow('  a  b\u00a0 c ')).toBe('a b c');
  });
});
