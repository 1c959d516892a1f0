// The phrases a snippet marks, read back from the MATCH strings the compiler writes.
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../../../db/search/query/compile.js';
import { parseQuery } from '../../../../db/search/query/parse.js';
import { matchPhrases } from '../../../../db/search/match/match-query.js';

const phrases = (q: string) => matchPhrases(compileQuery(parseQuery(q)).match!);
const ALL = 0b1111;

describe('matchPhrases', () => {
  it('reads words, phrases and prefixes as folded terms', () => {
    expect(phrases('Café "New York" pro*')).toEqual([
      { terms: ['cafe'], prefix: false, columns: ALL },
      { terms: ['new', 'york'], prefix: false, columns: ALL },
      { terms: ['pro'], prefix: true, columns: ALL },
    ]);
    expect(phrases('"new yo"*')).toEqual([{ terms: ['new', 'yo'], prefix: true, columns: ALL }]);
    expect(phrases("o'brien")).toEqual([{ terms: ['o', 'brien'], prefix: false, columns: ALL }]);
  });

  it('keeps column filters as column masks (title, byline, site, body)', () => {
    expect(phrases('title:walrus author:lee site:"polar news" tusk').map((p) => p.columns)).toEqual([
      0b0001,
      0b0010,
      0b0100,
      ALL,
    ]);
    expect(matchPhrases('{title} : ("tide" AND "pro"*)').map((p) => p.columns)).toEqual([0b0001, 0b0001]);
  });

  it('reads OR groups and leaves out everything negated', () => {
    expect(phrases('putin OR xi -moscow -"red square"').map((p) => p.terms.join(' '))).toEqual(['putin', 'xi']);
    expect(matchPhrases('("a" AND "b") NOT ("c" OR "d")').map((p) => p.terms[0])).toEqual(['a', 'b']);
  });

  it('reads doubled quotes inside a string and survives stray syntax', () => {
    expect(matchPhrases('"say ""hi"""').map((p) => p.terms)).toEqual([['say', 'hi']]);
    expect(matchPhrases(') ( "x" :').map((p) => p.terms)).toEqual([['x']]);
  });
});
