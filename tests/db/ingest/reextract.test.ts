// `reextract`: articles stored by an older extractor are brought up to date from their stored originals.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../../db/contract/types.js';
import { readOriginal } from '../../../db/codec/read.js';
import { reextractArticles } from '../../../db/ingest/reextract.js';
import { FIDELITY_DIR } from '../../../bench/fidelity/pages.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';

/** What an older Stacks stored for the slideshow page: the site's <title>, remote alt text glued into the words. */
const OLD_TEXT =
  'PhotoXi Jinping walks to the stage at the National Exhibition Center\n\nChinese President Xi Jinping opened the annual import fair in Shanghai on Tuesday.';

function storeAsOlderStacks(t: TempArchive, id: ArticleId): void {
  const db = t.api.archive.db;
  const capture = db.prepare('SELECT current_capture_id FROM article WHERE id = ?').pluck().get(id) as number;
  // An older Stacks stored the original raw (it is compressed against the text, which is replaced here).
  const original = readOriginal(db, capture)!;
  db.prepare('UPDATE capture SET original = ?, original_codec = 0 WHERE id = ?').run(original, capture);
  db.prepare(
    "UPDATE content SET text = ?, html = '<p>old</p>', html_codec = 0, html_packed = NULL WHERE capture_id = ?",
  ).run(OLD_TEXT, capture);
  db.prepare("UPDATE article SET title = 'World News Daily', byline = NULL, published_at = NULL WHERE id = ?").run(id);
  db.prepare("UPDATE capture SET importer_version = '1.0.0' WHERE id = ?").run(capture);
}

describe('reextract', () => {
  let t: TempArchive;
  let id: ArticleId;
  beforeEach(async () => {
    t = tempArchive();
    const dir = path.join(t.dir, 'pages');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(FIDELITY_DIR, 'news-slideshow-remote-images.html'), path.join(dir, 'slides.html'));
    fs.copyFileSync(path.join(FIDELITY_DIR, 'news-two-dc-creators.html'), path.join(dir, 'peat.html'));
    const report = await t.api.importPaths({ paths: [dir] });
    id = report.outcomes.find((o) => o.file.endsWith('slides.html'))!.id!;
  });
  afterEach(async () => {
    await t.close();
  });

  it('updates metadata, text and search, re-anchors annotations (orphans marked) and keeps the old values', async () => {
    storeAsOlderStacks(t, id);
    const quote = 'opened the annual import fair in Shanghai';
    const text = t.api.getArticle({ id }).text;
    const anchored = t.api.createAnnotation({
      articleId: id,
      kind: 'highlight',
      start: text.indexOf(quote),
      end: text.indexOf(quote) + quote.length,
    });
    const glued = t.api.createAnnotation({
      articleId: id,
      kind: 'highlight',
      start: 0,
      end: 'PhotoXi Jinping walks'.length,
    });

    const seen: number[] = [];
    const report = await reextractArticles(t.api.archive.db, { onProgress: (p) => seen.push(p.done), workers: 0 });
    expect(report.total).toBe(2);
    expect(report.updated).toBe(1); // the other article was extracted by today's extractors already
    expect(report.unchanged).toBe(1);
    expect(seen).toEqual([1, 2]);

    const a = t.api.getArticle({ id });
    expect(a.title).toBe('Xi Jinping opens trade fair with pledge on imports');
    expect(a.byline).toBe('Li Wen');
    expect(a.publishedAt).toBe('2023-11-07T02:10:00.000Z');
    expect(a.text).not.toContain('PhotoXi');
    expect(a.text).toContain('licensing hurdles in finance');
    // The original is stored compressed against the new text, and still hashes to its SHA-256.
    const codec = t.api.archive.db
      .prepare('SELECT original_codec FROM capture WHERE id = ?')
      .pluck()
      .get(a.captures[0]!.id);
    expect(codec).toBe(1);
    expect(t.api.verify({}).mismatches).toEqual([]);

    // Annotations: the passage still there is placed exactly on the new text; the glued one is an honest orphan.
    const after = t.api.listAnnotations({ articleId: id }).items;
    const placed = after.find((n) => n.id === anchored.id)!;
    expect(placed.anchor.state).toBe('exact');
    expect(a.text.slice(placed.anchor.start!, placed.anchor.end!)).toBe(quote);
    expect(after.find((n) => n.id === glued.id)!.anchor.state).toBe('orphan');

    // Search follows the new text and title.
    expect(t.api.search({ query: '"licensing hurdles"' }).hits.map((h) => h.id)).toEqual([id]);
    expect(t.api.search({ query: 'title:pledge' }).hits.map((h) => h.id)).toEqual([id]);

    // Provenance keeps what was there before.
    const event = t.api.listEvents({ articleId: id }).find((e) => e.kind === 're-extracted')!;
    const detail = JSON.parse(event.detail!) as { before: { title: string; importerVersion: string } };
    expect(detail.before.title).toBe('World News Daily');
    expect(detail.before.importerVersion).toBe('1.0.0');

    // A second run finds nothing to do.
    const again = await reextractArticles(t.api.archive.db, { ids: [id], workers: 0 });
    expect(again.unchanged).toBe(1);
  });

  it('keeps a title the user changed, and stops when cancelled', async () => {
    storeAsOlderStacks(t, id);
    t.api.updateArticle({ id, patch: { title: 'My notes on the Shanghai fair' } });
    const report = await reextractArticles(t.api.archive.db, { ids: [id], workers: 0 });
    expect(report.outcomes[0]).toMatchObject({ status: 'updated', titleKept: true });
    expect(t.api.getArticle({ id }).title).toBe('My notes on the Shanghai fair');
    expect(t.api.getArticle({ id }).text).toContain('licensing hurdles in finance');

    const controller = new AbortController();
    controller.abort();
    const cancelled = await reextractArticles(t.api.archive.db, { signal: controller.signal, workers: 0 });
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.outcomes).toHaveLength(0);
  });

  it('reports an unknown id as failed and goes on with the rest', async () => {
    storeAsOlderStacks(t, id);
    const report = await reextractArticles(t.api.archive.db, { ids: [9999, id] });
    expect(report.failed).toBe(1);
    expect(report.outcomes[0]!.error).toMatch(/No article with id 9999/);
    expect(report.updated).toBe(1);
  });

  it('skips a link-only article (its capture is the export’s record of a link) with the reason, and leaves it as it was', async () => {
    const csv =
      'title,url,time_added,tags,status\r\n"Tides, ledgers",https://example.com/tides,1600000000,sea,unread\r\n';
    fs.writeFileSync(path.join(t.dir, 'pocket.csv'), csv);
    const imported = await t.api.importPaths({ paths: [path.join(t.dir, 'pocket.csv')] });
    const link = imported.outcomes[0]!.id!;
    expect(t.api.getArticle({ id: link }).linkOnly).toBe(true);
    const before = t.api.getArticle({ id: link });

    const report = await reextractArticles(t.api.archive.db, { workers: 0 });
    expect(report.total).toBe(3);
    expect(report.skipped).toBe(1);
    expect(report.failed).toBe(0);
    const skipped = report.outcomes.find((o) => o.id === link)!;
    expect(skipped.status).toBe('skipped');
    expect(skipped.error).toMatch(/Not captured yet: it is a link from an export, with no page to extract from/);
    const after = t.api.getArticle({ id: link });
    expect(after).toMatchObject({ title: 'Tides, ledgers', linkOnly: true, text: before.text });
    expect(after.events.filter((e) => e.kind === 're-extracted')).toEqual([]);
  });
});
