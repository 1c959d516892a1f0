// Kept pages (heavy searches ranked ahead by the index thread): exact bm25 pages, totals and facets on a random archive, through trash, tags, new captures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../db/open.js';
import { openIndexWriter, type IndexWriter } from '../../../db/search/index/article-index-file.js';
import { catchUpIndex, keepPagesInBackground } from '../../../db/search/index/article-index-sync.js';
import { keptPage, keptPages, keptSiteTotals } from '../../../db/search/kept/kept-pages.js';
import { refreshKeptPages } from '../../../db/search/kept/kept-refresh.js';
import { searchArchive, siteScan } from '../../../db/search/run.js';
import { tiering } from '../../../db/search/tiered.js';
import { BM25, plainCount, plainFacets, plainPage } from '../../helpers/plain-bm25.js';
import { randomCorpus, storeCorpus } from '../../helpers/random-corpus.js';
import { addArticle, tempArchive } from './fixture.js';

const ARTICLES = 2500;
/** Small enough that the corpus's common words and prefixes are kept, and tiered without them. */
const MIN_HITS = 400;
const savedTiering = { ...tiering };
const savedSiteScan = siteScan.fromHits;
const savedSites = keptPages.sites;
const archive = tempArchive();
const db = () => archive.db;
let reader: Archive;
let writer: IndexWriter;
let words: string[] = [];

const refresh = (minHits = MIN_HITS) =>
  refreshKeptPages(reader.db, writer.keptTarget(), { turn: () => Promise.resolve() }, minHits);

/** Page 1 and 2 of a search, its total and site/year/tag facets, next to plain bm25 and GROUP BY over every hit. */
function expectPlain(text: string, match: string): void {
  const first = searchArchive(db(), { query: text, limit: 20 });
  expect(first.total, text).toBe(plainCount(db(), match));
  const { site, year, tag } = first.facets;
  expect({ site, year, tag }, text).toEqual(plainFacets(db(), match));
  expect(
    first.hits.map((h) => h.id),
    text,
  ).toEqual(plainPage(db(), match, 0, 20));
  const second = searchArchive(db(), { query: text, limit: 20, offset: 20 });
  expect(
    second.hits.map((h) => h.id),
    text,
  ).toEqual(plainPage(db(), match, 20, 20));
}

beforeAll(() => {
  const corpus = randomCorpus(4242, ARTICLES);
  storeCorpus(db(), corpus);
  words = corpus.words.filter((w) => (corpus.df.get(w) ?? 0) >= MIN_HITS * 1.3).slice(0, 6);
  // Tiers as a million-article archive has them, scaled down: without kept pages these searches are tiered.
  Object.assign(tiering, { minHits: 300, window: 40, titleWindow: 20 });
  siteScan.fromHits = 200;
  keptPages.sites = 4; // of the corpus's 6: the smaller ones have no kept totals
  reader = openArchive(archive.path, { readonly: true });
  writer = openIndexWriter(archive.path);
});
afterAll(() => {
  Object.assign(tiering, savedTiering);
  siteScan.fromHits = savedSiteScan;
  keptPages.sites = savedSites;
  writer.close();
  reader.close();
  archive.close();
});

