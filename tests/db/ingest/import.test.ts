// The import path end to end on a real archive file: the sample clipping, dedupe, versions, bulk with bad files.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARK_CLOSE, MARK_OPEN, type ArticleId } from '../../../db/contract/types.js';
import { createImporter } from '../../../db/ingest/importer.js';
import { SAMPLE_CLIPPING, tempArchive, writeFile, type TempArchive } from '../../helpers/archive.js';
import { readOriginal } from '../../../db/codec/read.js';
import { sha256Hex } from '../../../db/util.js';

const page = (title: string, body: string, canonical = 'https://news.example.org/story') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="canonical" href="${canonical}"><meta property="og:site_name" content="Example News"></head>
<body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>
${body
  .split('\n')
  .map((p) => `<p>${p}</p>`)
  .join('\n')}</article></body></html>`;

const LONG = Array.from(
  { length: 8 },
  (_, i) =>
    `Paragraph ${i + 1} explains how the river delta archive preserves field notes from the survey of the wetlands, ` +
    'so that later readers can trace every observation back to its source and compare the seasons year after year.',
).join('\n');

describe('import', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('imports the sample clipping with its real title and finds it by a phrase with a marked snippet', async () => {
    const report = await t.api.importPaths({ paths: [SAMPLE_CLIPPING] });
    expect(report).toMatchObject({ imported: 1, duplicates: 0, failed: 0 });
    const id = report.outcomes[0]!.id!;
    const article = t.api.getArticle({ id });
    expect(article.title).toBe('Putin Begins His Two-Day North Korean Visit, Signs Partnership Agreement');
    expect(article.text.startsWith('Skip to content')).toBe(false);
    expect(article.text).toContain('Comprehensive Strategic Partnership Agreement');
    expect(article.captures).toHaveLength(1);
    expect(article.captures[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(article.captures[0]!.byteSize).toBe(fs.statSync(SAMPLE_CLIPPING).size);
    expect(article.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['imported', 'captured']));

    const result = t.api.search({ query: '"Comprehensive Strategic Partnership"' });
    expect(result.total).toBe(1);
    expect(result.hits[0]!.id).toBe(id);
    expect(result.hits[0]!.snippet).toContain(`${MARK_OPEN}Comprehensive Strategic Partnership${MARK_CLOSE} Agreement`);
  });

  it('keeps the original bytes exactly and their SHA-256', async () => {
    const bytes = fs.readFileSync(SAMPLE_CLIPPING);
    await t.api.importPaths({ paths: [SAMPLE_CLIPPING] });
    const row = t.api.archive.db.prepare('SELECT id, sha256 FROM capture').get() as { id: number; sha256: string };
    const original = readOriginal(t.api.archive.db, row.id)!;
    expect(Buffer.compare(original, bytes)).toBe(0);
    expect(sha256Hex(original)).toBe(row.sha256);
  });

  it('adds nothing when the same bytes come again, and says so', async () => {
    const first = await t.api.importPaths({ paths: [SAMPLE_CLIPPING] });
    const again = await t.api.importPaths({ paths: [SAMPLE_CLIPPING] });
    expect(again).toMatchObject({ imported: 0, duplicates: 1, failed: 0 });
    expect(again.outcomes[0]!.id).toBe(first.outcomes[0]!.id);
    const viaBytes = await t.api.importFile({
      fileName: 'copy.txt',
      dataBase64: fs.readFileSync(SAMPLE_CLIPPING).toString('base64'),
    });
    expect(viaBytes.status).toBe('duplicate');
    expect(t.api.stats({}).captures).toBe(1);
  });

  it('makes a new version of the same article when the canonical URL comes back with different bytes', async () => {
    const v1 = writeFile(t.dir, 'in/v1.html', page('Wetland survey', LONG));
    const v2 = writeFile(
      t.dir,
      'in/v2.html',
      page('Wetland survey, updated', `${LONG}\nA correction was added on Tuesday.`),
    );
    const r1 = await t.api.importPaths({ paths: [v1] });
    const r2 = await t.api.importPaths({ paths: [v2] });
    expect(r2.outcomes[0]).toMatchObject({ status: 'imported', newVersion: true, id: r1.outcomes[0]!.id });
    const article = t.api.getArticle({ id: r1.outcomes[0]!.id! });
    expect(article.captures).toHaveLength(2);
    expect(article.title).toBe('Wetland survey, updated');
    expect(article.text).toContain('A correction was added on Tuesday.');
    expect(article.events.map((e) => e.kind)).toContain('re-captured');
    expect(t.api.listArticles({}).total).toBe(1);
  });

  it('skips broken, empty and binary files with a reason and imports the rest', async () => {
    const dir = path.join(t.dir, 'mixed');
    writeFile(dir, 'good.txt', 'A field note\n\nThe heron returned to the north pond at dawn.');
    writeFile(
      dir,
      'nested/deeper/also-good.md',
      '---\ntitle: Pond log\ntags: [ponds, winter]\n---\nThe pond froze early this year.',
    );
    writeFile(dir, 'empty.txt', '');
    writeFile(dir, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]));
    writeFile(dir, 'garbage.html', Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
    const report = await t.api.importPaths({ paths: [dir, path.join(t.dir, 'does-not-exist')] });
    expect(report.imported).toBe(2);
    expect(report.failed).toBe(4);
    const reasons = Object.fromEntries(
      report.outcomes.filter((o) => o.status === 'failed').map((o) => [path.basename(o.file), o.error]),
    );
    expect(reasons['empty.txt']).toMatch(/empty/i);
    expect(reasons['photo.png']).toMatch(/PNG/);
    expect(reasons['garbage.html']).toBeTruthy();
    expect(reasons['does-not-exist']).toMatch(/no such file/i);
    const pond = t.api.listArticles({ filter: { tag: 'winter' } });
    expect(pond.items.map((a) => [a.title, a.tags])).toEqual([['Pond log', ['ponds', 'winter']]]);
    const again = await t.api.importPaths({ paths: [dir] });
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(2);
  });

  it('stores a folder in its sorted order, however the workers finish: ids follow the file names', async () => {
    const dir = path.join(t.dir, 'ordered');
    // Slow pages (Readability) between quick clippings, with a duplicate and a broken file in the run.
    const names: string[] = [];
    for (let i = 0; i < 40; i++) {
      const name = `${String(i).padStart(2, '0')}-${i % 5 === 0 ? 'page.html' : 'note.txt'}`;
      writeFile(
        dir,
        name,
        i % 5 === 0
          ? page(`Story ${i}`, LONG, `https://news.example.org/story-${i}`)
          : `Note ${i}\n\nThe survey of pond ${i} found ${i} herons.`,
      );
      names.push(name);
    }
    writeFile(dir, '17b-copy.txt', fs.readFileSync(path.join(dir, '03-note.txt')));
    writeFile(dir, '25b-empty.txt', '');
    const report = await t.api.importPaths({ paths: [dir] });
    expect([report.imported, report.duplicates, report.failed]).toEqual([40, 1, 1]);
    const byId = t.api
      .listArticles({ limit: 100 })
      .items.slice()
      .sort((a, b) => a.id - b.id);
    expect(byId.map((a) => a.title)).toEqual(
      names.map((n) => (n.endsWith('page.html') ? `Story ${Number(n.slice(0, 2))}` : `Note ${Number(n.slice(0, 2))}`)),
    );
  });

  it('reports progress with counts and an estimate, and stops cleanly when cancelled', async () => {
    const dir = path.join(t.dir, 'many');
    for (let i = 0; i < 60; i++)
      writeFile(dir, `note-${String(i).padStart(3, '0')}.txt`, `Note ${i}\n\nBody of note number ${i} about otters.`);
    const seen: number[] = [];
    const controller = new AbortController();
    // Small batches so the cancel lands mid-run (the default commits 1000 files at a time).
    const importer = createImporter(t.api.archive.db, { batchSize: 10 });
    const report = await importer.importPaths([dir], {
      onProgress: (p) => {
        seen.push(p.done);
        expect(p.total).toBe(60);
      },
      onOutcome: () => {
        if (!controller.signal.aborted) controller.abort();
      },
      signal: controller.signal,
    });
    expect(report.cancelled).toBe(true);
    await importer.close();
    expect(report.imported).toBeGreaterThan(0);
    expect(report.imported).toBeLessThan(60);
    expect(seen.at(-1)).toBe(report.outcomes.length);
    const resumed = await t.api.importPaths({ paths: [dir] });
    expect(resumed.imported + report.imported).toBe(60);
    expect(resumed.duplicates).toBe(report.imported);
  });

  it('moves an article to the trash, hides it from lists and search, and restores it', async () => {
    const { outcomes } = await t.api.importPaths({ paths: [SAMPLE_CLIPPING] });
    const id = outcomes[0]!.id! as ArticleId;
    expect(t.api.trashArticles({ ids: [id] }).changed).toBe(1);
    expect(t.api.listArticles({}).total).toBe(0);
    expect(t.api.listArticles({ filter: { trashed: true } }).total).toBe(1);
    expect(t.api.search({ query: 'Putin' }).total).toBe(0);
    expect(t.api.restoreArticles({ ids: [id] }).changed).toBe(1);
    expect(t.api.search({ query: 'Putin' }).total).toBe(1);
  });
});
