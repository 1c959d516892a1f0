// WACZ export read back by other code than the writer's: yauzl for the ZIP, warcio for the WARC, hashes recomputed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WARCParser } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveScope } from '../../../db/export/scope.js';
import { ExportCancelled } from '../../../db/export/run.js';
import { writeWacz } from '../../../db/export/wacz.js';
import { buildExportFixture, PAGE_URL, WARC_PAGE_DATE, WARC_PAGE_URL, type ExportFixture } from './fixture.js';
import { readZip, type ZipRead } from './zip-read.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

interface Resource {
  name: string;
  path: string;
  hash: string;
  bytes: number;
}

describe('WACZ export', () => {
  let f: ExportFixture;
  let file: string;
  let zip: Map<string, ZipRead>;
  const db = () => f.archive.api.archive.db;

  beforeAll(async () => {
    f = await buildExportFixture();
    file = path.join(f.archive.dir, 'all.wacz');
    await writeWacz(db(), file, resolveScope(db(), {}));
    zip = await readZip(file);
  });
  afterAll(() => f.archive.close());

  it('lists every file in datapackage.json with its recomputed sha256 and size, and hashes datapackage.json', () => {
    const datapackage = JSON.parse(zip.get('datapackage.json')!.data.toString('utf8')) as {
      wacz_version: string;
      resources: Resource[];
      mainPageUrl?: string;
    };
    expect(datapackage.wacz_version).toBe('1.1.1');
    const listed = datapackage.resources.map((r) => r.path).sort();
    const inZip = [...zip.keys()].filter((n) => !n.startsWith('datapackage')).sort();
    expect(listed).toEqual(inZip);
    expect(listed).toEqual(
      expect.arrayContaining([
        'archive/data.warc',
        'indexes/index.cdx',
        'pages/pages.jsonl',
        'annotations/annotations.jsonld',
      ]),
    );
    for (const r of datapackage.resources) {
      const data = zip.get(r.path)!.data;
      expect(r.hash, r.path).toBe(`sha256:${sha256(data)}`);
      expect(r.bytes, r.path).toBe(data.length);
    }
    const digest = JSON.parse(zip.get('datapackage-digest.json')!.data.toString('utf8')) as {
      path: string;
      hash: string;
    };
    expect(digest.path).toBe('datapackage.json');
    expect(digest.hash).toBe(`sha256:${sha256(zip.get('datapackage.json')!.data)}`);
    // Replay tools seek into WARC files by offset: they are stored, not deflated.
    expect(zip.get('archive/data.warc')!.compressionMethod).toBe(0);
  });

  it('writes every capture and asset as WARC records warcio reads, with true media types, dates and digests', async () => {
    const warc = zip.get('archive/data.warc')!.data;
    const records: Array<{
      type: string;
      url: string | null;
      date: string | null;
      ctype: string | null;
      payload: Buffer;
      digest: string | null;
    }> = [];
    for await (const r of new WARCParser([warc])) {
      const payload = Buffer.from(await r.readFully(false));
      records.push({
        type: r.warcType,
        url: r.warcTargetURI ?? null,
        date: r.warcDate ?? null,
        ctype: r.warcContentType ?? null,
        payload,
        digest: r.warcPayloadDigest ?? null,
      });
    }
    expect(records[0]!.type).toBe('warcinfo');
    // Every version of every article: the saved page twice, the note, the clipping, and the WARC capture.
    const resources = records.filter((r) => r.type === 'resource');
    const page = f.archive.api.getArticle({ id: f.page });
    expect(page.captures).toHaveLength(2);
    for (const c of page.captures) {
      const rec = resources.find((r) => r.url === PAGE_URL && r.date === c.capturedAt);
      expect(rec, c.capturedAt).toBeDefined();
      expect(rec!.ctype).toBe('text/html; charset=utf-8');
      expect(sha256(rec!.payload)).toBe(c.sha256);
      expect(rec!.digest).toBe(`sha256:${c.sha256}`);
    }
    const note = f.archive.api.getArticle({ id: f.note });
    const noteRec = resources.find((r) => r.ctype?.startsWith('text/markdown'));
    expect(noteRec?.date).toBe(note.captures[0]!.capturedAt);
    expect(sha256(noteRec!.payload)).toBe(note.captures[0]!.sha256);
    const clipRec = resources.find((r) => r.ctype?.startsWith('text/plain'));
    expect(clipRec?.payload.toString('utf8')).toContain('tidal barrage');
    const photo = resources.find((r) => r.ctype === 'image/png');
    expect(photo?.url).toBe('https://news.example.org/2024/Lighthouse_files/photo.png');
    expect(
      photo!.payload.equals(
        fs.readFileSync(
          path.resolve(import.meta.dirname, '../../fixtures/importers/saved-page/Article_files/photo.png'),
        ),
      ),
    ).toBe(true);
    // The capture that came from a web archive: its original records, byte for byte, in the package's WARC.
    expect(warc.indexOf(Buffer.from(f.warcRecords))).toBeGreaterThan(0);
    const response = records.find((r) => r.type === 'response');
    expect(response?.url).toBe(WARC_PAGE_URL);
    expect(response?.date).toBe(WARC_PAGE_DATE);
    expect(records.some((r) => r.type === 'request' && r.url === WARC_PAGE_URL)).toBe(true);
  });

  it('indexes every record in a sorted CDXJ whose offsets point at the records', async () => {
    const warc = zip.get('archive/data.warc')!.data;
    const lines = zip.get('indexes/index.cdx')!.data.toString('utf8').trimEnd().split('\n');
    expect([...lines].sort()).toEqual(lines);
    expect(lines.length).toBe(6); // 2 page versions, photo, note, clipping, WARC response (requests are not indexed)
    for (const line of lines) {
      const json = JSON.parse(line.slice(line.indexOf('{'))) as { url: string; offset: string; length: string };
      const slice = warc.subarray(Number(json.offset), Number(json.offset) + Number(json.length));
      const record = await WARCParser.parse([slice]);
      expect(record?.warcTargetURI).toBe(json.url);
    }
  });

  it('lists every article in pages.jsonl with its title and text', () => {
    const [header, ...pages] = zip
      .get('pages/pages.jsonl')!
      .data.toString('utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(header).toMatchObject({ format: 'json-pages-1.0', hasText: true });
    expect(pages).toHaveLength(4);
    const lighthouse = pages.find((p) => p.url === PAGE_URL)!;
    expect(lighthouse.title).toBe('The Last Lighthouse Keepers');
    expect(lighthouse.text).toContain('the lamp is electric now');
    expect(lighthouse.ts).toBe(f.archive.api.getArticle({ id: f.page }).captures[0]!.capturedAt);
    expect(pages.find((p) => p.title === f.noteTitle)?.text).toContain('apricot and black tea');
    expect(pages.find((p) => p.url === WARC_PAGE_URL)?.ts).toBe(new Date(WARC_PAGE_DATE).toISOString());
  });

  it('carries the annotations as W3C Web Annotation JSON-LD', () => {
    const doc = JSON.parse(zip.get('annotations/annotations.jsonld')!.data.toString('utf8')) as {
      '@context': string;
      type: string;
      total: number;
      first: {
        items: Array<{
          type: string;
          target: { source: string; selector?: Array<{ type: string; exact?: string }> };
          body?: Array<{ value: string; purpose: string }>;
        }>;
      };
    };
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(2);
    const highlight = doc.first.items.find((a) => a.target.source === PAGE_URL)!;
    expect(highlight.type).toBe('Annotation');
    expect(highlight.target.selector?.find((s) => s.type === 'TextQuoteSelector')?.exact).toBe(
      'one hundred and twelve steps',
    );
    expect(highlight.body).toEqual(
      expect.arrayContaining([{ type: 'TextualBody', value: 'stairs', purpose: 'tagging' }]),
    );
  });

  it('exports a collection or chosen articles only', async () => {
    const coll = path.join(f.archive.dir, 'coast.wacz');
    const result = await writeWacz(db(), coll, resolveScope(db(), { collection: 'Coast' }));
    expect(result.articles).toBe(2);
    const pages = (await readZip(coll)).get('pages/pages.jsonl')!.data.toString('utf8');
    expect(pages).toContain('Tidal energy');
    expect(pages).not.toContain('Café notes');
    const one = await writeWacz(db(), path.join(f.archive.dir, 'one.wacz'), resolveScope(db(), { ids: [f.note] }));
    expect(one).toMatchObject({ articles: 1, captures: 1, annotations: 1 });
  });

  it('leaves nothing at the target or beside it when cancelled, and refuses to overwrite a file', async () => {
    const target = path.join(f.archive.dir, 'cancelled.wacz');
    const controller = new AbortController();
    await expect(
      writeWacz(db(), target, resolveScope(db(), {}), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done === 1) controller.abort();
        },
      }),
    ).rejects.toBeInstanceOf(ExportCancelled);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(f.archive.dir).filter((n) => n.includes('partial'))).toEqual([]);
    await expect(writeWacz(db(), file, resolveScope(db(), {}))).rejects.toThrow(/already exists/);
  });
});
