// A small archive to export: a saved web page with an image (two versions), a Markdown note, a clipping, annotations.
import fs from 'node:fs';
import path from 'node:path';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { ArticleId } from '../../../db/contract/types.js';
import { storeCapture } from '../../../db/ingest/store.js';
import { sha256Hex } from '../../../db/util.js';
import type { ArchiveService } from '../../../db/api.js';
import { tempArchive, writeFile, type TempArchive } from '../../helpers/archive.js';

export const PAGE_URL = 'https://news.example.org/2024/lighthouse-keepers';
export const WARC_PAGE_URL = 'https://archive.example.net/tides/spring-tide';
export const WARC_PAGE_DATE = '2023-09-14T10:11:12Z';
export const PHOTO = path.resolve(import.meta.dirname, '../../fixtures/importers/saved-page/Article_files/photo.png');

export interface ExportFixture extends SeededArticles {
  archive: TempArchive;
}

export interface SeededArticles {
  page: ArticleId;
  note: ArticleId;
  clip: ArticleId;
  /** An article captured from a web archive: its original bytes are its WARC request and response records. */
  warc: ArticleId;
  warcRecords: Uint8Array;
  /** Title of the note: Unicode and a percent sign, to exercise file naming and the bag's percent-encoding. */
  noteTitle: string;
}

export function pageHtml(version: 1 | 2): string {
  const extra = version === 2 ? '<p>A correction was added on the second visit: the lamp is electric now.</p>' : '';
  return `<!DOCTYPE html>
<!-- saved from url=(0050)${PAGE_URL} -->
<html lang="en"><head><meta charset="utf-8"><title>The Last Lighthouse Keepers</title>
<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>
<body><article><h1>The Last Lighthouse Keepers</h1>
<p>On the northern cape the keepers climbed one hundred and twelve steps every evening to light the lamp.</p>
<figure><img src="Lighthouse_files/photo.png" alt="The lamp room"><figcaption>The lamp room at dusk.</figcaption></figure>
<p>Their logbooks record storms, shipwrecks and the slow arrival of automation along the coast.</p>${extra}
</article></body></html>`;
}

export async function buildExportFixture(): Promise<ExportFixture> {
  const archive = tempArchive();
  return { archive, ...(await seedExportArticles(archive.api, archive.dir)) };
}

