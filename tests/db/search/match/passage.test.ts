// Snippets cut from the text as written match what FTS5's snippet() made of the indexed copy, marks and window alike.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MARK_CLOSE, MARK_OPEN } from '../../../../db/contract/types.js';
import { compileQuery } from '../../../../db/search/query/compile.js';
import { parseQuery } from '../../../../db/search/query/parse.js';
import { matchPhrases } from '../../../../db/search/match/match-query.js';
import { snippetOf } from '../../../../db/search/match/passage.js';
import { normalizeForIndex } from '../../../../db/search/normalize.js';

const O = MARK_OPEN;
const C = MARK_CLOSE;
const match = (q: string) => compileQuery(parseQuery(q)).match!;
const snip = (cols: string[], q: string, preferred?: number) => snippetOf(cols, matchPhrases(match(q)), preferred);

describe('snippetOf against FTS5 snippet()', () => {
  const WORDS = (
    "the quick brown fox jumps over lazy dog. Café naïve RÉSUMÉ: O'Brien don't 3.14 New York proton program " +
    'protest Straße ÉCOLE école 2024 e-mail'
  ).split(' ');
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = (n: number) =>
    Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(rnd() < 0.15 ? '\n' : ' ');
  const docs = Array.from({ length: 250 }, () => [words(4), words(2), words(1), words(Math.floor(rnd() * 140))]);

  it.each([
    'fox',
    'pro*',
    'PRO*',
    '"new york"',
    '"new yo"*',
    'cafe OR dog',
    'fox dog -zebra',
    'title:fox',
    'author:brown lazy',
    'site:dog',
    "o'brien",
    'naive resume',
    'ecole',
    'straße',
    '3.14',
    '2024',
    'the quick',
  ])('%s: same passage and marks as FTS5, body first then the best column', (q) => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(title, byline, site, body, tokenize = 'unicode61 remove_diacritics 2')");
    const insert = db.prepare('INSERT INTO t (rowid, title, byline, site, body) VALUES (?, ?, ?, ?, ?)');
    docs.forEach((d, i) => insert.run(i + 1, ...d.map(normalizeForIndex)));
    const rows = db
      .prepare(
        `SELECT rowid, snippet(t, 3, '${O}', '${C}', '…', 24), snippet(t, -1, '${O}', '${C}', '…', 24) FROM t WHERE t MATCH ?`,
      )
      .raw()
      .all(match(q)) as Array<[number, string, string]>;
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    for (const [id, body, best] of rows) {
      const mine = snip(docs[id - 1]!, q, 3);
      expect(mine.snippet).toBe(body.includes(O) ? body : best);
    }
  });
});

describe('snippetOf', () => {
  it('marks a whole phrase once, and each of several words', () => {
    expect(snip(['', '', '', 'They moved to New York in May.'], '"new york"', 3).snippet).toBe(
      `They moved to ${O}New York${C} in May.`,
    );
    expect(snip(['', '', '', 'New shoes for York.'], 'new york', 3).snippet).toBe(
      `${O}New${C} shoes for ${O}York${C}.`,
    );
  });

  it('finds words whatever their case and accents, and prefixes, giving the offset of the first', () => {
    const text = 'Le CAFÉ près de l’École: un café noir, des programmes.';
    const s = snip(['', '', '', text], 'cafe program*', 3);
    expect(s.snippet).toBe(`Le ${O}CAFÉ${C} près de l’École: un ${O}café${C} noir, des ${O}programmes${C}.`);
    expect(s.offset).toBe(3);
  });

  it('cuts a window of 24 tokens around the match in a long text, with ellipses, and the offset in the text', () => {
    const filler = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ');
    const text = `${filler} the walrus surfaced. ${filler}`;
    const s = snip(['', '', '', text], 'walrus', 3);
    expect(s.snippet.startsWith('…')).toBe(true);
    expect(s.snippet.endsWith('…')).toBe(true);
    expect(s.snippet.split(/\s+/)).toHaveLength(24);
    expect(s.snippet).toContain(`the ${O}walrus${C} surfaced.`);
    expect(text.slice(s.offset!, s.offset! + 6)).toBe('walrus');
  });

  it('marks nothing in a text without a match: the first column, from its start', () => {
    const s = snip(['A title', '', '', 'Nothing here.'], 'zebra', 3);
    expect(s).toEqual({ column: 0, snippet: 'A title' });
  });

  it('falls back to the best other column when the body has no match', () => {
    const s = snip(['Walrus tales', 'Ann Lee', 'Polar', 'Seals and ice.'], 'walrus', 3);
    expect(s).toEqual({ column: 0, snippet: `${O}Walrus${C} tales`, offset: 0 });
    expect(snip(['Tales', 'Ann Walrus', '', 'Seals.'], 'walrus', 3).column).toBe(1);
  });

  it('keeps title-only words out of the body (column filters), and never marks excluded words', () => {
    const cols = ['Walrus', '', '', 'A walrus and a seal.'];
    expect(snip(cols, 'title:walrus', 3)).toMatchObject({ column: 0, snippet: `${O}Walrus${C}` });
    expect(snip(cols, 'walrus -zebra', 3).snippet).toBe(`A ${O}walrus${C} and a seal.`);
    expect(snip(['', '', '', 'A walrus and a seal.'], 'walrus -title:seal', 3).snippet).toBe(
      `A ${O}walrus${C} and a seal.`,
    );
  });

  it('marks CJK words in the text as written, without the spaces the index put between them', () => {
    const text = '我们在北京大学学习。北京很大。';
    const s = snip(['', '', '', text], 'title:x OR 大学', 3);
    expect(s.snippet.replace(/[\u27E6\u27E7]/g, '')).toBe(text);
    expect(s.snippet).toContain(`${O}大学${C}`);
    expect(s.offset).toBe(text.indexOf('大学'));
  });

  it('shows the text as written where the index read it normalized (ligatures, ellipses)', () => {
    const s = snip(['', '', '', 'Wait\u2026 the \uFB01sher said.'], 'fisher', 3);
    expect(s.snippet).toBe(`Wait\u2026 the ${O}\uFB01sher${C} said.`);
    expect(s.offset).toBe(10);
  });
});
