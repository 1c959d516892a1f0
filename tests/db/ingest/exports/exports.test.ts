// Read-it-later and bookmark exports: every item with its URL, title, dates, tags, folders, states and highlights; links as link-only articles.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleDetail, ArticleId, ImportOutcome, ImportReport } from '../../../../db/contract/types.js';
import { tempArchive, writeFile, type TempArchive } from '../../../helpers/archive.js';
import {
  HIGHLIGHTS_CSV,
  INSTAPAPER_CSV,
  NETSCAPE_BOOKMARKS,
  OMNIVORE_TEXT,
  POCKET_CSV,
  POCKET_HTML,
  READER_CSV,
  wallabagJson,
  omnivoreZip,
} from './fixtures.js';
import { readOriginal } from '../../../../db/codec/read.js';
import { integrityCheck } from '../../../helpers/integrity.js';

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

describe('export imports', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  const importText = async (name: string, content: string | Buffer): Promise<ImportReport> =>
    t.api.importPaths({ paths: [writeFile(t.dir, name, content)] });
  const byUrl = (url: string): ArticleDetail => {
    const row = t.api.archive.db.prepare('SELECT id FROM article WHERE source_url = ?').get(url) as
      { id: number } | undefined;
    expect(row, `an article for ${url}`).toBeDefined();
    return t.api.getArticle({ id: row!.id as ArticleId });
  };
  const failed = (r: ImportReport): ImportOutcome[] => r.outcomes.filter((o) => o.status === 'failed');
  const sound = () => {
    expect(integrityCheck(t.api.archive.db)).toBe('ok');
    expect(t.api.verify({}).mismatches).toEqual([]);
  };
  const annotations = (id: ArticleId) => t.api.listAnnotations({ articleId: id }).items;

  it('Pocket HTML: links become link-only articles with dates, tags and states; a bookmarklet is skipped with its reason', async () => {
    const report = await importText('ril_export.html', POCKET_HTML);
    expect(report.imported).toBe(3);
    expect(failed(report)).toHaveLength(1);
    expect(failed(report)[0]!.error).toMatch(/not a web address/);

    const keeper = byUrl('https://example.com/lighthouse?utm_source=pocket_mylist');
    expect(keeper.title).toBe('The lighthouse keeper');
    expect(keeper.linkOnly).toBe(true);
    expect(keeper.addedAt).toBe('2020-01-01T12:00:00.000Z');
    expect(keeper.tags).toEqual(['history', 'sea']);
    expect(keeper.isRead).toBe(false);
    expect(keeper.siteName).toBe('example.com');
    expect(keeper.html).toBe('');
    // The capture is the export's own <a> element, named with the export file and its hash.
    expect(keeper.captures).toHaveLength(1);
    expect(keeper.captures[0]!.importer).toBe('pocket');
    expect(keeper.captures[0]!.mediaType).toBe('text/html');
    const original = readOriginal(t.api.archive.db, keeper.captures[0]!.id)!;
    expect(original.toString('utf8')).toMatch(
      /^<a href="https:\/\/example.com\/lighthouse\?utm_source=pocket_mylist".*<\/a>$/,
    );
    const imported = keeper.events.find((e) => e.kind === 'imported')!;
    expect(imported.detail).toContain(`Pocket export ril_export.html (sha256 ${sha(POCKET_HTML)})`);
    expect(imported.detail).toContain('not captured yet');

    const ete = byUrl('https://example.org/%C3%A9t%C3%A9');
    expect(ete.title).toBe('Été à Montréal — « les rues »');
    const tides = byUrl('https://example.net/tides');
    expect(tides.title).toBe('Tides & moons');
    expect(tides.isArchived).toBe(true);
    expect(tides.isRead).toBe(true);

    // Listed as link-only, found by title, by address and by tag.
    const list = t.api.listArticles({ filter: {} });
    expect(list.items.filter((a) => a.linkOnly)).toHaveLength(3);
    expect(t.api.search({ query: 'lighthouse' }).hits.map((h) => h.title)).toEqual(['The lighthouse keeper']);
    expect(t.api.search({ query: 'example.net' }).hits.map((h) => h.title)).toEqual(['Tides & moons']);
    expect(t.api.listArticles({ filter: { tag: 'sea' } }).total).toBe(2);
    sound();

    // The same export again adds nothing.
    const again = await importText('ril_export.html', POCKET_HTML);
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(3);
    expect(t.api.listArticles({ filter: {} }).total).toBe(3);
    expect(t.api.archive.db.prepare('SELECT count(*) FROM capture').pluck().get()).toBe(3);
  });

  it('Pocket CSV: quotes, commas and line breaks in a field; a row without URL skipped; a newer export updates states and adds only what is new', async () => {
    const report = await importText('pocket.csv', POCKET_CSV);
    expect(report.imported).toBe(2);
    expect(failed(report).map((o) => o.error)).toEqual(['Skipped: the item has no URL.']);
    const commas = byUrl('https://example.com/commas');
    expect(commas.title).toBe('Commas, "quotes" and a line break');
    expect(commas.tags).toEqual(['one', 'two']);
    expect(commas.isArchived).toBe(false);
    expect(byUrl('https://example.com/archived').isArchived).toBe(true);

    // The user reads it in Stacks meanwhile; a newer export archives the first item, tags it and adds a new one.
    const newer = [
      'title,url,time_added,tags,status',
      '"Commas, ""quotes"" and a\nline break",https://example.com/commas,1600000000,one|two|three,archive',
      'Archived one,https://example.com/archived,1600000100,,archive',
      'Brand new,https://example.com/new/,1600000300,,unread',
    ].join('\n');
    const second = await importText('pocket-newer.csv', newer);
    expect(second.imported).toBe(1);
    expect(second.duplicates).toBe(2);
    const updated = second.outcomes.find((o) => o.file.endsWith('https://example.com/commas'))!;
    expect(updated.notes?.[0]).toMatch(/Updated from the export: read, archived, 1 tag/);
    const after = byUrl('https://example.com/commas');
    expect(after.isArchived).toBe(true);
    expect(after.tags).toEqual(['one', 'three', 'two']);
    expect(after.captures).toHaveLength(1);
    expect(t.api.listArticles({ filter: {} }).total).toBe(3);
    sound();
  });

  it('Instapaper CSV with a BOM: folders as states or collections, non-ASCII titles, the selection as a highlight kept as an orphan', async () => {
    const report = await importText('instapaper-export.csv', INSTAPAPER_CSV);
    expect(report.imported).toBe(4);
    const first = byUrl('https://example.com/instapaper-a');
    expect(first.title).toBe('Первая статья');
    expect(first.tags).toEqual(['reading', 'russian']);
    expect(first.addedAt).toBe(new Date(1650000000 * 1000).toISOString());
    const notes = annotations(first.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.quote?.exact).toBe('The keeper climbed the stairs, every night.');
    expect(notes[0]!.anchor.state).toBe('orphan');
    expect(byUrl('https://example.com/instapaper-b').isFavorite).toBe(true);
    expect(byUrl('https://example.com/instapaper-c').isArchived).toBe(true);
    expect(byUrl('https://example.com/instapaper-d').collections).toEqual(['Essays']);
    sound();
  });

  it('Readwise Reader CSV: locations as states, progress, tags from a list; a row missing its last column still imports', async () => {
    const report = await importText('readwise-reader.csv', READER_CSV);
    expect(report.imported).toBe(3);
    const one = byUrl('https://example.com/reader-one');
    expect(one.tags).toEqual(['essays', 'longform']);
    expect(one.isArchived).toBe(true);
    expect(one.isRead).toBe(true);
    expect(one.addedAt).toBe('2023-05-01T12:00:00.000Z');
    const two = byUrl('https://example.com/reader-two');
    expect(two.progress).toBeCloseTo(0.25);
    expect(two.isArchived).toBe(false);
    expect(byUrl('https://example.com/reader-three').isFavorite).toBe(true);
    expect(one.events.find((e) => e.kind === 'imported')!.detail).toContain('Readwise Reader item 01h1');
  });

  it('Readwise highlights CSV: rows grouped by book, highlights with notes, colors and tags kept as orphans; a row without highlight skipped', async () => {
    const report = await importText('readwise-highlights.csv', HIGHLIGHTS_CSV);
    expect(report.imported).toBe(1);
    expect(failed(report).map((o) => o.error)).toEqual(['Skipped: the row has no highlight.']);
    const id = report.outcomes.find((o) => o.status === 'imported')!.id!;
    const book = t.api.getArticle({ id });
    expect(book.title).toBe('Notes from the Coast');
    expect(book.byline).toBe('A. Writer');
    expect(book.linkOnly).toBe(true);
    const list = annotations(id);
    expect(list.map((a) => [a.quote?.exact, a.note, a.color, a.anchor.state])).toEqual([
      ['The sea, as ever, was patient.', 'My note', 'blue', 'orphan'],
      ['Second passage of the book', '', 'yellow', 'orphan'],
    ]);
    expect(list[0]!.tags).toEqual(['favorite']);
    // Again: nothing twice.
    const again = await importText('readwise-highlights.csv', HIGHLIGHTS_CSV);
    expect(again.imported).toBe(0);
    expect(annotations(id)).toHaveLength(2);
  });

  it('Wallabag JSON: the content as a capture with the export as provenance, annotations anchored or orphaned, an entry without content as a link', async () => {
    const json = wallabagJson();
    const report = await importText('wallabag-export.json', json);
    expect(report.imported).toBe(2);
    const harbour = byUrl('https://example.com/harbour');
    expect(harbour.linkOnly).toBeUndefined();
    expect(harbour.title).toBe('The harbour ledger');
    expect(harbour.text).toContain('kept a ledger of every ship');
    expect(harbour.html).not.toContain('<script');
    expect(harbour.isFavorite).toBe(true);
    expect(harbour.tags).toEqual(['maritime']);
    expect(harbour.byline).toBe('H. Master');
    expect(harbour.addedAt).toBe('2021-06-01T07:00:00.000Z');
    expect(harbour.captures[0]!.importer).toBe('wallabag');
    const content = (JSON.parse(json) as Array<{ content: string }>)[0]!.content;
    expect(harbour.captures[0]!.sha256).toBe(sha(content));
    const imported = harbour.events.find((e) => e.kind === 'imported')!;
    expect(imported.detail).toContain(`Wallabag export wallabag-export.json (sha256 ${sha(json)}), Wallabag item 41`);

    const list = annotations(harbour.id);
    const placed = list.find((a) => a.note === 'Great line')!;
    expect(placed.anchor.state).toBe('exact');
    expect(harbour.text.slice(placed.anchor.start!, placed.anchor.end!)).toBe('kept a ledger of every ship');
    expect(list.find((a) => a.quote?.exact.startsWith('This passage'))!.anchor.state).toBe('orphan');

    const empty = byUrl('https://example.com/empty');
    expect(empty.linkOnly).toBe(true);
    expect(empty.isArchived).toBe(true);

    // A newer export: the entry archived and tagged. States and tags follow, no second capture, no second highlight.
    const newer = await importText('wallabag-newer.json', wallabagJson({ archived: 1, extraTag: 'read-later' }));
    expect(newer.imported).toBe(0);
    expect(newer.duplicates).toBe(2);
    const after = byUrl('https://example.com/harbour');
    expect(after.isArchived).toBe(true);
    expect(after.tags).toEqual(['maritime', 'read-later']);
    expect(after.captures).toHaveLength(1);
    expect(annotations(after.id)).toHaveLength(2);
    sound();
  });

  it('Omnivore ZIP: Markdown content as a capture, highlights from highlights/<slug>.md anchored, an item without content as a link', async () => {
    const zip = await omnivoreZip();
    const report = await importText('omnivore-export.zip', zip);
    expect(failed(report)).toEqual([]);
    expect(report.imported).toBe(2);
    const essay = byUrl('https://example.com/tides-essay');
    expect(essay.title).toBe('The tide tables');
    expect(essay.byline).toBe('T. Able');
    expect(essay.text).toContain(OMNIVORE_TEXT);
    expect(essay.tags).toEqual(['Newsletters', 'tides']);
    expect(essay.isArchived).toBe(true);
    expect(essay.isRead).toBe(true);
    expect(essay.captures[0]!.importer).toBe('omnivore');
    expect(essay.captures[0]!.mediaType).toBe('text/markdown');
    expect(essay.events.find((e) => e.kind === 'imported')!.detail).toContain(
      `Omnivore export omnivore-export.zip (sha256 ${sha(zip)}), Omnivore item a1b2c3`,
    );
    const list = annotations(essay.id);
    expect(list.map((a) => [a.quote?.exact, a.note, a.anchor.state])).toEqual([
      ['The tables were printed each spring', 'Printed yearly!', 'exact'],
      ['a passage that is not there', '', 'orphan'],
    ]);
    expect(byUrl('https://example.com/never-parsed').linkOnly).toBe(true);
    const again = await importText('omnivore-export.zip', zip);
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(2);
    sound();
  });

  it('Netscape bookmarks: nested folders as path-named collections, tags, add dates, descriptions; one article for a page bookmarked twice', async () => {
    const report = await importText('bookmarks_12_7_26.html', NETSCAPE_BOOKMARKS);
    expect(report.imported).toBe(3);
    expect(report.duplicates).toBe(1);
    expect(failed(report).map((o) => o.error)).toEqual([
      'Skipped: "javascript:void(0)" is not a web address (only http and https links are imported).',
    ]);
    const top = byUrl('https://example.com/top');
    expect(top.collections).toEqual(['Bookmarks bar']);
    expect(top.tags).toEqual(['alpha', 'beta']);
    expect(top.addedAt).toBe(new Date(1600000001 * 1000).toISOString());
    const js = byUrl('https://example.com/js');
    expect(js.title).toBe('JavaScript & you');
    expect(js.excerpt).toBe('A description of the page');
    expect(js.collections).toEqual(['Bookmarks bar / Tech']);
    expect(byUrl('https://example.com/after').collections).toEqual(['Bookmarks bar']);
    expect(t.api.listCollections({}).map((c) => [c.name, c.count])).toEqual([
      ['Bookmarks bar', 2],
      ['Bookmarks bar / Tech', 1],
    ]);
    // "#section" names the same page: the second bookmark is a duplicate that adds nothing new (no folder at the root).
    expect(t.api.listArticles({ filter: {} }).total).toBe(3);
  });

  it('an empty export says so; a file that only looks like CSV is imported as before', async () => {
    const empty = await importText('pocket-empty.csv', 'title,url,time_added,tags,status\n');
    expect(empty.imported).toBe(0);
    expect(failed(empty).map((o) => o.error)).toEqual(['The Pocket export holds no item.']);
    const plain = await importText('notes.csv', 'a,b\n1,2\n');
    expect(plain.imported + plain.failed).toBe(1);
    expect(t.api.listArticles({ filter: {} }).items.every((a) => !a.linkOnly)).toBe(true);
  });

  it('a link imported first gets its content from a later export: the capture joins the article, the highlight is re-anchored', async () => {
    const instapaper =
      'URL,Title,Selection,Folder,Timestamp\nhttps://example.com/harbour?utm_medium=email,Harbour,kept a ledger of every ship,Unread,1650000000\n';
    await importText('instapaper.csv', instapaper);
    const link = byUrl('https://example.com/harbour?utm_medium=email');
    expect(link.linkOnly).toBe(true);
    expect(annotations(link.id)[0]!.anchor.state).toBe('orphan');

    const report = await importText('wallabag.json', wallabagJson());
    const harbour = t.api.getArticle({ id: link.id });
    expect(report.outcomes.find((o) => o.id === link.id)!.newVersion).toBe(true);
    expect(harbour.linkOnly).toBeUndefined();
    expect(harbour.captures).toHaveLength(2);
    expect(harbour.text).toContain('kept a ledger of every ship');
    const selection = annotations(link.id).find((a) => a.note === '')!;
    expect(selection.anchor.state).toBe('exact');
    // Both tools' highlight of the same passage: the Instapaper one had no note, Wallabag's has one: both kept.
    expect(annotations(link.id)).toHaveLength(3);
    expect(t.api.listArticles({ filter: {} }).total).toBe(2);
    sound();
  });

  it("a saved page whose canonical URL is a link-only article's address (without its tracking parameters) becomes its capture", async () => {
    await importText('ril_export.html', POCKET_HTML);
    const link = byUrl('https://example.com/lighthouse?utm_source=pocket_mylist');
    const page = `<html><head><title>The Lighthouse Keeper (full)</title><link rel="canonical" href="https://example.com/lighthouse"></head>
      <body><article><p>The keeper climbed the one hundred and twelve stairs every night to light the lamp, and wrote the weather in the log.</p></article></body></html>`;
    const report = await importText('lighthouse.html', page);
    expect(report.outcomes[0]).toMatchObject({ status: 'imported', id: link.id, newVersion: true });
    const after = t.api.getArticle({ id: link.id });
    expect(after.linkOnly).toBeUndefined();
    expect(after.captures).toHaveLength(2);
    expect(after.text).toContain('one hundred and twelve stairs');
    expect(after.tags).toEqual(['history', 'sea']);
    expect(t.api.listArticles({ filter: {} }).total).toBe(3);
  });

  it('an export sent as bytes (the app drop) is imported item by item with one outcome per item', async () => {
    const outcome = await t.api.importFile({
      fileName: 'ril_export.html',
      dataBase64: Buffer.from(POCKET_HTML).toString('base64'),
    });
    expect(outcome.status).toBe('imported');
    expect(outcome.items?.filter((o) => o.status === 'imported')).toHaveLength(3);
    expect(t.api.listArticles({ filter: {} }).items.every((a) => a.linkOnly)).toBe(true);
    expect(fs.existsSync(t.file)).toBe(true);
  });
});
