// WARC import on containers written with warcio: pages, versions, revisits, redirects, images, provenance, fixity.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import { tempArchive, type TempArchive } from '../../../helpers/archive.js';
import { PNG, sha256, warc, type RecordSpec } from './build.js';
import { readOriginal, readReaderHtml } from '../../../../db/codec/read.js';

const html = (title: string, body: string, extra = '') =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>` +
  `<p>${body} The keeper wrote the tides in a green ledger every morning for forty years, and the ledger survived the flood.</p>${extra}</article></body></html>`;

const SITE = 'https://tide.example';
const HTML = 'text/html; charset=utf-8';

/** A small crawl: two captures of /a (the newer first in the file), /b and a revisit of it, a redirect, non-pages. */
export const CRAWL: RecordSpec[] = [
  { type: 'request', url: `${SITE}/a`, date: '2024-06-01T10:00:00Z' },
  {
    url: `${SITE}/a`,
    date: '2024-06-01T10:00:00Z',
    contentType: HTML,
    body: html('Harbour Ledger', 'Second capture: the June text.', '<img src="/img/a.png" alt="ledger photo">'),
  },
  { url: `${SITE}/img/a.png`, date: '2024-06-01T10:00:01Z', contentType: 'image/png', body: PNG },
  { url: `${SITE}/app.js`, date: '2024-06-01T10:00:01Z', contentType: 'application/javascript', body: 'alert(1)' },
  {
    url: `${SITE}/missing`,
    date: '2024-06-01T10:00:02Z',
    status: 404,
    contentType: HTML,
    body: html('Not found', 'Nothing.'),
  },
  {
    url: `${SITE}/a`,
    date: '2024-01-01T10:00:00Z',
    contentType: HTML,
    body: html(
      'Harbour Ledger',
      'First capture: the January text.',
      '<img src="https://cdn.elsewhere.example/remote.png" alt="remote picture">',
    ),
  },
  {
    url: `${SITE}/b`,
    date: '2024-01-02T10:00:00Z',
    contentType: HTML,
    body: html('Flood Notes', 'The flood of 1953.'),
  },
  {
    type: 'revisit',
    url: `${SITE}/b`,
    date: '2024-03-01T10:00:00Z',
    refersToUrl: `${SITE}/b`,
    refersToDate: '2024-01-02T10:00:00Z',
    contentType: HTML,
  },
  { url: `${SITE}/old`, date: '2024-01-02T10:00:00Z', status: 301, headers: { Location: '/b' } },
  {
    url: `${SITE}/c`,
    date: '2024-01-03T10:00:00Z',
    contentType: HTML,
    body: html('Tampered Page', 'Its digest header lies.'),
    warcHeaders: { 'WARC-Payload-Digest': 'sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
  },
];

async function crawlWarc(dir: string, gzip = true): Promise<string> {
  const specs = [...CRAWL];
  const bytes = await warc(specs, gzip);
  // A revisit's payload digest names the original's: copy it from the /b response as a crawler would.
  const file = path.join(dir, gzip ? 'crawl.warc.gz' : 'crawl.warc');
  fs.writeFileSync(file, bytes);
  return file;
}

describe('WARC import', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  const byTitle = (title: string) => {
    const item = t.api.listArticles({ limit: 100 }).items.find((a) => a.title === title);
    expect(item, `article "${title}"`).toBeDefined();
    return t.api.getArticle({ id: item!.id });
  };

  for (const gzip of [true, false]) {
    it(`makes every HTML page an article with its WARC records as the capture (${gzip ? '.warc.gz' : '.warc'})`, async () => {
      const file = await crawlWarc(t.dir, gzip);
      const report = await t.api.importPaths({ paths: [file] });
      expect(report.failed).toBe(0);
      const titles = t.api
        .listArticles({ limit: 100 })
        .items.map((a) => a.title)
        .sort();
      // Not articles: the image, the script, the 404 page, the redirect.
      expect(titles).toEqual(['Flood Notes', 'Harbour Ledger', 'Tampered Page']);

      const a = byTitle('Harbour Ledger');
      expect(a.sourceUrl).toBe(`${SITE}/a`);
      // Two captures of one URL are two versions; the newest is shown, though it came first in the file.
      expect(a.captures.map((c) => c.capturedAt)).toEqual(['2024-06-01T10:00:00.000Z', '2024-01-01T10:00:00.000Z']);
      expect(a.text).toContain('the June text');
      for (const c of a.captures) {
        expect(c).toMatchObject({
          mediaType: 'application/warc',
          importer: 'warc',
          sourceUrl: `${SITE}/a`,
          sourcePath: file,
        });
      }
      // The original bytes are the page's own records: the response, then its request, each a whole WARC record.
      const row = {
        original: readOriginal(t.api.archive.db, a.captures[0]!.id)!,
        sha256: a.captures[0]!.sha256,
      };
      expect(sha256(row.original)).toBe(row.sha256);
      const records = [];
      for await (const r of new WARCParser([row.original])) {
        records.push({ type: r.warcType, uri: r.warcTargetURI, date: r.warcDate });
        await r.readFully();
      }
      expect(records).toEqual([
        { type: 'response', uri: `${SITE}/a`, date: '2024-06-01T10:00:00Z' },
        { type: 'request', uri: `${SITE}/a`, date: '2024-06-01T10:00:00Z' },
      ]);
      // Provenance: the container's name and SHA-256, the record ids, the payload digest checked.
      const imported = a.events
        .filter((e) => e.kind === 'imported' || e.kind === 're-captured')
        .map((e) => e.detail)
        .join('\n');
      expect(imported).toContain(`from ${path.basename(file)} (sha256 ${sha256(fs.readFileSync(file))})`);
      expect(imported).toMatch(/response record <urn:uuid:[0-9a-f-]+> at byte \d+, request record <urn:uuid:/);
      expect(imported).toMatch(/payload digest sha256:[0-9a-f]{64} verified/);
    });
  }

  it('shows the images the page uses from the container, and drops those it does not hold', async () => {
    const file = await crawlWarc(t.dir);
    await t.api.importPaths({ paths: [file] });
    const a = byTitle('Harbour Ledger');
    const asset = /<img[^>]*src="asset:([0-9a-f]{64})"/.exec(a.html);
    expect(asset?.[1]).toBe(sha256(PNG));
    const stored = t.api.archive.db.prepare('SELECT bytes FROM asset WHERE sha256 = ?').get(asset![1]) as {
      bytes: Buffer;
    };
    expect(Buffer.compare(stored.bytes, PNG)).toBe(0);
    // The January capture's image was never crawled: gone, its alt text kept, nothing remote left.
    const jan = { html: readReaderHtml(t.api.archive.db, a.captures[1]!.id)! };
    expect(jan.html).toContain('remote picture');
    expect(jan.html).not.toContain('cdn.elsewhere.example');
  });

  it('resolves a revisit to the payload it points at, as a later version of the page', async () => {
    const file = await crawlWarc(t.dir);
    await t.api.importPaths({ paths: [file] });
    const b = byTitle('Flood Notes');
    expect(b.captures.map((c) => c.capturedAt)).toEqual(['2024-03-01T10:00:00.000Z', '2024-01-02T10:00:00.000Z']);
    expect(b.text).toContain('The flood of 1953.');
    const detail = b.events.map((e) => e.detail).join('\n');
    expect(detail).toMatch(/revisit record <urn:uuid:[^>]+> at byte \d+; payload from response record/);
  });

  it('reports a payload digest mismatch and records it in provenance, and still imports the page', async () => {
    const file = await crawlWarc(t.dir);
    const report = await t.api.importPaths({ paths: [file] });
    const outcome = report.outcomes.find((o) => o.file.endsWith('/c'))!;
    expect(outcome.status).toBe('imported');
    expect(outcome.warnings?.[0]).toMatch(
      /Payload digest mismatch: WARC-Payload-Digest says sha1:A{32}, the payload hashes to sha1:[A-Z2-7]{32}/,
    );
    const c = byTitle('Tampered Page');
    expect(c.events.find((e) => e.kind === 'failed-verify')?.detail).toMatch(/Payload digest mismatch/);
    expect(c.events.map((e) => e.detail).join('\n')).toContain('payload digest MISMATCH');
  });

  it('skips everything on a second import of the same container', async () => {
    const file = await crawlWarc(t.dir);
    const first = await t.api.importPaths({ paths: [file] });
    expect(first.imported).toBe(5);
    const again = await t.api.importPaths({ paths: [file] });
    expect(again).toMatchObject({ imported: 0, duplicates: 5, failed: 0 });
    expect(t.api.stats({}).captures).toBe(5);
  });

  it('imports a container given as bytes through importFile, with an outcome per page', async () => {
    const bytes = await warc(CRAWL);
    const outcome = await t.api.importFile({ fileName: 'crawl.warc.gz', dataBase64: bytes.toString('base64') });
    expect(outcome.status).toBe('imported');
    expect(outcome.items?.filter((o) => o.status === 'imported')).toHaveLength(5);
    expect(outcome.items?.every((o) => o.file.startsWith('crawl.warc.gz › https://tide.example/'))).toBe(true);
    const again = await t.api.importFile({ fileName: 'crawl.warc.gz', dataBase64: bytes.toString('base64') });
    expect(again.status).toBe('duplicate');
    const article = t.api.getArticle({ id: outcome.id! });
    expect(article.captures[0]!.sourcePath).toBeNull();
  });

  it('stops on cancel and a second run imports the rest', async () => {
    const specs: RecordSpec[] = Array.from({ length: 60 }, (_, i) => ({
      url: `${SITE}/page/${i}`,
      date: '2024-02-01T00:00:00Z',
      contentType: HTML,
      // ~100 KB a page: a web archive's batch commits at about 2 MB of input, so the 60 pages take several batches
      // whatever the machine's speed, and the cancel asked for at the first stored page leaves later batches out.
      body: html(`Page number ${i}`, `Body of page ${i}, about the harbour and its boats. `.repeat(2000)),
    }));
    const file = path.join(t.dir, 'many.warc.gz');
    fs.writeFileSync(file, await warc(specs));
    const controller = new AbortController();
    const progress: { done: number; total: number; bytesDone?: number; bytesTotal?: number }[] = [];
    const report = await t.api.importPathsWithProgress([file], {
      signal: controller.signal,
      onProgress: (p) => progress.push(p),
      onOutcome: (o) => {
        if (o.status === 'imported') controller.abort();
      },
    });
    expect(report.cancelled).toBe(true);
    expect(report.imported).toBeLessThan(60);
    // Progress knew the container's pages and its size in bytes.
    expect(progress.some((p) => p.total === 60)).toBe(true);
    expect(progress.at(-1)!.bytesTotal).toBe(fs.statSync(file).size);
    const rest = await t.api.importPathsWithProgress([file], {});
    expect(rest.imported + report.imported).toBe(60);
    expect(rest.duplicates).toBe(report.imported);
    expect(t.api.listArticles({ limit: 1 }).total).toBe(60);
  });
});
