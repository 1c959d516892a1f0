// searchArchive against a real archive file: ranking, snippets, totals, facets, filters, scopes and scripts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARK_CLOSE, MARK_OPEN, type SearchRequest } from '../../../db/contract/types.js';
import { ArchiveError } from '../../../db/contract/errors.js';
import { searchArchive } from '../../../db/search/run.js';
import { addAnnotation, addArticle, tempArchive } from './fixture.js';

const archive = tempArchive();
const db = archive.db;
const ids: Record<string, number> = {};
const annIds: Record<string, number> = {};
const search = (query: string, extra: Partial<SearchRequest> = {}) => searchArchive(db, { query, ...extra });
const titles = (query: string, extra: Partial<SearchRequest> = {}) => search(query, extra).hits.map((h) => h.title);

beforeAll(() => {
  ids.title = addArticle(db, {
    title: 'The Walrus Migration',
    site: 'Polar Post',
    publishedAt: '2023-05-01',
    tags: ['arctic', 'animals'],
    collections: ['Field notes'],
    byline: 'Ada Lovelace',
    body: 'Scientists tracked herds across the ice shelf for months, counting calves at every stop.',
  });
  ids.body = addArticle(db, {
    title: 'Ice Report',
    site: 'Polar Post',
    publishedAt: '2022-07-10',
    tags: ['arctic'],
    byline: 'Walter Smith',
    body: 'The ice report notes a walrus colony resting on floes near the coast. Later the walrus herd moved north.',
  });
  ids.cafe = addArticle(db, {
    title: 'Coffee Culture',
    site: 'Cafe Daily',
    publishedAt: null,
    addedAt: '2024-02-02T09:00:00Z',
    isRead: true,
    isFavorite: true,
    collections: ['Field notes'],
    url: 'https://cafe.example.com/2024/paris-coffee',
    body: 'A café in Paris serves strong coffee to students who argue about philosophy.',
  });
  ids.cjk = addArticle(db, {
    title: 'Scripts',
    site: 'Asia Desk',
    publishedAt: '2021-01-01',
    body: '我们在北京大学学习。 東京都に住んでいます。 ฉันรักภาษาไทย',
  });
  ids.trashed = addArticle(db, {
    title: 'Walrus Secrets',
    publishedAt: '2020-01-01',
    trashed: true,
    body: 'walrus walrus walrus',
  });
  ids.seals = addArticle(db, {
    title: 'Seals of the North Sea',
    site: 'Sea Journal',
    publishedAt: '2024-08-08',
    isArchived: true,
    url: 'https://sea.example.org/2024/seals',
    body: 'Notes about seals and a single walrus seen from the boat.',
  });
  annIds.colony = addAnnotation(db, {
    articleId: ids.body,
    quote: 'walrus colony',
    color: 'yellow',
    note: 'key sighting',
    tags: ['evidence'],
    createdAt: '2025-03-01T00:00:00Z',
  });
  annIds.coffee = addAnnotation(db, {
    articleId: ids.cafe,
    quote: 'strong coffee',
    color: 'green',
    note: 'compare with tea',
    createdAt: '2024-06-01T00:00:00Z',
  });
  annIds.deleted = addAnnotation(db, { articleId: ids.body, quote: 'walrus herd', color: 'pink', deleted: true });
});

afterAll(() => archive.close());

describe('ranking and snippets', () => {
  it('ranks a title match above a body match and hides trashed articles', () => {
    const r = search('walrus');
    expect(r.hits.map((h) => h.id)).not.toContain(ids.trashed);
    expect(r.hits[0]!.id).toBe(ids.title);
    expect(r.total).toBe(3);
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[r.hits.length - 1]!.score);
  });

  it('marks the matched word in the body snippet and gives its offset in the plain text', () => {
    const hit = search('colony').hits[0]!;
    expect(hit.snippet).toContain(`${MARK_OPEN}colony${MARK_CLOSE}`);
    const text = db
      .prepare('SELECT text FROM content JOIN article a ON a.current_capture_id = content.capture_id WHERE a.id = ?')
      .pluck()
      .get(ids.body) as string;
    expect(text.slice(hit.matchOffset!, hit.matchOffset! + 'colony'.length)).toBe('colony');
  });

  it('picks the occurrence the snippet shows when the word repeats', () => {
    const hit = search('"walrus herd"').hits[0]!;
    const text = db
      .prepare('SELECT text FROM content JOIN article a ON a.current_capture_id = content.capture_id WHERE a.id = ?')
      .pluck()
      .get(ids.body) as string;
    expect(hit.matchOffset).toBe(text.indexOf('walrus herd'));
  });

  it('falls back to a title snippet when only the title matches', () => {
    const hit = search('migration').hits[0]!;
    expect(hit.snippet).toContain(`${MARK_OPEN}Migration${MARK_CLOSE}`);
    expect(hit.matchOffset).toBeUndefined();
  });
});

