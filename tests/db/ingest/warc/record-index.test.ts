// The record index of a web archive import: kept in a temporary SQLite database, read back in chunks, closed after the last page.
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isProblem, type SourceItem } from '../../../../db/ingest/source.js';
import { listArchive } from '../../../../db/ingest/warc/archive-items.js';
import { bufferStore } from '../../../../db/ingest/warc/byte-store.js';
import { openScratch } from '../../../../db/ingest/warc/record-index.js';
import { warc, type RecordSpec } from './build.js';

const PAGES = 300;

/** More pages than one chunk of the plan (256) and more records than one chunk of the planning pass (1,000). */
function specs(): RecordSpec[] {
  const out: RecordSpec[] = [];
  for (let i = 0; i < PAGES; i++) {
    const url = `https://example.org/${i}/page.html`;
    const date = new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString();
    out.push({ type: 'request', url, date });
    out.push({ url, date, contentType: 'text/html', body: `<html><title>Page ${i}</title><p>Text ${i}</p></html>` });
    out.push({ url: `https://example.org/${i}/a.js`, date, contentType: 'text/javascript', body: `var a = ${i};` });
    out.push({ url: `https://example.org/${i}/b.css`, date, contentType: 'text/css', body: `p { order: ${i} }` });
  }
  return out;
}

describe('web archive record index', () => {
  it('lists every page once, in container order, each with its request, and closes the index after the last page', async () => {
    const bytes = await warc(specs());
    const opened: Database.Database[] = [];
    const listing = listArchive(
      [{ store: bufferStore(bytes), label: '' }],
      {
        name: 'big.warc.gz',
        filePath: null,
        importer: 'warc',
        pageList: null,
        problems: [],
        containerSha256: async (scanned) => scanned[0] ?? '',
        scratch: () => {
          const db = openScratch();
          opened.push(db);
          return db;
        },
      },
      {},
    );
    const items: SourceItem[] = [];
    for await (const item of listing) {
      expect(isProblem(item)).toBe(false);
      items.push(item as SourceItem);
    }
    expect(items.map((i) => i.name)).toEqual(
      Array.from({ length: PAGES }, (_, i) => `big.warc.gz › https://example.org/${i}/page.html`),
    );
    expect(opened).toHaveLength(1);
    const index = opened[0]!;
    // Listed, but pages still to be imported: the index stays open for them.
    expect(index.open).toBe(true);
    for (const [i, item] of items.entries()) {
      const got = await item.read();
      const text = Buffer.from(got.bytes).toString('latin1');
      // The capture's original: the page's response record, then its request record.
      expect(text.indexOf('WARC-Type: response')).toBeGreaterThanOrEqual(0);
      expect(text.indexOf('WARC-Type: request')).toBeGreaterThan(text.indexOf('WARC-Type: response'));
      const { input, stamp } = await got.prepare();
      expect(Buffer.from(input.bytes).toString('utf8')).toContain(`<p>Text ${i}</p>`);
      expect(stamp?.sourceUrl).toBe(`https://example.org/${i}/page.html`);
      if (i < PAGES - 1) {
        got.done?.();
        expect(index.open).toBe(true);
      } else {
        got.done?.();
      }
    }
    expect(index.open).toBe(false);
  });

  it('closes the index when the listing is given up, once the pages it handed out are done', async () => {
    const bytes = await warc(specs().slice(0, 40));
    let db: Database.Database | null = null;
    const listing = listArchive(
      [{ store: bufferStore(bytes), label: '' }],
      {
        name: 'small.warc.gz',
        filePath: null,
        importer: 'warc',
        pageList: null,
        problems: [],
        containerSha256: async (scanned) => scanned[0] ?? '',
        scratch: () => (db = openScratch()),
      },
      {},
    );
    const first = await listing.next();
    expect(first.done).toBe(false);
    // The first page was handed out: the index waits for it.
    await listing.return(undefined);
    expect(db!.open).toBe(true);
    const got = await (first.value as SourceItem).read();
    got.done?.();
    expect(db!.open).toBe(false);
  });
});
