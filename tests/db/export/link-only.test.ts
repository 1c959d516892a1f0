// Packages and link-only articles: an export's record of a link (a Pocket row) is never presented as the page.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ArticleId } from '../../../db/contract/types.js';
import { articleFolderName } from '../../../db/export/bag-names.js';
import { writeBag } from '../../../db/export/bagit.js';
import { resolveScope } from '../../../db/export/scope.js';
import { writeWacz } from '../../../db/export/wacz.js';
import { tempArchive, writeFile, type TempArchive } from '../../helpers/archive.js';
import { readZip } from './zip-read.js';

const POCKET = `<!DOCTYPE html><html><head><title>Pocket Export</title></head><body><h1>Unread</h1><ul>
<li><a href="https://example.com/lighthouse" time_added="1577880000" tags="sea">The lighthouse keeper</a></li>
<li><a href="https://example.com/tides" time_added="1577880001" tags="">Tides</a></li>
</ul></body></html>`;
const PAGE = `<html><head><title>The lighthouse keeper</title></head><body><article><p>The keeper kept a log of every
passing ship for forty years, and the harbour master read it each winter.</p></article></body></html>`;

let t: TempArchive;
let keeper: ArticleId;
beforeEach(async () => {
  t = tempArchive();
  await t.api.importPaths({ paths: [writeFile(t.dir, 'ril_export.html', POCKET)] });
  // The lighthouse page captured later: its link record stays as the article's older version.
  const r = await t.api.importFile({
    fileName: 'keeper.html',
    dataBase64: Buffer.from(PAGE).toString('base64'),
    sourceUrl: 'https://example.com/lighthouse',
    mediaType: 'text/html',
  });
  keeper = r.id!;
  expect(t.api.getArticle({ id: keeper }).captures).toHaveLength(2);
});
afterEach(async () => {
  await t.close();
});

it('WACZ: link records are no WARC records; only the captured page is a page', async () => {
  const db = t.api.archive.db;
  const file = path.join(t.dir, 'all.wacz');
  const result = await writeWacz(db, file, resolveScope(db, {}));
  expect(result.captures).toBe(1);
  expect(result.notes.join('\n')).toMatch(/not captured yet \(imported as a link\)/);
  const zip = await readZip(file);
  const warc = zip.get('archive/data.warc')!.data.toString('latin1');
  expect(warc).toContain('forty years');
  // The Pocket export's <a> element, the bytes of both link records, appears nowhere in the WARC.
  expect(warc).not.toContain('time_added');
  const cdx = zip.get('indexes/index.cdx')!.data.toString('utf8').trim().split('\n');
  expect(cdx.filter((l) => l.includes('example.com/tides'))).toEqual([]);
  expect(cdx.filter((l) => l.includes('lighthouse'))).toHaveLength(1);
  const pages = zip
    .get('pages/pages.jsonl')!
    .data.toString('utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l) as { url: string; title: string; text: string });
  expect(pages.map((p) => [p.url, p.title])).toEqual([['https://example.com/lighthouse', 'The lighthouse keeper']]);
  expect(pages[0]!.text).toContain('forty years');
});

it('BagIt: link records kept beside the metadata, not among the captures', async () => {
  const db = t.api.archive.db;
  const bag = path.join(t.dir, 'bag');
  const result = await writeBag(db, bag, resolveScope(db, {}));
  expect(result.captures).toBe(1);
  const folderOf = (id: number) => articleFolderName(id, t.api.getArticle({ id: id as ArticleId }).title);
  const keeperDir = path.join(bag, 'data', folderOf(keeper));
  expect(fs.readdirSync(path.join(keeperDir, 'captures'))).toHaveLength(1);
  const linkFiles = fs.readdirSync(keeperDir).filter((n) => n.startsWith('link-record-'));
  expect(linkFiles).toHaveLength(1);
  expect(fs.readFileSync(path.join(keeperDir, linkFiles[0]!), 'utf8')).toContain('example.com/lighthouse');
  const meta = JSON.parse(fs.readFileSync(path.join(keeperDir, 'metadata.json'), 'utf8')) as {
    captures: { file: string; linkRecord?: boolean }[];
  };
  expect(meta.captures.map((c) => [c.file.split('/')[0], c.linkRecord ?? false])).toEqual([
    [expect.stringMatching(/^captures$/), false],
    [linkFiles[0], true],
  ]);
  const tides = t.api.listArticles({ filter: { linkOnly: true } }).items[0]!;
  const tidesDir = path.join(bag, 'data', folderOf(tides.id));
  expect(fs.existsSync(path.join(tidesDir, 'captures'))).toBe(false);
});
