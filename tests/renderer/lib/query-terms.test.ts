// The reader finds a search query's words and phrases again in the text: filters, negations and operators left out.
import { describe, expect, test } from 'vitest';
import { findTermMatches, queryTerms } from '../../../renderer/lib/query-terms.js';
import { spansOf } from '../../../renderer/lib/segments.js';

describe('queryTerms', () => {
  test('phrases, words and prefixes; filters, negated words and operators are not terms', () => {
    expect(queryTerms('"water wheel" mill* tag:history -flour NOT bread OR title:tide before:2020')).toEqual([
      { text: 'water wheel', phrase: true, prefix: false },
      { text: 'mill', phrase: false, prefix: true },
      { text: 'tide', phrase: false, prefix: false },
    ]);
  });
});

describe('findTermMatches', () => {
  const text = 'The Water  wheel turned; a water-wheel is a wheel. Millers milled at the mill.';
  test('a phrase matches across spaces and punctuation, case-insensitive; a word only whole', () => {
    const spans = findTermMatches(text, queryTerms('"water wheel"'));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Water  wheel', 'water-wheel']);
    expect(findTermMatches(text, queryTerms('mill')).map((s) => text.slice(s.start, s.end))).toEqual(['mill']);
  });
  test('a prefix matches to the end of each word', () => {
    expect(findTermMatches(text, queryTerms('mill*')).map((s) => text.slice(s.start, s.end))).toEqual([
      'Millers',
      'milled',
      'mill',
    ]);
  });
  test('text without spaces (Japanese) matches without word boundaries', () => {
    const ja = '東京の水車は今も回る。水車小屋';
    expect(findTermMatches(ja, queryTerms('水車')).length).toBe(2);
  });
});

describe('spansOf', () => {
  test('sentences without their trailing space, words with the punctuation stuck to them', () => {
    const t = 'One two. Three four!\n\nFive.';
    expect(spansOf(t, 'sentence').map((s) => t.slice(s.start, s.end))).toEqual(['One two.', 'Three four!', 'Five.']);
    expect(spansOf(t, 'word').map((s) => t.slice(s.start, s.end))).toEqual(['One', 'two.', 'Three', 'four!', 'Five.']);
    expect(spansOf(t, 'paragraph').map((s) => t.slice(s.start, s.end))).toEqual(['One two. Three four!', 'Five.']);
  });
});
