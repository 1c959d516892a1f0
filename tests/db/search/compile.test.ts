// Compile output is safe: user text reaches MATCH only as quoted FTS5 strings, filters only as bound parameters.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compileQuery, ftsString } from '../../../db/search/query/compile.js';
import { parseQuery } from '../../../db/search/query/parse.js';

const compile = (q: string, scope?: 'articles' | 'annotations') => compileQuery(parseQuery(q), scope);

/** Every FTS5 token the expression holds outside quoted strings: only operators, column names and brackets may appear. */
function bareSyntax(match: string): string[] {
  const outside = match.replace(/"(?:[^"]|"")*"\*?/g, ' ');
  return outside.split(/\s+/).filter(Boolean);
}
const ALLOWED_BARE = new Set(['AND', 'OR', 'NOT', '(', ')', ':', 'title', 'byline', 'site', '(', ')']);

describe('ftsString', () => {
  it('quotes and doubles quotes', () => {
    expect(ftsString('say "hi"', false)).toBe('"say ""hi"""');
    expect(ftsString('abc', true)).toBe('"abc"*');
  });
  it('segments CJK words like indexed text', () => {
    expect(ftsString('北京大学', false)).toBe('"北京 大学"');
  });
  it('drops control characters', () => {
    expect(ftsString('a\u0000b', false)).toBe('"a b"');
  });
});

describe('compileQuery', () => {
  it('ANDs words and ORs groups', () => {
    expect(compile('north korea').match).toBe('"north" AND "korea"');
    expect(compile('putin OR xi summit').match).toBe('("putin" OR "xi") AND "summit"');
  });
  it('maps fields to columns and negations to NOT', () => {
    expect(compile('title:korea author:smith -south').match).toBe(
      '(title : "korea" AND byline : "smith") NOT ("south")',
    );
    expect(compile('site:"new york" kor*').match).toBe('site : "new york" AND "kor"*');
  });
  it('keeps a lone from: site apart (the words keep their in-memory paths), and every other from: in SQL', () => {
    const c = compile('crazy from:"Point Dispatch"');
    expect(c).toMatchObject({ match: '"crazy"', titleMatch: '{title} : ("crazy")', where: [], params: [] });
    expect(c.site).toBe('Point Dispatch');
    expect(c.key).not.toBe(compile('crazy').key);
    expect(compile('from:"Point Dispatch"')).toMatchObject({ empty: false, match: null, site: 'Point Dispatch' });
    const negated = compile('crazy -from:"Point Dispatch"');
    expect(negated.site).toBeUndefined();
    expect(negated.where).toEqual(['NOT coalesce(a.site_name = ? COLLATE NOCASE, 0)']);
    expect(negated.params).toEqual(['Point Dispatch']);
    const two = compile('crazy from:A from:B');
    expect(two.site).toBe('A');
    expect(two.where).toEqual(['a.site_name = ? COLLATE NOCASE']);
    expect(compile('crazy from:A', 'annotations').site).toBeUndefined();
  });

  it('puts filters in parameterized SQL, never in MATCH', () => {
    const c = compile("tag:x' url:100%_\\ is:unread");
    expect(c.match).toBeNull();
    expect(c.params).toEqual(["x'", '%100\\%\\_\\\\%', '%100\\%\\_\\\\%']);
    expect(c.where.join(' ')).not.toContain("x'");
  });
  it('negation-only queries exclude by subquery', () => {
    const c = compile('-draft');
    expect(c.match).toBeNull();
    expect(c.where[0]).toContain('NOT IN (SELECT rowid FROM article_fts');
    expect(c.params).toEqual(['"draft"']);
  });
  it('marks an empty query', () => {
    expect(compile('').empty).toBe(true);
    expect(compile('*').empty).toBe(true);
    expect(compile('is:read').empty).toBe(false);
  });
  it('annotations scope sends title: to the article index and color: to the annotation', () => {
    const c = compile('in:annotations claim title:korea color:yellow');
    expect(c.scope).toBe('annotations');
    expect(c.match).toBe('"claim"');
    expect(c.where).toContain('n.color = ?');
    expect(c.params).toContain('title : "korea"');
  });

  const ATTACKS = [
    '" OR 1=1 --',
    'NEAR(a b)',
    'title:*',
    'col:',
    '^',
    'a:b:c',
    '"a" * "b"',
    '{title}:x',
    'title : x',
    '- "',
    'x"*"y',
    'OR AND NOT',
    "'; DROP TABLE article; --",
    'a"b',
    '(((',
    'title:"',
    'NEAR(',
    '\u0000',
    '+-+-',
  ];
  const db = new Database(':memory:');
  db.exec(
    "CREATE VIRTUAL TABLE article_fts USING fts5(title, byline, site, body, tokenize = 'unicode61 remove_diacritics 2')",
  );
  db.exec(
    "INSERT INTO article_fts (rowid, title, byline, site, body) VALUES (1, 'near a b', '', '', 'or 1 1 drop table article')",
  );
  for (const q of ATTACKS) {
    it(`keeps ${JSON.stringify(q)} inside quoted strings and runs without an SQL error`, () => {
      const c = compile(q);
      if (c.match) {
        for (const t of bareSyntax(c.match)) expect(ALLOWED_BARE.has(t), `bare "${t}" in ${c.match}`).toBe(true);
        expect(() => db.prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ?').all(c.match)).not.toThrow();
      }
      for (const p of c.params) {
        if (typeof p === 'string' && p.startsWith('"')) {
          expect(() => db.prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ?').all(p)).not.toThrow();
        }
      }
    });
  }
  it('NEAR( becomes a plain word that finds the text', () => {
    const c = compile('NEAR(a b)');
    expect(c.match).toBe('"NEAR" AND "a" AND "b"');
    expect(db.prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ?').all(c.match)).toHaveLength(1);
  });
});
