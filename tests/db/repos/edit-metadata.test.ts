// Metadata corrections on a real archive: fields changed, old -> new kept as provenance, search reindexed, bad input refused.
import { staleDerivation } from '../../helpers/stale-derivation.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../../db/contract/types.js';
import { callApi } from '../../../db/transport/dispatch.js';
import { describeEdit } from '../../../db/contract/metadata-edit.js';
import { openArchive } from '../../../db/open.js';
import { createArchiveApi } from '../../../db/api.js';
import { reextractArticles } from '../../../db/ingest/reextract.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour Tides Explained</title>
<meta name="author" content="Jo Extracted"><meta property="og:site_name" content="Sea News">
<meta property="article:published_time" content="2021-03-04T10:00:00Z"></head>
<body><article><h1>Harbour Tides Explained</h1><p>The spring tide rose over the harbour wall at dawn and the
fishing boats waited in the outer basin until the water fell again in the afternoon.</p>
<p>Harbour masters keep a tide table for every day of the year.</p></article></body></html>`;

describe('editArticle', () => {
  let t: TempArchive;
  let id: ArticleId;
  beforeEach(async () => {
    t = tempArchive();
    const o = await t.api.importFile({
      fileName: 'tides.html',
      dataBase64: Buffer.from(page).toString('base64'),
      sourceUrl: 'https://sea.example.org/tides',
    });
    id = o.id!;
  });
  afterEach(async () => {
    await t.close();
  });

  it('changes the fields, logs old -> new, keeps the first extraction and makes search find the new title and author', () => {
    const before = t.api.getArticle({ id });
    expect(before.title).toBe('Harbour Tides Explained');
    expect(before.asExtracted).toBeUndefined();
    expect(t.api.search({ query: 'title:quayside' }).total).toBe(0);

    const edited = t.api.editArticle({
      id,
      fields: {
        title: 'Quayside Tides',
        byline: 'Marguerite Okonkwo',
        publishedAt: '2021-03-05',
        sourceUrl: 'https://harbour.example.org/tides',
        siteName: 'Harbour Weekly',
      },
    });
    expect(edited).toMatchObject({
      title: 'Quayside Tides',
      byline: 'Marguerite Okonkwo',
      publishedAt: '2021-03-05',
      sourceUrl: 'https://harbour.example.org/tides',
      siteName: 'Harbour Weekly',
    });
    const ev = edited.events.find((e) => e.kind === 'edited')!;
    expect(describeEdit(ev.detail)).toContain('title: “Harbour Tides Explained” → “Quayside Tides”');
    expect(describeEdit(ev.detail)).toContain('author: “Jo Extracted” → “Marguerite Okonkwo”');
    expect(edited.asExtracted).toMatchObject({
      title: 'Harbour Tides Explained',
      byline: 'Jo Extracted',
      siteName: 'Sea News',
      sourceUrl: 'https://sea.example.org/tides',
    });

    // the new title and author are searchable at once, the old title no longer in the title field
    expect(t.api.search({ query: 'title:quayside' }).hits.map((h) => h.id)).toEqual([id]);
    expect(t.api.search({ query: 'author:okonkwo' }).hits.map((h) => h.id)).toEqual([id]);
    expect(t.api.search({ query: 'site:"harbour weekly"' }).total).toBe(1);
    expect(t.api.search({ query: 'title:explained' }).total).toBe(0);
    expect(t.api.search({ query: 'author:extracted' }).total).toBe(0);
    expect(t.api.listArticles({ filter: { site: 'Harbour Weekly' } }).total).toBe(1);

    // a second edit: the first extraction is still what asExtracted reports
    const again = t.api.editArticle({ id, fields: { title: 'Quayside Tides, Revised', byline: null } });
    expect(again.byline).toBeNull();
    expect(again.asExtracted?.title).toBe('Harbour Tides Explained');
    expect(again.asExtracted?.byline).toBe('Jo Extracted');
    expect(again.events.filter((e) => e.kind === 'edited')).toHaveLength(2);
    expect(t.api.search({ query: 'revised' }).total).toBe(1);
  });

  it('is in the index file itself: another connection opened afterwards finds the corrected title', async () => {
    t.api.editArticle({ id, fields: { title: 'Breakwater Almanac' } });
    const other = openArchive(t.file);
    const api = createArchiveApi(other);
    try {
      expect(api.search({ query: 'breakwater' }).hits.map((h) => h.id)).toEqual([id]);
      expect(api.search({ query: 'title:explained' }).total).toBe(0);
    } finally {
      await api.dispose();
      other.close();
    }
  });

  it('refuses an empty title, a bad date and a non-web URL with a clear message, changing nothing', () => {
    const call = (fields: unknown) => callApi(t.api, 'editArticle', { id, fields });
    const refused = async (fields: unknown) => {
      const r = await call(fields);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error.message;
    };
    return (async () => {
      expect(await refused({ title: '   ' })).toMatch(/title cannot be empty/);
      expect(await refused({ publishedAt: '2024-02-30' })).toMatch(/expected a date like 2024-05-31/);
      expect(await refused({ publishedAt: 'last tuesday' })).toMatch(/expected a date/);
      expect(await refused({ sourceUrl: 'javascript:alert(1)' })).toMatch(/http:\/\/ or https:\/\//);
      expect(await refused({ sourceUrl: 'file:///etc/passwd' })).toMatch(/http:\/\/ or https:\/\//);
      expect(await refused({})).toMatch(/at least one field/);
      // the core checks too, for callers inside the process
      expect(() => t.api.editArticle({ id, fields: { title: '' } })).toThrow(/title cannot be empty/);
      expect(() => t.api.editArticle({ id, fields: { publishedAt: '2024-13-01' } })).toThrow(/not a date/);
      expect(() => t.api.editArticle({ id, fields: { sourceUrl: 'ftp://x.org/a' } })).toThrow(/http:\/\//);
      const a = t.api.getArticle({ id });
      expect(a.title).toBe('Harbour Tides Explained');
      expect(a.events.some((e) => e.kind === 'edited')).toBe(false);
      // accepted forms of a date, and an empty string clearing a field
      expect((await call({ publishedAt: '2021' })).ok).toBe(true);
      expect((await call({ publishedAt: '2021-03-05T08:30:00+02:00', siteName: '' })).ok).toBe(true);
      expect(t.api.getArticle({ id })).toMatchObject({ publishedAt: '2021-03-05T08:30:00+02:00', siteName: null });
    })();
  });

  it('logs nothing when the values given are the current ones, and updateArticle titles are logged and indexed too', () => {
    t.api.editArticle({ id, fields: { title: 'Harbour Tides Explained' } });
    expect(t.api.getArticle({ id }).events.some((e) => e.kind === 'edited')).toBe(false);
    t.api.updateArticle({ id, patch: { title: 'Lighthouse Ledger' } });
    expect(t.api.search({ query: 'lighthouse' }).total).toBe(1);
    expect(t.api.getArticle({ id }).asExtracted?.title).toBe('Harbour Tides Explained');
  });

  it('keeps corrected fields through a re-extraction, which updates the rest', async () => {
    t.api.editArticle({ id, fields: { byline: 'Corrected Author', publishedAt: '1999-12-31' } });
    // an older derivation: what re-extraction replaces
    const capture = t.api.getArticle({ id }).captures[0]!.id;
    staleDerivation(t.api.archive.db, capture, 'old', '<p>old</p>');
    t.api.archive.db.prepare("UPDATE article SET site_name = 'Stale Site' WHERE id = ?").run(id);
    const report = await reextractArticles(t.api.archive.db, { ids: [id], workers: 0 });
    expect(report.updated).toBe(1);
    const a = t.api.getArticle({ id });
    expect(a).toMatchObject({ byline: 'Corrected Author', publishedAt: '1999-12-31', siteName: 'Sea News' });
    expect(a.text).toContain('spring tide');
  });
});