describe('totals and facets', () => {
  it('counts sites, years, tags and collections over the whole result set', () => {
    const r = search('walrus', { limit: 1 });
    expect(r.total).toBe(3);
    expect(r.hits).toHaveLength(1);
    expect(r.facets.site).toEqual([
      { value: 'Polar Post', count: 2 },
      { value: 'Sea Journal', count: 1 },
    ]);
    expect(r.facets.year.map((y) => y.value).sort()).toEqual(['2022', '2023', '2024']);
    expect(r.facets.tag).toEqual([
      { value: 'arctic', count: 2 },
      { value: 'animals', count: 1 },
    ]);
    expect(r.facets.collection).toEqual([{ value: 'Field notes', count: 1 }]);
    expect(r.facets.color).toEqual([{ value: 'yellow', count: 1 }]);
  });

  it('updates totals and facets right after the data changes', () => {
    expect(search('walrus').total).toBe(3);
    db.prepare('UPDATE article SET trashed_at = ? WHERE id = ?').run('2025-05-05', ids.seals);
    try {
      const r = search('walrus');
      expect(r.total).toBe(2);
      expect(r.facets.site).toEqual([{ value: 'Polar Post', count: 2 }]);
    } finally {
      db.prepare('UPDATE article SET trashed_at = NULL WHERE id = ?').run(ids.seals);
    }
    expect(search('walrus').total).toBe(3);
  });
});

describe('query terms', () => {
  it('negation removes articles', () => {
    expect(titles('walrus -colony').sort()).toEqual(['Seals of the North Sea', 'The Walrus Migration']);
    expect(titles('walrus -"walrus colony"')).not.toContain('Ice Report');
  });
  it('negation alone lists everything else', () => {
    expect(search('-walrus').total).toBe(2);
  });
  it('OR widens, fields narrow', () => {
    expect(titles('colony OR philosophy').sort()).toEqual(['Coffee Culture', 'Ice Report']);
    expect(titles('title:walrus')).toEqual(['The Walrus Migration']);
    expect(titles('author:walter')).toEqual(['Ice Report']);
    expect(titles('site:"polar post" calves')).toEqual(['The Walrus Migration']);
  });
  it('prefixes match word starts', () => {
    expect(titles('phil*')).toEqual(['Coffee Culture']);
    expect(titles('walr*').length).toBe(3);
  });
  it('date filters use the published date, else the added date', () => {
    expect(titles('walrus before:2023-01-01')).toEqual(['Ice Report']);
    expect(titles('walrus after:2023-05-01').sort()).toEqual(['Seals of the North Sea', 'The Walrus Migration']);
    expect(titles('year:2024')).toEqual(['Seals of the North Sea', 'Coffee Culture']);
  });
  it('is:, has:, tag:, collection:, color: and url: filter', () => {
    expect(titles('is:read')).toEqual(['Coffee Culture']);
    expect(titles('is:favorite')).toEqual(['Coffee Culture']);
    expect(titles('is:archived walrus')).toEqual(['Seals of the North Sea']);
    expect(search('is:unread').total).toBe(4);
    expect(titles('has:annotations').sort()).toEqual(['Coffee Culture', 'Ice Report']);
    expect(titles('has:notes walrus')).toEqual(['Ice Report']);
    expect(titles('tag:ARCTIC walrus').sort()).toEqual(['Ice Report', 'The Walrus Migration']);
    expect(titles('-tag:arctic walrus')).toEqual(['Seals of the North Sea']);
    expect(titles('collection:"field notes"').sort()).toEqual(['Coffee Culture', 'The Walrus Migration']);
    expect(titles('color:green')).toEqual(['Coffee Culture']);
    expect(titles('color:pink')).toEqual([]);
    expect(titles('url:sea.example.org')).toEqual(['Seals of the North Sea']);
    expect(titles('-url:example')).not.toContain('Coffee Culture');
    expect(titles('-url:example')).toContain('Ice Report');
  });
  it('a filter-only query lists matching articles newest first', () => {
    const r = search('tag:arctic');
    expect(r.hits.map((h) => h.title)).toEqual(['The Walrus Migration', 'Ice Report']);
    expect(r.hits[0]!.snippet).toContain('Scientists tracked');
  });
});

