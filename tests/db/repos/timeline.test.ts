// The timeline's month counts: by date added, published, or either; kept between calls and fresh after every change.
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../../db/contract/types.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';

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
  });
});
