// The timeline's month counts: by date added, published, or either; kept between calls and fresh after every change.
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../../db/contract/types.js';
import { createArchiveApi } from '../../../db/api.js';
import { openArchive } from '../../../db/open.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';

/** The months counted straight from the articles, as the timeline counted them before the kept counts. */
function countedAfresh(t: TempArchive, by: 'added' | 'published' | 'date') {
  const date = by === 'added' ? 'added_at' : by === 'published' ? 'published_at' : 'coalesce(published_at, added_at)';
  return t.api.archive.db
    .prepare(
      `SELECT substr(${date}, 1, 7) AS month, count(*) AS count FROM article
       WHERE trashed_at IS NULL AND ${date} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    )
    .all();
}

const note = (title: string, published?: string) =>
  Buffer.from(
    `---\ntitle: ${title}\n${published ? `date: ${published}\n` : ''}---\n\nThe tide turned at ${title}.`,
  ).toString('base64');

describe('timeline', () => {
  let t: TempArchive;
  afterEach(async () => {
    await t.close();
  });

  it('counts months and follows imports, trash, restores and corrected dates', async () => {
    t = tempArchive();
    const a = (await t.api.importFile({ fileName: 'a.md', dataBase64: note('Alpha', '2021-03-04') })).id as ArticleId;
    await t.api.importFile({ fileName: 'b.md', dataBase64: note('Bravo', '2021-03-20') });
    await t.api.importFile({ fileName: 'c.md', dataBase64: note('Charlie') });
    const added = new Date().toISOString().slice(0, 7);

    expect(t.api.timeline({ by: 'published' })).toEqual([{ month: '2021-03', count: 2 }]);
    expect(t.api.timeline({ by: 'added' })).toEqual([{ month: added, count: 3 }]);
    expect(t.api.timeline({})).toEqual([
      { month: '2021-03', count: 2 },
      { month: added, count: 1 },
    ]);
    // Asked again with nothing changed: the same answer (from the kept counts).
    expect(t.api.timeline({ by: 'published' })).toEqual([{ month: '2021-03', count: 2 }]);

    t.api.editArticle({ id: a, fields: { publishedAt: '2019-11-02' } });
    expect(t.api.timeline({ by: 'published' })).toEqual([
      { month: '2019-11', count: 1 },
      { month: '2021-03', count: 1 },
    ]);
    t.api.trashArticles({ ids: [a] });
    expect(t.api.timeline({ by: 'published' })).toEqual([{ month: '2021-03', count: 1 }]);
    t.api.restoreArticles({ ids: [a] });
    expect(t.api.timeline({ by: 'published' })[0]).toEqual({ month: '2019-11', count: 1 });
    await t.api.importFile({ fileName: 'd.md', dataBase64: note('Delta', '2021-03-30') });
    expect(t.api.timeline({ by: 'published' })).toEqual([
      { month: '2019-11', count: 1 },
      { month: '2021-03', count: 2 },
    ]);
    t.api.purgeArticles({ ids: [a] });
    expect(t.api.timeline({ by: 'published' })).toEqual([{ month: '2021-03', count: 2 }]);
    for (const by of ['added', 'published', 'date'] as const)
      expect(t.api.timeline(by === 'date' ? {} : { by })).toEqual(countedAfresh(t, by));
  });

  it('an archive from before the kept counts gets them filled in when it is upgraded', async () => {
    t = tempArchive();
    for (const [i, date] of ['2020-01-05', '2020-01-20', '2022-07-01', undefined].entries())
      await t.api.importFile({ fileName: `n${i}.md`, dataBase64: note(`Note ${i}`, date) });
    // Back to schema 11: no counts table, no triggers, the published_at index of before migration 13.
    const db = t.api.archive.db;
    db.exec(`DROP TRIGGER article_month_insert; DROP TRIGGER article_month_delete; DROP TRIGGER article_month_update;
      DROP TABLE article_month; DROP INDEX article_published_list; CREATE INDEX article_published_at ON article(published_at);
      PRAGMA user_version = 11;`);
    await t.api.dispose();
    t.api.archive.close();
    const reopened = openArchive(t.file);
    t = { ...t, api: createArchiveApi(reopened) };
    expect(reopened.db.pragma('user_version', { simple: true })).toBe(13);
    expect(t.api.timeline({ by: 'published' })).toEqual([
      { month: '2020-01', count: 2 },
      { month: '2022-07', count: 1 },
    ]);
    for (const by of ['added', 'published', 'date'] as const)
      expect(t.api.timeline(by === 'date' ? {} : { by })).toEqual(countedAfresh(t, by));
    await t.api.dispose();
    reopened.close();
  });
});
