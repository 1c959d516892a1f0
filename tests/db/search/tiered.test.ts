// Tiered relevance pages (title hits first) against the straightforward path: same hits, exact totals, sane order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARK_OPEN } from '../../../db/contract/types.js';
import { compileQuery } from '../../../db/search/query/compile.js';
import { pageRows } from '../../../db/search/page-rows.js';
import { parseQuery } from '../../../db/search/query/parse.js';
import { searchSource } from '../../../db/search/source.js';
import { tieredRows, tiering, trashSet } from '../../../db/search/tiered.js';
import { searchArchive } from '../../../db/search/run.js';
import { addArticle, tempArchive } from './fixture.js';

const archive = tempArchive();
const db = archive.db;
const FILLER = ['harbor', 'gulls', 'rope', 'salt', 'keel', 'dock', 'fog', 'net'];

beforeAll(() => {
  for (let i = 0; i < 45; i++) {
    // Every body has the tide words a varying number of times; one title in five has one too.
    const words = Array.from({ length: 20 + (i % 9) * 7 }, (_, k) =>
      k % (3 + (i % 5)) === 0 ? (k % 2 ? 'tide' : 'tidal') : FILLER[(i + k) % 8],
    );
    addArticle(db, {
      title: i % 5 === 0 ? `Tide tables ${i}` : i === 7 ? 'Tidewater' : `Harbor log ${i}`,
      body: i === 10 ? 'Nothing about water here, only rope and salt.' : words.join(' '),
      site: i % 2 ? 'North Desk' : 'South Desk',
      publishedAt: `${2010 + (i % 6)}-03-01`,
      trashed: i === 15,
    });
  }
});
afterAll(() => archive.close());

function straightforward(query: string) {
  const c = compileQuery(parseQuery(query));
  const src = searchSource(c);
  return { c, src, all: pageRows(db, src, { sort: 'relevance', offset: 0, limit: 1000 }) };
}

function tieredPages(query: string, limit: number) {
  const { c, src } = straightforward(query);
  const out: Array<ReturnType<typeof tieredRows>[number]> = [];
  for (let offset = 0; ; offset += limit) {
    const rows = tieredRows(db, src, c.titleMatch!, offset, limit);
    out.push(...rows);
    if (rows.length < limit) return out;
  }
}