describe('sorting and pages', () => {
  it('sorts newest and oldest by published (else added) date', () => {
    expect(titles('walrus', { sort: 'newest' })).toEqual([
      'Seals of the North Sea',
      'The Walrus Migration',
      'Ice Report',
    ]);
    expect(titles('walrus', { sort: 'oldest' })).toEqual([
      'Ice Report',
      'The Walrus Migration',
      'Seals of the North Sea',
    ]);
  });
  it('pages without overlap and keeps the total', () => {
    const all = search('-nothingmatchesthis', { sort: 'oldest' });
    const p1 = search('-nothingmatchesthis', { sort: 'oldest', limit: 2 });
    const p2 = search('-nothingmatchesthis', { sort: 'oldest', limit: 2, offset: 2 });
    expect(p1.total).toBe(all.total);
    expect([...p1.hits, ...p2.hits].map((h) => h.id)).toEqual(all.hits.slice(0, 4).map((h) => h.id));
  });
  it('refuses a bad limit or sort with INVALID_QUERY', () => {
    expect(() => search('walrus', { limit: 0 })).toThrow(ArchiveError);
    expect(() => search('walrus', { limit: 201 })).toThrow(/1 to 200/);
    expect(() => search('walrus', { sort: 'random' as never })).toThrow(/Sort/);
    try {
      search('walrus', { offset: -1 });
    } catch (e) {
      expect((e as ArchiveError).code).toBe('INVALID_QUERY');
    }
  });
});

describe('languages', () => {
  it('finds Chinese, Japanese and Thai words inside unspaced text', () => {
    expect(titles('北京')).toEqual(['Scripts']);
    expect(titles('北京大学')).toEqual(['Scripts']);
    expect(titles('東京')).toEqual(['Scripts']);
    expect(titles('ภาษา')).toEqual(['Scripts']);
    const hit = search('北京').hits[0]!;
    expect(hit.snippet).toContain(`${MARK_OPEN}北京${MARK_CLOSE}`);
    // The snippet comes from segmented text (spaces between words); the offset is in the original text.
    expect(hit.matchOffset).toBe('我们在北京大学学习'.indexOf('北京'));
  });
  it('ignores diacritics both ways', () => {
    expect(titles('cafe')).toEqual(['Coffee Culture']);
    expect(titles('café')).toEqual(['Coffee Culture']);
    const hit = search('cafe').hits[0]!;
    expect(hit.snippet).toContain(`${MARK_OPEN}café${MARK_CLOSE}`);
    expect(hit.matchOffset).toBe(2);
  });
});

describe('malformed and empty queries', () => {
  it('returns an empty result for an empty query', () => {
    const r = search('   ');
    expect(r).toEqual({
      total: 0,
      hits: [],
      facets: { site: [], year: [], tag: [], collection: [], color: [] },
      warnings: [],
    });
  });
  for (const q of [
    '"unclosed walrus',
    'NEAR(',
    'title:',
    '*',
    'AND AND',
    '" OR 1=1 --',
    'before:notadate walrus',
    'col:',
    '^',
    'title:*',
  ]) {
    it(`answers ${JSON.stringify(q)} without an SQL error`, () => {
      expect(() => search(q)).not.toThrow();
    });
  }
  it('searches an unclosed quote as a phrase and says so', () => {
    const r = search('"walrus colony');
    expect(r.hits.map((h) => h.title)).toEqual(['Ice Report']);
    expect(r.warnings[0]).toMatch(/not closed/);
  });
});

describe('annotations scope', () => {
  it('finds annotations by quote, note and tag, and says which one matched', () => {
    const r = search('in:annotations colony');
    expect(r.total).toBe(1);
    expect(r.hits[0]!.annotationId).toBe(annIds.colony);
    expect(r.hits[0]!.id).toBe(ids.body);
    expect(r.hits[0]!.color).toBe('yellow');
    expect(r.hits[0]!.snippet).toContain(`${MARK_OPEN}colony${MARK_CLOSE}`);
    expect(search('tea', { scope: 'annotations' }).hits[0]!.annotationId).toBe(annIds.coffee);
    expect(search('evidence', { scope: 'annotations' }).hits[0]!.annotationId).toBe(annIds.colony);
  });
  it('never shows deleted annotations', () => {
    expect(search('in:annotations herd').total).toBe(0);
  });
  it('filters by color, tag, date and article title', () => {
    expect(search('in:annotations color:green').hits.map((h) => h.annotationId)).toEqual([annIds.coffee]);
    expect(search('in:annotations tag:evidence').hits.map((h) => h.annotationId)).toEqual([annIds.colony]);
    expect(search('in:annotations after:2025-01-01').hits.map((h) => h.annotationId)).toEqual([annIds.colony]);
    expect(search('in:annotations title:coffee').hits.map((h) => h.annotationId)).toEqual([annIds.coffee]);
  });
  it('counts colors and tags of matching annotations', () => {
    const r = search('in:annotations -nothingmatchesthis');
    expect(r.total).toBe(2);
    expect(r.facets.color).toEqual([
      { value: 'green', count: 1 },
      { value: 'yellow', count: 1 },
    ]);
    expect(r.facets.tag).toEqual([{ value: 'evidence', count: 1 }]);
  });
});
