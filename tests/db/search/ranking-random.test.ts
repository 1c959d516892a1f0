// Random archives and queries: totals, facets and relevance pages against plain FTS5 (count, GROUP BY, bm25 order).
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchArchive } from '../../../db/search/run.js';
import { tiering } from '../../../db/search/tiered.js';
import { plainCount, plainFacets, plainPage, plainRanking } from '../../helpers/plain-bm25.js';
import { randomCorpus, randomQueries, storeCorpus, type RandomQuery } from '../../helpers/random-corpus.js';
import { tempArchive } from './fixture.js';

const SEEDS = [11, 2024, 77031];
const ARTICLES = 3500;
const archives = SEEDS.map((seed) => ({ seed, archive: tempArchive(), queries: [] as RandomQuery[] }));
const saved = { ...tiering };

beforeAll(() => {
  for (const a of archives) {
    const corpus = randomCorpus(a.seed, ARTICLES);
    storeCorpus(a.archive.db, corpus);
    a.queries = randomQueries(corpus, a.seed, 3);
  }
});
afterAll(() => {
  Object.assign(tiering, saved);
  for (const a of archives) a.archive.close();
});

describe.each(archives)('random archive (seed $seed)', (a) => {
  const db = () => a.archive.db;

  it('holds bm25 ties (repeated articles), and FTS5 rank order puts them by id like the reference', () => {
    const ties = db()
      .prepare(
        `SELECT count(*) FROM article x JOIN article y ON y.title = x.title AND y.id > x.id
         WHERE x.trashed_at IS NULL AND y.trashed_at IS NULL`,
      )
      .pluck()
      .get() as number;
    expect(ties).toBeGreaterThan(5);
    // A word of a repeated article: its copies score alike, and FTS5's own rank order lists them by rowid.
    const { title } = db()
      .prepare(
        'SELECT x.title FROM article x JOIN article y ON y.title = x.title AND y.id > x.id WHERE x.trashed_at IS NULL LIMIT 1',
      )
      .get() as { title: string };
    const match = `"${title.split(' ')[0]}"`;
    const ranked = plainRanking(db(), match);
    expect(ranked.some((r, i) => i > 0 && r.score === ranked[i - 1]!.score)).toBe(true);
    const byRank = db()
      .prepare(
        'SELECT f.rowid FROM article_fts f JOIN article a ON a.id = f.rowid WHERE f.article_fts MATCH ? AND a.trashed_at IS NULL ORDER BY f.rank',
      )
      .pluck()
      .all(match);
    expect(byRank).toEqual(ranked.map((r) => r.id));
  });

  it('untiered: every query class has plain FTS5 totals, GROUP BY facets and the bm25 order on pages 1 and 2', () => {
    tiering.minHits = Number.MAX_SAFE_INTEGER;
    const classes = new Set<string>();
    for (const q of a.queries) {
      const total = plainCount(db(), q.match);
      const first = searchArchive(db(), { query: q.text, limit: 20 });
      expect(first.total, q.text).toBe(total);
      const { site, year, tag } = first.facets;
      expect({ site, year, tag }, q.text).toEqual(plainFacets(db(), q.match));
      expect(
        first.hits.map((h) => h.id),
        q.text,
      ).toEqual(plainPage(db(), q.match, 0, 20));
      const second = searchArchive(db(), { query: q.text, limit: 20, offset: 20 });
      expect(
        second.hits.map((h) => h.id),
        q.text,
      ).toEqual(plainPage(db(), q.match, 20, 20));
      if (total > 0) classes.add(q.cls);
    }
    expect([...classes].sort()).toEqual(
      ['common', 'negation', 'or', 'phrase', 'prefix3', 'prefix5', 'rare', 'siteFacet', 'twoWords'].sort(),
    );
  });

  it('tiered: the same totals and facets, and pages that hold every hit exactly once', () => {
    Object.assign(tiering, { minHits: 40, window: 60, titleWindow: 30 });
    let tiered = 0;
    for (const q of a.queries) {
      const total = plainCount(db(), q.match);
      const all: number[] = [];
      for (let offset = 0; offset < total; offset += 200) {
        const page = searchArchive(db(), { query: q.text, limit: 200, offset });
        expect(page.total, q.text).toBe(total);
        const { site, year, tag } = page.facets;
        if (offset === 0) expect({ site, year, tag }, q.text).toEqual(plainFacets(db(), q.match));
        all.push(...page.hits.map((h) => h.id));
      }
      expect(
        [...all].sort((x, y) => x - y),
        q.text,
      ).toEqual(
        plainRanking(db(), q.match)
          .map((r) => r.id)
          .sort((x, y) => x - y),
      );
      if (total >= tiering.minHits && q.cls !== 'negation') tiered++;
    }
    expect(tiered).toBeGreaterThan(8);
    Object.assign(tiering, saved);
  });

  it('tiered page 1 is the plain bm25 order of the first tier (newest hits, newest title hits); all of it while the hits fit the window', () => {
    for (const [window, titleWindow] of [
      [60, 30],
      [100_000, 100_000],
    ] as const) {
      Object.assign(tiering, { minHits: 40, window, titleWindow });
      for (const [k, q] of a.queries.filter((x) => x.cls !== 'negation').entries()) {
        const ranking = plainRanking(db(), q.match).map((r) => r.id);
        if (ranking.length < tiering.minHits) continue;
        const first = firstTierOf(db(), q.match, q.titleMatch ?? `{title} : (${q.match})`, window, titleWindow);
        const expected = ranking.filter((id) => first(id));
        // A write first: the totals are counted again. Every other query counts in memory (two other searches
        // build the facet columns), where the tier's window edge comes from the hits the counting pass kept; the
        // rest count in SQL, where FTS5 is asked for it.
        db().prepare('UPDATE article SET title = title WHERE id = 1').run();
        if (k % 2 === 1) {
          searchArchive(db(), { query: 'zzqv' });
          searchArchive(db(), { query: 'zzqv zzqw' });
        }
        const hits = searchArchive(db(), { query: q.text, limit: 20 }).hits;
        const page1 = hits.map((h) => h.id);
        expect(page1, q.text).toEqual(expected.slice(0, 20));
        // The scores too: a MATCH cursor that filters by rowid (range or +rowid) scores with the table-wide IDF.
        const plainScore = new Map(plainRanking(db(), q.match).map((r) => [r.id, -r.score]));
        for (const h of hits) expect(h.score, q.text).toBe(plainScore.get(h.id));
        if (window === 100_000) expect(page1, q.text).toEqual(ranking.slice(0, 20));
      }
    }
    Object.assign(tiering, saved);
  });
});

/**
 * Membership in the first tier, from plain FTS5 queries: the newest `titleWindow` title hits and the newest hits,
 * `window` of them plus the title budget left unused (trashed ones count: the windows are rowid ranges).
 */
function firstTierOf(
  db: Database.Database,
  match: string,
  titleMatch: string,
  window: number,
  titleWindow: number,
): (id: number) => boolean {
  const newest = (m: string, n: number) =>
    new Set(
      db
        .prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT ?')
        .pluck()
        .all(m, n),
    );
  const titles = newest(titleMatch, titleWindow);
  // The title budget left unused goes to the newest hits.
  const hits = newest(match, window + titleWindow - titles.size);
  return (id) => hits.has(id) || titles.has(id);
}
