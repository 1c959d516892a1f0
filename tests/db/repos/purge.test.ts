// Deleting permanently on a real archive: rows, index entries and assets go, shared assets stay, verify passes after.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../../db/contract/types.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';
import { integrityCheck } from '../../helpers/integrity.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const GIF = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

const page = (title: string, word: string, images: string[]) =>
  Buffer.from(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article>
<h1>${title}</h1><p>The ${word} survey of the northern wetlands recorded every heron and every reed bed along the
river, season after season, so that later readers could compare the years.</p>
${images.map((src) => `<p><img src="${src}" alt="figure"></p>`).join('')}<p>漢字の${word}テスト</p></article></body></html>`,
  ).toString('base64');

describe('purgeArticles', () => {
  let t: TempArchive;
  let doomed: ArticleId;
  let kept: ArticleId;
  const count = (sql: string) => (t.api.archive.db.prepare(sql).pluck().get() as number) ?? 0;

  beforeEach(async () => {
    t = tempArchive();
    // doomed: two versions, a PNG of its own and a GIF it shares with the kept article
    const files = (gif: boolean) => [
      { path: 'Doomed_files/own.png', dataBase64: PNG },
      ...(gif ? [{ path: 'Doomed_files/shared.gif', dataBase64: GIF }] : []),
    ];
    doomed = (
      await t.api.importFile({
        fileName: 'Doomed.html',
        dataBase64: page('Zanzibar Heron Count', 'zanzibar', ['Doomed_files/own.png', 'Doomed_files/shared.gif']),
        sourceUrl: 'https://birds.example.org/herons',
        pageFiles: files(true),
      })
    ).id!;
    await t.api.importFile({
      fileName: 'Doomed.html',
      dataBase64: page('Zanzibar Heron Count', 'zanzibar again', ['Doomed_files/own.png']),
      sourceUrl: 'https://birds.example.org/herons',
      pageFiles: files(false),
    });
    kept = (
      await t.api.importFile({
        fileName: 'Kept.html',
        dataBase64: page('Reed Bed Ledger', 'ledger', ['Kept_files/shared.gif']),
        pageFiles: [{ path: 'Kept_files/shared.gif', dataBase64: GIF }],
      })
    ).id!;
    const hl = t.api.createAnnotation({
      articleId: doomed,
      kind: 'highlight',
      start: 4,
      end: 12,
      color: 'yellow',
      note: 'zanzibar heron',
      tags: ['birds'],
    });
    t.api.createAnnotation({ articleId: doomed, kind: 'article-note', note: 'whole-article zanzibar note' });
    const gone = t.api.createAnnotation({ articleId: doomed, kind: 'highlight', start: 14, end: 20, color: 'green' });
    t.api.deleteAnnotation({ id: gone.id });
    t.api.updateAnnotation({ id: hl.id, patch: { note: 'zanzibar heron, edited' } });
    t.api.tagArticles({ ids: [doomed, kept], tags: ['wetlands'] });
    t.api.addToCollection({ ids: [doomed], collection: 'Field notes' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('previews the counts, then removes rows, index entries and its own assets; the shared asset and verify stay good', () => {
    expect(t.api.getArticle({ id: doomed }).captures).toHaveLength(2);
    expect(t.api.search({ query: 'zanzibar' }).total).toBe(1);
    expect(t.api.search({ query: 'zanzibar', scope: 'annotations' }).total).toBeGreaterThan(0);
    expect(t.api.search({ query: 'ンジ' }).total + t.api.search({ query: 'テスト' }).total).toBeGreaterThan(0);
    const assetsBefore = count('SELECT count(*) FROM asset');

    t.api.trashArticles({ ids: [doomed] });
    const preview = t.api.previewPurge({ trash: true });
    expect(preview).toMatchObject({ articles: 1, captures: 2, assets: 1, annotations: 2, notes: 1 });
    expect(preview.bytes).toBeGreaterThan(0);
    expect(t.api.previewPurge({ ids: [doomed, kept] })).toMatchObject({ articles: 2, assets: 2 });
    // a preview deletes nothing
    expect(t.api.listArticles({ filter: { trashed: true } }).total).toBe(1);

    const done = t.api.purgeArticles({ ids: [doomed] });
    expect(done).toEqual(preview);
    expect(() => t.api.getArticle({ id: doomed })).toThrow(/No article/);
    expect(t.api.listArticles({ filter: { trashed: true } }).total).toBe(0);
    expect(count(`SELECT count(*) FROM capture WHERE article_id = ${doomed}`)).toBe(0);
    expect(count('SELECT count(*) FROM content WHERE capture_id NOT IN (SELECT id FROM capture)')).toBe(0);
    expect(count(`SELECT count(*) FROM annotation WHERE article_id = ${doomed}`)).toBe(0);
    expect(
      count('SELECT count(*) FROM annotation_revision WHERE annotation_id NOT IN (SELECT id FROM annotation)'),
    ).toBe(0);
    expect(count('SELECT count(*) FROM annotation_fts WHERE rowid NOT IN (SELECT id FROM annotation)')).toBe(0);
    expect(count(`SELECT count(*) FROM search.article_fts WHERE rowid = ${doomed}`)).toBe(0);
    expect(count(`SELECT count(*) FROM search.article_grams WHERE rowid = ${doomed}`)).toBe(0);
    expect(count('SELECT count(*) FROM asset')).toBe(assetsBefore - 1);
    expect(count(`SELECT count(*) FROM event WHERE article_id = ${doomed}`)).toBe(0);
    const purged = t.api.listEvents({}).find((e) => e.kind === 'purged')!;
    expect(purged.detail).toContain('Zanzibar Heron Count');

    // search finds nothing of it; the kept article (with the shared GIF) is whole
    expect(t.api.search({ query: 'zanzibar' }).total).toBe(0);
    expect(t.api.search({ query: 'zanzibar', scope: 'annotations' }).total).toBe(0);
    expect(t.api.search({ query: 'ledger' }).hits.map((h) => h.id)).toEqual([kept]);
    expect(t.api.listTags({}).find((x) => x.name === 'wetlands')?.articles).toBe(1);
    expect(t.api.getArticle({ id: kept }).html).toMatch(/asset:[0-9a-f]{64}/);
    const report = t.api.verify({});
    expect(report.mismatches).toEqual([]);
    expect(report.ok).toBe(report.checked);
    expect(count('PRAGMA foreign_key_check')).toBe(0);
    expect(integrityCheck(t.api.archive.db)).toBe('ok');
  });

  it('indexes an article imported after the newest capture was deleted (a freed capture id reused)', async () => {
    t.api.purgeArticles({ ids: [kept, doomed] });
    expect(count('SELECT count(*) FROM article')).toBe(0);
    const o = await t.api.importFile({
      fileName: 'After.html',
      dataBase64: page('Estuary Diary', 'estuary', []),
    });
    expect(t.api.search({ query: 'estuary' }).hits.map((h) => h.id)).toEqual([o.id]);
    expect(t.api.getArticle({ id: o.id! }).events.every((e) => e.kind !== 'purged')).toBe(true);
  });

  it('skips ids that name no article, leaving the rest alone', () => {
    expect(t.api.purgeArticles({ ids: [999 as ArticleId] })).toMatchObject({ articles: 0, captures: 0 });
    expect(t.api.getArticle({ id: doomed }).title).toBe('Zanzibar Heron Count');
  });
});
