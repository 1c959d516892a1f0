// WACZ import: the page list decides the pages (titles, redirects followed), read from the ZIP in place.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempArchive, type TempArchive } from '../../../helpers/archive.js';
import { PNG, sha256, wacz, warc, type RecordSpec } from './build.js';

const SITE = 'https://pack.example';
const body = (title: string, img = '') =>
  `<html><head><title>${title} (tab title)</title></head><body><article><p>${title}: the ferry timetable of 1931 was kept in the harbour office and copied by hand each spring.</p>${img}</article></body></html>`;

const RECORDS: RecordSpec[] = [
  {
    url: `${SITE}/one`,
    date: '2024-04-01T08:00:00Z',
    contentType: 'text/html',
    body: body('One', '<img src="pic.png">'),
  },
  { url: `${SITE}/pic.png`, date: '2024-04-01T08:00:01Z', contentType: 'image/png', body: PNG },
  { url: `${SITE}/moved`, date: '2024-04-01T08:00:02Z', status: 302, headers: { Location: `${SITE}/two` } },
  { url: `${SITE}/two`, date: '2024-04-01T08:00:03Z', contentType: 'text/html', body: body('Two') },
  { url: `${SITE}/unlisted`, date: '2024-04-01T08:00:04Z', contentType: 'text/html', body: body('Unlisted') },
];

describe('WACZ import', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('imports the pages pages.jsonl lists, with its titles, following a redirect, images included', async () => {
    const file = path.join(t.dir, 'pack.wacz');
    await wacz(file, await warc(RECORDS), [
      { url: `${SITE}/one`, ts: '2024-04-01T08:00:00Z', title: 'The First Page' },
      { url: `${SITE}/moved`, ts: '2024-04-01T08:00:02Z', title: 'The Second Page' },
      { url: `${SITE}/gone`, ts: '2024-04-01T08:00:09Z', title: 'Never captured' },
    ]);
    const report = await t.api.importPaths({ paths: [file] });
    expect(report.imported).toBe(2);
    // The unlisted page is not an article; the listed page that is not in the container is reported.
    const titles = t.api
      .listArticles({})
      .items.map((a) => a.title)
      .sort();
    expect(titles).toEqual(['The First Page', 'The Second Page']);
    const failed = report.outcomes.filter((o) => o.status === 'failed');
    expect(failed.map((o) => `${o.file}: ${o.error}`)).toEqual([
      `${file} › ${SITE}/gone: Listed as a page, but no capture of it is in the container.`,
    ]);
    const one = t.api.getArticle({ id: t.api.listArticles({}).items.find((a) => a.title === 'The First Page')!.id });
    expect(one.captures[0]).toMatchObject({
      importer: 'wacz',
      mediaType: 'application/warc',
      capturedAt: '2024-04-01T08:00:00.000Z',
    });
    expect(one.html).toContain(`asset:${sha256(PNG)}`);
    const detail = one.events.map((e) => e.detail).join('\n');
    expect(detail).toContain(`from pack.wacz (sha256 ${sha256(fs.readFileSync(file))})`);
    expect(detail).toContain('of archive/data.warc.gz');
    const two = t.api.getArticle({ id: t.api.listArticles({}).items.find((a) => a.title === 'The Second Page')!.id });
    expect(two.sourceUrl).toBe(`${SITE}/two`);
    expect(two.events.map((e) => e.detail).join('\n')).toContain(`reached by redirect from ${SITE}/moved`);
    expect(t.api.verify({}).mismatches).toEqual([]);
  });

  it('without a page list imports every HTML page, and a second import skips them all', async () => {
    const file = path.join(t.dir, 'nolist.wacz');
    await wacz(file, await warc(RECORDS), null);
    const first = await t.api.importPaths({ paths: [file] });
    expect(first).toMatchObject({ imported: 3, failed: 0 });
    const again = await t.api.importPaths({ paths: [file] });
    expect(again).toMatchObject({ imported: 0, duplicates: 3, failed: 0 });
  });
});