describe('kept pages', () => {
  it('are what makes heavy searches exact: tiered pages differ from plain bm25 until the refresh', async () => {
    expect(words.length).toBeGreaterThanOrEqual(4);
    // Before: the tiers answer, and somewhere page 1 is not plain bm25's page 1 (the tolerance kept pages remove).
    const tiered = words.filter(
      (w) =>
        JSON.stringify(searchArchive(db(), { query: w, limit: 20 }).hits.map((h) => h.id)) !==
        JSON.stringify(plainPage(db(), `"${w}"`, 0, 20)),
    );
    expect(tiered.length).toBeGreaterThan(0);

    const report = await refresh();
    expect(report.kept).toBeGreaterThanOrEqual(words.length);
    expect(report.ranked).toBe(report.kept);
    for (const w of words) {
      expect(keptPage(db(), `"${w}"`), w).not.toBeNull();
      expectPlain(w, `"${w}"`);
    }
  });

  it('cover prefixes from the vocabulary, and a second refresh finds them all current', async () => {
    const prefixes = db().prepare("SELECT match FROM search.kept_page WHERE match LIKE '%*'").pluck().all() as string[];
    expect(prefixes.length).toBeGreaterThan(0);
    for (const m of prefixes.slice(0, 4)) expectPlain(m.replace(/"/g, ''), m);
    const again = await refresh();
    expect(again).toMatchObject({ ranked: 0, counted: 0 });
    expect(again.kept).toBeGreaterThanOrEqual(words.length);
  });

  it('narrowed to a site (a site facet, from:), are plain bm25 restricted to it, whatever the case typed', () => {
    const onSite = (match: string, site: string, offset: number) =>
      db()
        .prepare(
          `SELECT f.rowid FROM article_fts f JOIN article a ON a.id = f.rowid
           WHERE f.article_fts MATCH ? AND a.trashed_at IS NULL AND a.site_name = ? COLLATE NOCASE
           ORDER BY ${BM25}, f.rowid LIMIT 20 OFFSET ?`,
        )
        .pluck()
        .all(match, site, offset) as number[];
    const count = (match: string, site: string) =>
      db()
        .prepare(
          `SELECT count(*) FROM article_fts f JOIN article a ON a.id = f.rowid
           WHERE f.article_fts MATCH ? AND a.trashed_at IS NULL AND a.site_name = ? COLLATE NOCASE`,
        )
        .pluck()
        .get(match, site) as number;
    /** How many of the word's kept hits are live articles on the site. */
    const keptOnSite = (w: string, site: string) =>
      db()
        .prepare(
          `SELECT count(*) FROM article a WHERE a.id IN (SELECT value FROM json_each(?))
           AND a.trashed_at IS NULL AND a.site_name = ? COLLATE NOCASE`,
        )
        .pluck()
        .get(JSON.stringify(Array.from(keptPage(db(), `"${w}"`)!.ids)), site) as number;
    let fromKept = 0;
    let scanned = 0;
    for (const w of words) {
      const sites = searchArchive(db(), { query: w, limit: 1 }).facets.site;
      expect(sites.length).toBeGreaterThan(2);
      for (const { value, count: n } of sites) {
        // Enough kept hits on the site (30): its pages come from the kept ranking, exactly. Else, below the tiers'
        // threshold, the hits on the site are ranked alone (siteScan, scaled down here), exactly too; above it the
        // tiers answer within their tolerance. Totals and facets are exact either way.
        const kept = keptOnSite(w, value) >= 30;
        const exact = kept || n < tiering.minHits;
        if (kept) fromKept++;
        else if (exact) scanned++;
        for (const typed of [value, value.toUpperCase()]) {
          const r = searchArchive(db(), { query: `${w} from:"${typed}"`, limit: 20 });
          expect(r.total, `${w} from:${typed}`).toBe(n);
          expect(r.total).toBe(count(`"${w}"`, value));
          expect(r.facets.site).toEqual([{ value, count: n }]);
          if (!exact) continue;
          expect(
            r.hits.map((h) => h.id),
            `${w} from:${typed}`,
          ).toEqual(onSite(`"${w}"`, value, 0));
          const second = searchArchive(db(), { query: `${w} from:"${typed}"`, limit: 20, offset: 20 });
          expect(second.hits.map((h) => h.id)).toEqual(onSite(`"${w}"`, value, 20));
        }
      }
    }
    expect(fromKept).toBeGreaterThan(2);
    expect(scanned).toBeGreaterThan(2);
  });

  it("keep each heavy search's total and facets on its biggest sites, the counts a site facet click shows", () => {
    for (const w of words) {
      const sites = searchArchive(db(), { query: w, limit: 1 }).facets.site;
      expect(sites.length).toBeGreaterThan(keptPages.sites);
      sites.forEach(({ value, count }, i) => {
        const kept = keptSiteTotals(db(), `"${w}"`, value.toLowerCase());
        if (i >= keptPages.sites) return expect(kept, `${w} on ${value}`).toBeNull();
        expect(kept?.total, `${w} on ${value}`).toBe(count);
        const { site, year, tag } = kept!.facets;
        expect({ site, year, tag }).toEqual(plainFacets(db(), `"${w}"`, value));
        const clicked = searchArchive(db(), { query: `${w} from:"${value.toUpperCase()}"`, limit: 5 });
        expect({ total: clicked.total, facets: clicked.facets }).toEqual(kept);
      });
    }
  });

  it('page past the kept hits with plain bm25, continuing them without overlap or gap', () => {
    const w = words[0]!;
    const size = keptPages.size;
    const last = searchArchive(db(), { query: w, limit: 20, offset: size - 20 });
    const next = searchArchive(db(), { query: w, limit: 20, offset: size });
    const straddling = searchArchive(db(), { query: w, limit: 40, offset: size - 20 });
    expect(last.hits.map((h) => h.id)).toEqual(plainPage(db(), `"${w}"`, size - 20, 20));
    expect(next.hits.map((h) => h.id)).toEqual(plainPage(db(), `"${w}"`, size, 20));
    expect(straddling.hits.map((h) => h.id)).toEqual([...last.hits, ...next.hits].map((h) => h.id));
  });

  it('leave out articles put in the trash and take them back when restored, without ranking again', async () => {
    const w = words[1]!;
    const top = searchArchive(db(), { query: w, limit: 3 }).hits.map((h) => h.id);
    db().prepare("UPDATE article SET trashed_at = '2026-01-01T00:00:00Z' WHERE id = ?").run(top[0]);
    // The ranking stays current (only the index's state moves it); the total is counted again.
    expect(keptPage(db(), `"${w}"`)?.totals).toBeNull();
    const site = searchArchive(db(), { query: w, limit: 1 }).facets.site[0]!.value;
    expect(keptSiteTotals(db(), `"${w}"`, site.toLowerCase())).toBeNull();
    expectPlain(w, `"${w}"`);
    expect(searchArchive(db(), { query: w, limit: 20 }).hits.map((h) => h.id)).not.toContain(top[0]);
    const counted = await refresh();
    expect(counted.ranked).toBe(0);
    expect(counted.counted).toBeGreaterThan(0);
    expect(keptPage(db(), `"${w}"`)?.totals).not.toBeNull();
    expect(keptSiteTotals(db(), `"${w}"`, site.toLowerCase())?.total).toBe(
      searchArchive(db(), { query: `${w} from:"${site}"`, limit: 1 }).total,
    );
    expectPlain(w, `"${w}"`);

    db().prepare('UPDATE article SET trashed_at = NULL WHERE id = ?').run(top[0]);
    expectPlain(w, `"${w}"`);
    expect(searchArchive(db(), { query: w, limit: 3 }).hits.map((h) => h.id)).toEqual(top);
  });

  it('count a new tag in the facets at once, and after the next refresh from the kept page', async () => {
    const w = words[2]!;
    const id = searchArchive(db(), { query: w, limit: 1 }).hits[0]!.id;
    db().prepare("INSERT OR IGNORE INTO tag (name) VALUES ('kept-test')").run();
    db().prepare("INSERT INTO article_tag (article_id, tag_id) SELECT ?, id FROM tag WHERE name = 'kept-test'").run(id);
    const tagged = () => searchArchive(db(), { query: w, limit: 5 }).facets.tag.find((t) => t.value === 'kept-test');
    expect(tagged()).toEqual({ value: 'kept-test', count: 1 });
    await refresh();
    expect(keptPage(db(), `"${w}"`)?.totals?.facets.tag.find((t) => t.value === 'kept-test')).toEqual({
      value: 'kept-test',
      count: 1,
    });
    expect(tagged()).toEqual({ value: 'kept-test', count: 1 });
  });

  it('go stale with a new capture: the search is right at once (tiered), and exact again once ranked again', async () => {
    const w = words[0]!;
    // A short article that is all about the word: plain bm25 ranks it first.
    const id = addArticle(db(), { title: `${w} ${w}`, body: `${w} ${w} ${w}` });
    catchUpIndex(db());
    expect(keptPage(db(), `"${w}"`)).toBeNull();
    const before = searchArchive(db(), { query: w, limit: 20 });
    expect(before.total).toBe(plainCount(db(), `"${w}"`));
    expect(before.hits[0]!.id).toBe(id);
    const report = await refresh();
    expect(report.ranked).toBeGreaterThan(0);
    expect(keptPage(db(), `"${w}"`)).not.toBeNull();
    expectPlain(w, `"${w}"`);
  });

  it('kept before site totals existed gain them by counting again, not ranking', async () => {
    writer.keptTarget().exec('DROP TABLE kept_site');
    writer.close();
    writer = openIndexWriter(archive.path);
    const w = words[0]!;
    expect(keptPage(db(), `"${w}"`)?.totals).toBeNull(); // marked for counting
    const report = await refresh();
    expect(report).toMatchObject({ ranked: 0, counted: report.kept });
    const site = searchArchive(db(), { query: w, limit: 1 }).facets.site[0]!;
    expect(keptSiteTotals(db(), `"${w}"`, site.value.toLowerCase())?.total).toBe(site.count);
  });

  it('drop searches no longer heavy, and are all dropped when the index goes back (a rewind)', async () => {
    const before = db().prepare('SELECT count(*) FROM search.kept_page').pluck().get() as number;
    const report = await refresh(MIN_HITS * 2);
    const after = db().prepare('SELECT count(*) FROM search.kept_page').pluck().get() as number;
    expect(after).toBe(report.kept);
    expect(after).toBeLessThan(before);
    expect(db().prepare('SELECT count(DISTINCT match) FROM search.kept_site').pluck().get()).toBe(after);
    writer.rewind(1);
    expect(db().prepare('SELECT count(*) FROM search.kept_page').pluck().get()).toBe(0);
    expect(db().prepare('SELECT count(*) FROM search.kept_site').pluck().get()).toBe(0);
    writer.catchUp();
    // The tiers answer again (right total; page 1 within their tolerance) until the next refresh.
    expect(keptPage(db(), `"${words[0]!}"`)).toBeNull();
    expect(searchArchive(db(), { query: words[0]!, limit: 20 }).total).toBe(plainCount(db(), `"${words[0]!}"`));
    await refresh();
    expectPlain(words[0]!, `"${words[0]!}"`);
  });
});

describe('the index thread', () => {
  it('ranks ahead on request with progress; the pages it keeps are exact', async () => {
    const other = tempArchive();
    try {
      const corpus = randomCorpus(99, 1500);
      storeCorpus(other.db, corpus);
      const word = corpus.words.find((w) => (corpus.df.get(w) ?? 0) >= 400)!;
      const seen: Array<[number, number]> = [];
      const kept = await keepPagesInBackground(other.db, (done, total) => seen.push([done, total]), 300);
      expect(kept).toBeGreaterThan(0);
      expect(other.db.prepare('SELECT count(*) FROM search.kept_page').pluck().get()).toBe(kept);
      expect(seen.at(-1)![0]).toBe(seen.at(-1)![1]);
      expect(keptPage(other.db, `"${word}"`)).not.toBeNull();
      expect(searchArchive(other.db, { query: word, limit: 20 }).hits.map((h) => h.id)).toEqual(
        plainPage(other.db, `"${word}"`, 0, 20),
      );
      // With the default threshold (100,000 hits) nothing in this archive is heavy: its pages are dropped.
      expect(await keepPagesInBackground(other.db)).toBe(0);
      expect(other.db.prepare('SELECT count(*) FROM search.kept_page').pluck().get()).toBe(0);
    } finally {
      other.close();
    }
  });
});
