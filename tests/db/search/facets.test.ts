// The two ways of counting totals and facets (SQL, in-memory columns) agree, and the query plans stay indexed.
import { queryPlan } from '../../helpers/query-plan.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery } from '../../../db/search/query/compile.js';
import { annotationColumnTotals } from '../../../db/search/counts/annotation-columns.js';
import { columnTotals } from '../../../db/search/counts/facet-columns.js';
import { computeTotals } from '../../../db/search/counts/facets.js';
import { parseQuery } from '../../../db/search/query/parse.js';
import { searchArchive } from '../../../db/search/run.js';
import { searchSource } from '../../../db/search/source.js';
import { addAnnotation, addArticle, tempArchive } from './fixture.js';

const archive = tempArchive();
const db = archive.db;
const SITES = ['Polar Post', 'Sea Journal', 'Cafe Daily', null];
const WORDS = ['ice', 'walrus', 'seal', 'coffee', 'tide', 'harbor'];

beforeAll(() => {
  for (let i = 0; i < 60; i++) {
    const id = addArticle(db, {
      title: `${WORDS[i % 6]} story ${i}`,
      site: SITES[i % 4] ?? undefined,
      publishedAt: i % 5 === 0 ? null : `${2015 + (i % 7)}-0${1 + (i % 9)}-11`,
      addedAt: `2024-0${1 + (i % 9)}-02T00:00:00Z`,
      body: `${WORDS[(i * 7) % 6]} and ${WORDS[(i * 5) % 6]} near the ${WORDS[(i * 3) % 6]} line`,
      tags: i % 3 === 0 ? ['arctic'] : i % 3 === 1 ? ['arctic', 'food'] : [],
      collections: i % 4 === 0 ? ['Reading'] : [],
      trashed: i % 11 === 0,
    });
    if (i % 6 === 0)
      addAnnotation(db, {
        articleId: id,
        quote: 'near the',
        color: i % 12 === 0 ? 'yellow' : 'green',
        tags: i % 12 === 0 ? ['keep'] : [],
      });
    // More annotations for the annotation scope: notes, tags, no color, some deleted, some on trashed articles.
    if (i % 4 === 1) {
      addAnnotation(db, {
        articleId: id,
        quote: 'line',
        note: `${WORDS[i % 6]} note`,
        tags: i % 8 === 1 ? ['keep', 'later'] : [],
        deleted: i % 20 === 1,
        createdAt: `202${i % 4}-05-01T00:00:00Z`,
      });
    }
  }
});
afterAll(() => archive.close());

describe('totals and facets', () => {
  for (const q of ['walrus', 'ice OR seal', 'har*', 'line', 'story -tide']) {
    it(`counts "${q}" the same in SQL and in memory`, () => {
      const compiled = compileQuery(parseQuery(q));
      const sql = computeTotals(db, searchSource(compiled));
      expect(columnTotals(db, compiled.match!)).toBeNull(); // first query after a write: not built yet
      const mem = columnTotals(db, compiled.match!); // second one at the same version builds the columns
      expect(mem).toEqual(sql);
      expect(sql.total).toBeGreaterThan(0);
      expect(sql.facets.site.length).toBeGreaterThan(0);
      expect(sql.facets.tag.length).toBeGreaterThan(0);
      db.prepare('UPDATE article SET title = title WHERE id = 1').run(); // new version for the next case
    });
  }

  it('counts query after query at one version without carrying hits over (small and large result sets)', () => {
    columnTotals(db, '"walrus"');
    columnTotals(db, '"walrus"'); // built
    for (const q of ['walrus', 'line', 'coffee', 'ice OR seal', 'walrus']) {
      const compiled = compileQuery(parseQuery(q));
      expect(columnTotals(db, compiled.match!)).toEqual(computeTotals(db, searchSource(compiled)));
    }
  });

  for (const q of [
    'in:annotations near',
    'in:annotations line',
    'in:annotations walrus OR seal',
    'in:annotations "near the"',
    'in:annotations note -ice',
  ]) {
    it(`counts annotation hits for "${q}" the same in SQL and in memory`, () => {
      const compiled = compileQuery(parseQuery(q));
      expect(compiled.scope).toBe('annotations');
      const sql = computeTotals(db, searchSource(compiled));
      expect(annotationColumnTotals(db, compiled.match!)).toBeNull(); // first query after a write: not built yet
      const mem = annotationColumnTotals(db, compiled.match!);
      expect(mem).toEqual(sql);
      expect(sql.total).toBeGreaterThan(0);
      expect(sql.facets.year.length).toBeGreaterThan(0);
      db.prepare('UPDATE article SET title = title WHERE id = 1').run(); // new version for the next case
    });
  }

  it('counts annotation facets of every kind, leaving out deleted annotations and trashed articles', () => {
    const compiled = compileQuery(parseQuery('in:annotations near OR line'));
    annotationColumnTotals(db, compiled.match!);
    const mem = annotationColumnTotals(db, compiled.match!)!;
    expect(mem).toEqual(computeTotals(db, searchSource(compiled)));
    const live = db
      .prepare(
        `SELECT count(*) FROM annotation n JOIN article a ON a.id = n.article_id
      WHERE n.deleted_at IS NULL AND a.trashed_at IS NULL`,
      )
      .pluck()
      .get();
    expect(mem.total).toBe(live);
    for (const facet of ['site', 'year', 'tag', 'collection', 'color'] as const)
      expect(mem.facets[facet].length).toBeGreaterThan(0);
  });

  it('sees a new tag right after it is added', () => {
    searchArchive(db, { query: 'walrus' });
    searchArchive(db, { query: 'walrus' }); // columns built
    const before = searchArchive(db, { query: 'walrus' }).facets.tag.find((t) => t.value === 'fresh');
    expect(before).toBeUndefined();
    db.prepare("INSERT INTO tag (name) VALUES ('fresh')").run();
    const walrusId = db
      .prepare("SELECT a.id FROM article a WHERE a.title LIKE 'walrus%' AND a.trashed_at IS NULL")
      .pluck()
      .get() as number;
    db.prepare("INSERT INTO article_tag (article_id, tag_id) SELECT ?, id FROM tag WHERE name = 'fresh'").run(walrusId);
    expect(searchArchive(db, { query: 'walrus' }).facets.tag).toContainEqual({ value: 'fresh', count: 1 });
    expect(searchArchive(db, { query: 'walrus' }).facets.tag).toContainEqual({ value: 'fresh', count: 1 });
  });
});

describe('query plans', () => {
  const plan = (sql: string, ...params: unknown[]) => queryPlan(db, sql, params).join(' / ');

  it('ranks inside FTS5 without sorting every hit', () => {
    const src = searchSource(compileQuery(parseQuery('walrus')));
    const p = plan(`SELECT a.id FROM ${src.from} WHERE ${src.where} ORDER BY ${src.rankExpr} LIMIT 20`, ...src.params);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });
  it('lists by date through the date index', () => {
    const src = searchSource(compileQuery(parseQuery('-nothing')));
    const p = plan(
      `SELECT a.id FROM article a WHERE +a.trashed_at IS NULL ORDER BY ${src.dateExpr} DESC, a.id DESC LIMIT 20`,
    );
    expect(p).toContain('article_date');
    expect(p).not.toMatch(/TEMP B-TREE/);
  });
  it('reads facet columns from the covering index', () => {
    const src = searchSource(compileQuery(parseQuery('walrus')));
    expect(plan(`SELECT a.site_name FROM ${src.facetFrom} WHERE ${src.where}`, ...src.params)).toContain(
      'COVERING INDEX article_facet',
    );
  });
});