describe('tiered relevance pages', () => {
  for (const query of ['tide', 'tid*', 'tide tables', '"tide tables"']) {
    it(`"${query}": every hit exactly once across pages, in plain bm25 order while the hits fit the window`, () => {
      const { c, all } = straightforward(query);
      expect(c.titleMatch).not.toBeNull();
      const pages = tieredPages(query, 4);
      expect(pages.map((r) => r.id)).toEqual(all.map((r) => r.id));
    });
  }

  it('leave the trash out the same way whether it is small (a set) or big (read per hit)', () => {
    const saved = trashSet.max;
    try {
      for (const query of ['tide', 'tid*', '"tide tables"']) {
        const { all } = straightforward(query);
        const trashed = db.prepare('SELECT id FROM article WHERE trashed_at IS NOT NULL').pluck().all() as number[];
        expect(trashed.length).toBeGreaterThan(0);
        const { c } = straightforward(query);
        const hits = db.prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ?').pluck().all(c.match);
        expect(trashed.some((id) => hits.includes(id))).toBe(true); // a trashed article is a hit, to be left out
        trashSet.max = 0; // the trash counts as big: the page joins each hit to its article
        const joined = tieredPages(query, 4).map((r) => r.id);
        trashSet.max = saved;
        const set = tieredPages(query, 4).map((r) => r.id);
        expect(set).toEqual(all.map((r) => r.id));
        expect(joined).toEqual(set);
        expect(set.some((id) => trashed.includes(id))).toBe(false);
      }
    } finally {
      trashSet.max = saved;
    }
  });

  it('with no title hit at all, pages are exactly the full bm25 order', () => {
    const { c, all } = straightforward('gulls');
    expect(db.prepare('SELECT count(*) FROM article_fts WHERE article_fts MATCH ?').pluck().get(c.titleMatch)).toBe(0);
    expect(all.length).toBeGreaterThan(10);
    expect(tieredPages('gulls', 4).map((r) => r.id)).toEqual(all.map((r) => r.id));
  });

  it('beyond the window: the newest title hits and newest hits by full bm25, then older hits newest first', () => {
    const saved = { ...tiering };
    Object.assign(tiering, { window: 6, titleWindow: 3 });
    try {
      for (const query of ['tide', 'tid*']) {
        const { c, all } = straightforward(query);
        const pages = tieredPages(query, 4).map((r) => r.id);
        const title = new Set(
          db
            .prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 3')
            .pluck()
            .all(c.titleMatch) as number[],
        );
        expect(title.size).toBe(3); // the whole title budget is used: the window stays 6
        const hitsNewestFirst = db
          .prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC')
          .pluck()
          .all(c.match) as number[];
        const edge = hitsNewestFirst[5]!; // the 6th newest hit, trashed or not: the window is a rowid range
        const first = all.map((r) => r.id).filter((id) => id >= edge || title.has(id)); // full bm25 order
        const live = new Set(all.map((r) => r.id));
        const older = hitsNewestFirst.filter((id) => id < edge && live.has(id) && !title.has(id));
        // Older title hits beyond the title budget are in the second tier with the rest.
        const allTitles = db
          .prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ?')
          .pluck()
          .all(c.titleMatch);
        expect(older.some((id) => allTitles.includes(id))).toBe(true);
        expect(first.filter((id) => id < edge).length).toBeGreaterThan(0); // title hits older than the window
        expect(older.length).toBeGreaterThan(10);
        expect(pages).toEqual([...first, ...older]);
      }
    } finally {
      Object.assign(tiering, saved);
    }
  });

  it('marks the body passage of title hits (the full query, not the title-only one) and falls back to the title', () => {
    const saved = tiering.minHits;
    tiering.minHits = 1; // every relevance page is tiered
    try {
      for (const query of ['tide', 'tid*']) {
        const hits = searchArchive(db, { query }).hits;
        const withBody = hits.filter((h) => h.title.startsWith('Tide tables') && h.title !== 'Tide tables 10');
        expect(withBody.length).toBeGreaterThan(0);
        for (const h of withBody) {
          expect(h.snippet).toMatch(new RegExp(`${MARK_OPEN}tid(e|al)`));
          expect(h.matchOffset).toBeGreaterThanOrEqual(0);
        }
      }
      const only = searchArchive(db, { query: 'tidew*' }).hits;
      expect(only.map((h) => h.title)).toEqual(['Tidewater']);
      expect(only[0]!.snippet).toContain(`${MARK_OPEN}Tidewater`);
      expect(only[0]!.matchOffset).toBeUndefined();
    } finally {
      tiering.minHits = saved;
    }
  });

  it('is not used for negations or clauses mixing fielded and plain words, whose title-only form would not be a subset', () => {
    expect(compileQuery(parseQuery('tide -salt')).titleMatch).toBeNull();
    expect(compileQuery(parseQuery('author:smith OR tide')).titleMatch).toBeNull();
    expect(compileQuery(parseQuery('site:"Sea Journal"')).titleMatch).toBeNull(); // no word to find in titles
    // A fielded clause (a facet click) stays as it is beside the title-restricted words.
    expect(compileQuery(parseQuery('author:smith tide')).titleMatch).toBe('{title} : ("tide") AND byline : "smith"');
    expect(compileQuery(parseQuery('tide site:"Sea Journal"')).titleMatch).toBe(
      '{title} : ("tide") AND site : "Sea Journal"',
    );
    expect(compileQuery(parseQuery('in:annotations tide')).titleMatch).toBeNull();
    expect(compileQuery(parseQuery('tide tag:x')).titleMatch).toBe('{title} : ("tide")');
  });

  it('through searchArchive: the same page, snippets from the counting pass, exact totals and facets', () => {
    const saved = tiering.minHits;
    try {
      for (const query of ['tide', 'tid*']) {
        searchArchive(db, { query: 'warm' });
        searchArchive(db, { query: 'warm up' }); // facet columns built: the in-memory counting pass runs
        tiering.minHits = Number.MAX_SAFE_INTEGER;
        const plain = searchArchive(db, { query, limit: 6 });
        db.prepare('UPDATE article SET title = title WHERE id = 1').run(); // drop cached totals
        searchArchive(db, { query: 'warm' });
        searchArchive(db, { query: 'warm up' });
        tiering.minHits = 1;
        const tiered = searchArchive(db, { query, limit: 6 });
        const { c, src } = straightforward(query);
        expect(tiered.total).toBe(plain.total);
        expect(tiered.facets).toEqual(plain.facets);
        expect(tiered.hits.map((h) => h.id)).toEqual(tieredRows(db, src, c.titleMatch!, 0, 6).map((r) => r.id));
        for (const h of tiered.hits) {
          expect(h.snippet).toContain(MARK_OPEN);
          if (h.matchOffset !== undefined) {
            const text = db
              .prepare(
                'SELECT c.text FROM article a JOIN content c ON c.capture_id = a.current_capture_id WHERE a.id = ?',
              )
              .pluck()
              .get(h.id) as string;
            expect(text.slice(h.matchOffset, h.matchOffset + 3).toLowerCase()).toBe('tid');
          }
        }
        const second = searchArchive(db, { query, limit: 6, offset: 6 }); // totals cached: snippets fetched separately
        expect(second.hits.every((h) => h.snippet.includes(MARK_OPEN))).toBe(true);
        expect(second.hits.some((h) => tiered.hits.some((t) => t.id === h.id))).toBe(false);
      }
    } finally {
      tiering.minHits = saved;
    }
  });
});
