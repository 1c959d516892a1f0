// The library's listing never sorts the whole table: every sort order reads an index in order (checked with EXPLAIN).
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
    };
    for (const [sort, sql] of Object.entries(plans)) {
      const plan = queryPlan(db, sql).join(' | ');
      expect(plan, sort).not.toMatch(/TEMP B-TREE/);
      expect(plan, sort).toMatch(/USING (COVERING )?INDEX article_list_/);
    }
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
});
