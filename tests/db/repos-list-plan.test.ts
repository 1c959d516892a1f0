// The library's listing never sorts the whole table: every sort order reads an index in order (checked with EXPLAIN).
import { filterSql, listPageSql } from '../../db/repos/articles.js';
import { LATER_SQL } from '../../db/repos/queue.js';
import { queryPlan } from '../helpers/query-plan.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempArchive, writeFile, type TempArchive } from './../helpers/archive.js';

describe('listArticles query plans and order', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('uses an index for each sort order instead of a temporary sort', () => {
    const db = t.api.archive.db;
    const plans = {
      added:
        'SELECT a.id FROM article a WHERE a.trashed_at IS NULL ORDER BY a.added_at DESC, a.id DESC LIMIT 50 OFFSET 50000',
      published:
        'SELECT a.id FROM article a WHERE a.trashed_at IS NULL ORDER BY coalesce(a.published_at, a.added_at) DESC, a.id DESC LIMIT 50',
      title:
        'SELECT a.id FROM article a WHERE a.trashed_at IS NULL ORDER BY a.title COLLATE NOCASE ASC, a.id ASC LIMIT 50',
      site: `SELECT a.id FROM article a WHERE a.trashed_at IS NULL ORDER BY (coalesce(a.site_name, '') = '') DESC,
        a.site_name COLLATE NOCASE DESC, a.id DESC LIMIT 50 OFFSET 50000`,
      author: `SELECT a.id FROM article a WHERE a.trashed_at IS NULL ORDER BY (coalesce(a.byline, '') = '') ASC,
        a.byline COLLATE NOCASE ASC, a.id ASC LIMIT 50`,
    };
    for (const [sort, sql] of Object.entries(plans)) {
      const plan = queryPlan(db, sql).join(' | ');
      expect(plan, sort).not.toMatch(/TEMP B-TREE/);
      expect(plan, sort).toMatch(/USING (COVERING )?INDEX article_list_/);
    }
  });

  it('reads the reading queue from the queue outward, never by walking every article (the sidebar asks each view)', () => {
    const db = t.api.archive.db;
    for (const [name, sql] of Object.entries(LATER_SQL)) {
      const plan = queryPlan(
        db,
        sql,
        (sql.match(/\?/g) ?? []).map(() => 10),
      );
      expect(plan[0], name).toMatch(/^(SCAN|SEARCH) l\b/);
      expect(plan.join(' | '), name).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/);
    }
  });

  it('counts a month, the undated or the link-only articles through their index, never by walking every article', () => {
    const db = t.api.archive.db;
    const filters = {
      month: { month: '2015-03' },
      year: { month: '2015' },
      'month by added': { month: '2015-03', dateBy: 'added' as const },
      'month by published': { month: '2015-03', dateBy: 'published' as const },
      undated: { undated: true },
    };
    for (const [name, filter] of Object.entries(filters)) {
      const { whereSql, params } = filterSql(filter);
      const plan = queryPlan(db, `SELECT count(*) FROM article a ${whereSql}`, params).join(' | ');
      // The index is entered by the date (a range or IS NULL), not by trashed_at alone.
      expect(plan, name).toMatch(/(published_at|added_at|<expr>)[<>=]/);
    }
    // By published date the count reads the date index alone (migration 13), not the rows for trashed_at.
    const { whereSql: byPublished, params: yearParams } = filterSql({ month: '2015', dateBy: 'published' });
    expect(queryPlan(db, `SELECT count(*) FROM article a ${byPublished}`, yearParams).join(' | ')).toMatch(
      /COVERING INDEX article_published_list/,
    );
    // The library's "capture all not captured yet" count reads the partial index of link-only articles.
    const { whereSql, params } = filterSql({ linkOnly: true });
    expect(queryPlan(db, `SELECT count(*) FROM article a ${whereSql}`, params).join(' | ')).toMatch(
      /INDEX article_link_only/,
    );
  });

  it("finds a timeline column's page by its ids in the date index, reading only the page's rows", () => {
    const db = t.api.archive.db;
    const filters = {
      'year by published': { month: '2015', dateBy: 'published' as const },
      'month by date': { month: '2015-03' },
      'year by added': { month: '2015', dateBy: 'added' as const },
      undated: { undated: true },
    };
    for (const [name, filter] of Object.entries(filters)) {
      for (const sort of ['added', 'title'] as const) {
        const { sql, params } = listPageSql(filter, sort, undefined);
        const plan = queryPlan(db, sql, [...params, 50, 0]);
        // The rows are read by id, for the page only; the sorting is of ids taken from an index.
        expect(plan[0], `${name}, ${sort}`).toMatch(/SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        expect(plan.join(' | '), `${name}, ${sort}`).toMatch(/LIST SUBQUERY/);
        expect(plan.join(' | '), `${name}, ${sort}`).toMatch(/COVERING INDEX/);
      }
    }
  });

  it('finds a small trash, tag or collection through its own index and sorts it, never walking every article', () => {
    const db = t.api.archive.db;
    for (const filter of [{ trashed: true }, { tag: 'x' }, { collection: 'y' }]) {
      for (const sort of ['added', 'published', 'title', 'site', 'author'] as const) {
        const { sql, params } = listPageSql(filter, sort, undefined, true);
        const plan = queryPlan(db, sql, [...params, 50, 0]).join(' | ');
        const name = `${JSON.stringify(filter)}, ${sort}`;
        expect(plan, name).toMatch(/^SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\) \| LIST SUBQUERY/);
        expect(plan, name).not.toMatch(/SCAN a\b/);
        expect(plan, name).not.toMatch(/USING (COVERING )?INDEX article_list_(added|title|site|author)/);
      }
    }
  });

  it('lists a small trash or tag in the same order as the index-walking form, for every sort', async () => {
    const dir = `${t.dir}/in`;
    const sites = ['Harbor Post', '', 'Quiet Desk'];
    for (let i = 0; i < 14; i++) {
      const site = sites[i % 3];
      writeFile(
        dir,
        `n${i}.md`,
        `---\ntitle: ${['Delta', 'alpha', 'Charlie', 'bravo'][i % 4]} ${i % 5}\n${i % 4 ? `date: 2019-0${1 + (i % 3)}-1${i % 7}\n` : ''}` +
          `${site ? `site: ${site}\n` : ''}${i % 2 ? 'author: Ann Lee\n' : ''}---\nText ${i}.`,
      );
    }
    await t.api.importPaths({ paths: [dir] });
    const db = t.api.archive.db;
    const ids = t.api.listArticles({ limit: 50 }).items.map((a) => a.id);
    t.api.trashArticles({ ids: ids.filter((_, i) => i % 2 === 0) });
    t.api.tagArticles({ ids: ids.filter((_, i) => i % 3 !== 0), tags: ['kept'] });
    for (const filter of [{ trashed: true }, { tag: 'kept' }]) {
      for (const sort of ['added', 'published', 'title', 'site', 'author'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const walked = listPageSql(filter, sort, order, false);
          const found = listPageSql(filter, sort, order, true);
          const run = (q: { sql: string; params: unknown[] }) =>
            (db.prepare(q.sql).all(...q.params, 50, 0) as Array<{ id: number }>).map((r) => r.id);
          expect(run(found), `${JSON.stringify(filter)} ${sort} ${order}`).toEqual(run(walked));
          expect(run(found).length).toBeGreaterThan(3);
        }
      }
      // And through the API (its total decides the form).
      expect(t.api.listArticles({ filter, sort: 'title' }).items.map((a) => a.id)).toEqual(
        (
          db
            .prepare(listPageSql(filter, 'title', undefined, false).sql)
            .all(...listPageSql(filter, 'title', undefined, false).params, 50, 0) as Array<{ id: number }>
        ).map((r) => r.id),
      );
    }
  });

  it('lists a timeline column in the asked order, paging without overlap', async () => {
    const dir = `${t.dir}/in`;
    for (let i = 0; i < 12; i++) {
      writeFile(
        dir,
        `n${i}.md`,
        `---\ntitle: Note ${String(i).padStart(2, '0')}\ndate: 2019-0${1 + (i % 3)}-1${i % 9}\n---\nText ${i}.`,
      );
    }
    writeFile(dir, 'other.md', '---\ntitle: Elsewhere\ndate: 2021-05-01\n---\nOther year.');
    writeFile(dir, 'undated.md', '---\ntitle: Undated\n---\nNo date.');
    await t.api.importPaths({ paths: [dir] });
    const year = { month: '2019', dateBy: 'published' as const };
    const first = t.api.listArticles({ filter: year, sort: 'title', limit: 5 });
    const rest = t.api.listArticles({ filter: year, sort: 'title', limit: 10, offset: 5 });
    expect(first.total).toBe(12);
    expect([...first.items, ...rest.items].map((a) => a.title)).toEqual(
      Array.from({ length: 12 }, (_, i) => `Note ${String(i).padStart(2, '0')}`),
    );
    expect(
      t.api
        .listArticles({ filter: { month: '2019-02', dateBy: 'published' }, sort: 'title' })
        .items.map((a) => a.title),
    ).toEqual(['Note 01', 'Note 04', 'Note 07', 'Note 10']);
    expect(t.api.listArticles({ filter: { undated: true } }).items.map((a) => a.title)).toEqual(['Undated']);
  });

  it('lists in each order with ties broken by id', async () => {
    const dir = `${t.dir}/in`;
    writeFile(dir, 'b.md', '---\ntitle: Bravo\ndate: 2020-05-01\n---\nSecond text.');
    writeFile(dir, 'a.md', '---\ntitle: alpha\ndate: 2022-01-01\n---\nFirst text.');
    writeFile(dir, 'c.md', '---\ntitle: Charlie\n---\nNo date here.');
    await t.api.importPaths({ paths: [dir] });
    const titles = (sort: 'added' | 'published' | 'title', order?: 'asc' | 'desc') =>
      t.api.listArticles({ sort, ...(order ? { order } : {}) }).items.map((a) => a.title);
    expect(titles('title')).toEqual(['alpha', 'Bravo', 'Charlie']);
    expect(titles('published')).toEqual(['Charlie', 'alpha', 'Bravo']);
    expect(titles('added', 'asc')).toHaveLength(3);
  });

  it('lists by site and by author A to Z with the articles lacking one last, and the reverse', async () => {
    const dir = `${t.dir}/in`;
    const page = (file: string, title: string, site: string | null, author: string | null) =>
      writeFile(
        dir,
        file,
        `<html><head><title>${title}</title>${site ? `<meta property="og:site_name" content="${site}">` : ''}` +
          `${author ? `<meta name="author" content="${author}">` : ''}</head><body><article><h1>${title}</h1>` +
          `<p>${'A paragraph long enough for the reader view to keep it as the article body. '.repeat(6)}</p></article></body></html>`,
      );
    page('1.html', 'First', 'zephyr.example', 'Yves Arden');
    page('2.html', 'Second', null, 'ada Brook');
    page('3.html', 'Third', 'Acorn Weekly', null);
    page('4.html', 'Fourth', 'beacon news', 'Carl Dane');
    await t.api.importPaths({ paths: [dir] });
    const list = (sort: 'site' | 'author', order?: 'asc' | 'desc') =>
      t.api.listArticles({ sort, ...(order ? { order } : {}) }).items.map((a) => a.title);
    expect(t.api.listArticles({ sort: 'site' }).items.map((a) => a.siteName)).toEqual([
      'Acorn Weekly',
      'beacon news',
      'zephyr.example',
      null,
    ]);
    expect(list('site', 'desc')).toEqual(['Second', 'First', 'Fourth', 'Third']);
    expect(list('author')).toEqual(['Second', 'Fourth', 'First', 'Third']);
    // select all: every id, in the same order as the list
    const ids = t.api.listArticleIds({ sort: 'author' });
    expect(ids.total).toBe(4);
    expect(ids.ids).toEqual(t.api.listArticles({ sort: 'author' }).items.map((a) => a.id));
    expect(t.api.listArticleIds({ filter: { site: 'Acorn Weekly' } }).ids).toHaveLength(1);
  });
});
