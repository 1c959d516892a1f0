// The parser's table: every supported form, every malformed input, and what the user is told about it.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../db/search/query/parse.js';
import type { Atom, ParsedQuery } from '../../../db/search/query/query-types.js';

/** A compact, readable rendering of the parse: clauses separated by spaces, OR groups as (a | b). */
function show(q: ParsedQuery): string {
  const atom = (a: Atom): string => {
    if (a.type === 'text') {
      const v = a.phrase ? `"${a.value}"` : a.value;
      return `${a.field ? `${a.field}:` : ''}${v}${a.prefix ? '*' : ''}`;
    }
    if (a.type === 'before' || a.type === 'after') return `${a.type}:${a.date}`;
    if (a.type === 'year') return `year:${a.year}`;
    return `${a.type}:${a.value}`;
  };
  const clauses = q.clauses.map((c) => {
    const body = c.any.length > 1 ? `(${c.any.map(atom).join(' | ')})` : atom(c.any[0]!);
    return c.negated ? `-${body}` : body;
  });
  return [q.scope ? `[${q.scope}]` : '', ...clauses].filter(Boolean).join(' ');
}

// [query, rendered parse, number of warnings]
const TABLE: Array<[string, string, number]> = [
  // words, phrases, prefixes
  ['north korea', 'north korea', 0],
  ['  north   korea  ', 'north korea', 0],
  ['"comprehensive strategic partnership"', '"comprehensive strategic partnership"', 0],
  ['anth*', 'anth*', 0],
  ['anth**', 'anth*', 0],
  ['"new yo"*', '"new yo"*', 0],
  ['café', 'café', 0],
  ['北京大学', '北京大学', 0],
  ['東京 "ภาษาไทย"', '東京 "ภาษาไทย"', 0],
  // OR, AND, NOT
  ['putin OR xi', '(putin | xi)', 0],
  ['putin | xi | kim', '(putin | xi | kim)', 0],
  ['putin or xi', 'putin or xi', 0],
  ['a OR b c', '(a | b) c', 0],
  ['putin AND xi', 'putin xi', 0],
  ['AND AND', '', 0],
  ['OR putin', 'putin', 1],
  ['putin OR', 'putin', 1],
  ['putin OR OR xi', '(putin | xi)', 0],
  ['NOT putin', '-putin', 0],
  ['putin NOT', 'putin', 1],
  // negation
  ['korea -south', 'korea -south', 0],
  ['korea -"south korea"', 'korea -"south korea"', 0],
  ['korea -tag:draft', 'korea -tag:draft', 0],
  ['korea - south', 'korea south', 0],
  ['a OR -b', 'a -b', 1],
  // text fields
  ['title:korea', 'title:korea', 0],
  ['title:"north korea"', 'title:"north korea"', 0],
  ['Title:korea', 'title:korea', 0],
  ['author:smith site:nytimes', 'author:smith site:nytimes', 0],
  ['byline:smith', 'author:smith', 0],
  ['title:kor*', 'title:kor*', 0],
  ['-title:korea', '-title:korea', 0],
  ['title:korea OR title:china', '(title:korea | title:china)', 0],
  // filters
  ['url:nytimes.com/2024', 'url:nytimes.com/2024', 0],
  ['url:"a b"', 'url:a b', 0],
  ['before:2024-06-01 after:2024-01-01', 'before:2024-06-01 after:2024-01-01', 0],
  ['after:2024/1/5', 'after:2024-01-05', 0],
  ['before:2024-06', 'before:2024-06', 0],
  ['year:2024', 'year:2024', 0],
  ['tag:research collection:"Cold War"', 'tag:research collection:Cold War', 0],
  ['crazy from:"Point Dispatch"', 'crazy from:Point Dispatch', 0],
  ['color:Yellow', 'color:yellow', 0],
  ['is:unread is:favourite is:archived is:read', 'is:unread is:favorite is:archived is:read', 0],
  ['has:annotations has:notes', 'has:annotations has:notes', 0],
  ['tag:a OR tag:b', '(tag:a | tag:b)', 0],
  ['in:annotations yellow', '[annotations] yellow', 0],
  ['in:articles x', '[articles] x', 0],
  // unknown prefixes stay text
  ['foo:bar', 'foo:bar', 0],
  ['note:important', 'note:important', 0],
  ['http://example.com', 'http://example.com', 0],
  // malformed
  ['"unclosed phrase', '"unclosed phrase"', 1],
  ['korea "unclosed', 'korea "unclosed"', 1],
  ['title:', '', 1],
  ['title: korea', 'korea', 1],
  ['title:""', '', 1],
  ['NEAR(', 'NEAR', 0],
  ['NEAR(a b)', 'NEAR a b', 0],
  ['*', '', 1],
  ['* korea', 'korea', 1],
  ['*ology', 'ology', 1],
  ['before:notadate', '', 1],
  ['after:2024-13-01', '', 1],
  ['before:2023-02-29', '', 1],
  ['year:24', '', 1],
  ['is:sleepy', '', 1],
  ['has:cats', '', 1],
  ['in:space', '', 1],
  ['^', '', 0],
  ['""', '', 1],
  ['" OR 1=1 --', '"OR 1=1 --"', 1],
  ['a OR tag:x', 'a tag:x', 1],
  ['', '', 0],
];

describe('parseQuery table', () => {
  it('has at least 40 rows', () => expect(TABLE.length).toBeGreaterThanOrEqual(40));
  for (const [query, expected, warnings] of TABLE) {
    it(`${JSON.stringify(query)} -> ${expected || '(nothing)'}`, () => {
      const parsed = parseQuery(query);
      expect(show(parsed)).toBe(expected);
      expect(parsed.warnings, parsed.warnings.join(' | ')).toHaveLength(warnings);
    });
  }
});

describe('parseQuery warnings are readable', () => {
  it('names the unclosed phrase', () => {
    expect(parseQuery('"north korea').warnings[0]).toMatch(/not closed.*phrase/);
  });
  it('names the field without a value', () => {
    expect(parseQuery('title:').warnings[0]).toContain('"title:" has no value');
  });
  it('explains a bad date', () => {
    expect(parseQuery('before:notadate').warnings[0]).toContain('YYYY-MM-DD');
  });
  it('cuts very long queries', () => {
    const q = parseQuery('word '.repeat(400));
    expect(q.warnings.some((w) => /longer than/.test(w))).toBe(true);
    expect(q.clauses.length).toBeLessThanOrEqual(64);
  });
});