/** Imports the fixture's articles into any archive (a test's own, or the e2e harness's). */
export async function seedExportArticles(api: ArchiveService, dir: string): Promise<SeededArticles> {
  const archive = { api };
  const src = path.join(dir, 'src');
  writeFile(src, 'v1/Lighthouse.html', pageHtml(1));
  fs.mkdirSync(path.join(src, 'v1/Lighthouse_files'), { recursive: true });
  fs.copyFileSync(PHOTO, path.join(src, 'v1/Lighthouse_files/photo.png'));
  const noteTitle = 'Café notes: 100% arabica, 東京';
  writeFile(
    src,
    'note.md',
    `---\ntitle: "${noteTitle}"\ntags: [coffee]\n---\n\n# Tasting\n\nThe **washed** beans from the highlands tasted of apricot and black tea.\n`,
  );
  writeFile(src, 'clip.txt', 'Tidal energy\n\nThe tidal barrage produced enough power for the whole estuary town.\n');
  const first = await archive.api.importPaths({
    paths: [path.join(src, 'v1'), path.join(src, 'note.md'), path.join(src, 'clip.txt')],
  });
  if (first.failed) throw new Error(`fixture import failed: ${JSON.stringify(first.outcomes)}`);
  // Two visits are seconds apart at least (web archive timestamps keep whole seconds, so replay could not tell two
  // captures in the same second apart): the first visit was an hour before the second.
  api.archive.db
    .prepare('UPDATE capture SET captured_at = ? WHERE sha256 = ?')
    .run(new Date(Date.now() - 3_600_000).toISOString(), sha256Hex(new TextEncoder().encode(pageHtml(1))));
  // A second visit to the same page: a new version (capture) of the same article.
  writeFile(src, 'v2/Lighthouse.html', pageHtml(2));
  fs.mkdirSync(path.join(src, 'v2/Lighthouse_files'), { recursive: true });
  fs.copyFileSync(PHOTO, path.join(src, 'v2/Lighthouse_files/photo.png'));
  const second = await archive.api.importPaths({ paths: [path.join(src, 'v2')] });
  if (second.imported !== 1) throw new Error(`fixture re-capture failed: ${JSON.stringify(second.outcomes)}`);

  const warcRecords = await warcCaptureRecords();
  const db = archive.api.archive.db;
  const stored = db.transaction(() =>
    storeCapture(db, {
      file: 'tides.warc',
      bytes: warcRecords,
      sha256: sha256Hex(warcRecords),
      sourcePath: null,
      capture: {
        importer: 'warc',
        importerVersion: '1',
        mediaType: 'application/warc',
        charset: null,
        title: 'Spring tide at the estuary',
        byline: null,
        siteName: 'Archive Example',
        sourceUrl: WARC_PAGE_URL,
        canonicalUrl: WARC_PAGE_URL,
        publishedAt: null,
        language: 'en',
        excerpt: null,
        html: '<p>The spring tide reached the harbour wall at dawn.</p>',
        text: 'The spring tide reached the harbour wall at dawn.',
        wordCount: 9,
        assets: [],
      },
    }),
  )();
  if (stored.status !== 'imported') throw new Error(`fixture WARC capture: ${JSON.stringify(stored)}`);
  // The convention: a web archive capture's date is its WARC-Date.
  db.prepare('UPDATE capture SET captured_at = ? WHERE sha256 = ?').run(
    new Date(WARC_PAGE_DATE).toISOString(),
    sha256Hex(warcRecords),
  );

  const list = archive.api.listArticles({ limit: 10 }).items;
  const byTitle = (t: string): ArticleId => {
    const a = list.find((x) => x.title === t);
    if (!a) throw new Error(`no article titled ${t}: ${list.map((x) => x.title).join(', ')}`);
    return a.id;
  };
  const page = byTitle('The Last Lighthouse Keepers');
  const note = byTitle(noteTitle);
  const clip = byTitle('Tidal energy');
  const text = archive.api.getArticle({ id: page }).text;
  const start = text.indexOf('one hundred and twelve steps');
  archive.api.createAnnotation({
    articleId: page,
    kind: 'highlight',
    start,
    end: start + 'one hundred and twelve steps'.length,
    color: 'yellow',
    note: 'Every evening!',
    tags: ['stairs'],
  });
  archive.api.createAnnotation({ articleId: note, kind: 'article-note', note: 'Buy more of these beans.' });
  archive.api.addToCollection({ ids: [page, clip], collection: 'Coast' });
  return { page, note, clip, noteTitle, warc: stored.id!, warcRecords };
}

/** A request and its response, as a crawler writes them (what warcin keeps as the capture's original bytes). */
async function warcCaptureRecords(): Promise<Uint8Array> {
  const body = new TextEncoder().encode(
    '<!doctype html><html><head><title>Spring tide at the estuary</title></head><body><p>The spring tide reached the harbour wall at dawn.</p></body></html>',
  );
  const response = WARCRecord.create(
    {
      url: WARC_PAGE_URL,
      date: WARC_PAGE_DATE,
      type: 'response',
      warcVersion: 'WARC/1.0',
      statusline: 'HTTP/1.1 200 OK',
      httpHeaders: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(body.length) },
    },
    [body],
  );
  const request = WARCRecord.create(
    {
      url: WARC_PAGE_URL,
      date: WARC_PAGE_DATE,
      type: 'request',
      warcVersion: 'WARC/1.0',
      statusline: 'GET /tides/spring-tide HTTP/1.1',
      httpHeaders: { Host: 'archive.example.net', 'User-Agent': 'test-crawler/1.0' },
    },
    [],
  );
  const a = await WARCSerializer.serialize(response);
  const b = await WARCSerializer.serialize(request);
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
