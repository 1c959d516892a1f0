// Search hits say when the article is a link only (imported from an export, not captured yet), as the library does.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempArchive, writeFile, type TempArchive } from '../../helpers/archive.js';

let t: TempArchive;
beforeEach(() => {
  t = tempArchive();
});
afterEach(async () => {
  await t.close();
});

const POCKET = `<!DOCTYPE html><html><head><title>Pocket Export</title></head><body><h1>Unread</h1><ul>
<li><a href="https://example.com/lighthouse" time_added="1577880000" tags="sea">The lighthouse keeper</a></li>
</ul></body></html>`;

it('marks a link-only hit "linkOnly", and drops the mark once the page is captured', async () => {
  await t.api.importPaths({ paths: [writeFile(t.dir, 'ril_export.html', POCKET)] });
  await t.api.importFile({
    fileName: 'tides.txt',
    dataBase64: Buffer.from('The lighthouse tide tables.').toString('base64'),
  });
  const hits = () =>
    t.api
      .search({ query: 'lighthouse' })
      .hits.map((h) => [h.title, h.linkOnly ?? false])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  expect(hits()).toEqual([
    ['The lighthouse keeper', true],
    ['The lighthouse tide tables.', false],
  ]);
  const page = Buffer.from(
    '<html><head><title>The lighthouse keeper</title></head><body><article><p>The lighthouse keeper kept a log of every passing ship for forty years.</p></article></body></html>',
  );
  const r = await t.api.importFile({
    fileName: 'keeper.html',
    dataBase64: page.toString('base64'),
    sourceUrl: 'https://example.com/lighthouse',
    mediaType: 'text/html',
  });
  expect(r.status).toBe('imported');
  expect(t.api.listArticles({}).total).toBe(2);
  expect(hits()).toEqual([
    ['The lighthouse keeper', false],
    ['The lighthouse tide tables.', false],
  ]);
});
