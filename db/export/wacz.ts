// `stacks export --wacz`: a WACZ 1.1.1 package (WARC records, CDXJ index, pages with text, annotations) ReplayWeb.page opens.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AnnotationCollectionWriter } from './annotation-stream.js';
import {
  annotationsJsonLd,
  captureIdsOf,
  highlightColors,
  readArticleBrief,
  readAssets,
  readCapture,
} from './article-data.js';
import {
  checkCancelled,
  ExportCancelled,
  ProgressReporter,
  publish,
  refuseExisting,
  removeQuietly,
  workFolderFor,
  type ExportResult,
  type ExportRunOptions,
} from './run.js';
import type { ResolvedScope } from './scope.js';
import { HashingFileSink } from './sink.js';
import {
  assetUrl,
  captureBlock,
  captureUrl,
  resourceEntry,
  resourceRecord,
  SOFTWARE,
  warcDate,
  warcInfoRecord,
} from './warc-records.js';
import { writeZip, type ZipEntry } from './zip.js';

const WARC_NAME = 'data.warc';

interface PackagedFile {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
  compress: boolean;
}

/** pages.jsonl's timestamp form: ISO 8601 in UTC. */
function pageTs(iso: string): string {
  return warcDate(iso);
}

export async function writeWacz(
  db: Database.Database,
  target: string,
  scope: ResolvedScope,
  options: ExportRunOptions = {},
): Promise<ExportResult> {
  refuseExisting(target);
  const now = options.now ?? new Date();
  const work = workFolderFor(target);
  const sinks: HashingFileSink[] = [];
  const open = (name: string): HashingFileSink => {
    const s = new HashingFileSink(path.join(work, name));
    sinks.push(s);
    return s;
  };
  try {
    const result = await writeInto(db, work, scope, options, now, open);
    publish(path.join(work, 'package.wacz'), target);
    removeQuietly(work);
    return { ...result, path: target, bytes: fs.statSync(target).size };
  } catch (err) {
    for (const s of sinks) s.destroy();
    removeQuietly(work);
    if (options.signal?.aborted) throw new ExportCancelled();
    throw err;
  }
}

async function writeInto(
  db: Database.Database,
  work: string,
  scope: ResolvedScope,
  options: ExportRunOptions,
  now: Date,
  open: (name: string) => HashingFileSink,
): Promise<Omit<ExportResult, 'path' | 'bytes'>> {
  const { signal } = options;
  const progress = new ProgressReporter(scope.ids.length, options.onProgress);
  const title = options.title ?? `Stacks: ${scope.label}`;
  const warc = open(WARC_NAME);
  const pages = open('pages.jsonl');
  const annotationsFile = open('annotations.jsonld');
  const annotations = new AnnotationCollectionWriter((t) => annotationsFile.write(t), title, now);
  await annotations.begin();
  await warc.write(await warcInfoRecord(WARC_NAME, { software: SOFTWARE, format: 'WARC File Format 1.1', title }));
  await pages.write(
    `${JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages', hasText: true })}\n`,
  );
  const cdx: string[] = [];
  const assetsWritten = new Set<string>();
  const colors = highlightColors(db);
  const notes: string[] = [];
  let captures = 0;
  let mainPage: { url: string; ts: string } | null = null;
  progress.report('articles');

  for (const id of scope.ids) {
    checkCancelled(signal);
    const article = readArticleBrief(db, id);
    let page: { url: string; ts: string } | null = null;
    const currentId = article.current?.id;
    for (const captureId of captureIdsOf(db, id)) {
      const capture = readCapture(db, captureId);
      // An export's record of a link (a CSV row) is not the page: written at the page's URL, a replay tool would
      // show the row as the page. Only real captures become records and pages.
      if (capture.linkRecord) continue;
      const url = captureUrl(article, capture);
      const block = await captureBlock(capture, url, WARC_NAME, warc.bytes);
      if (capture.mediaType === 'application/warc' && !block.original)
        notes.push(`article ${id}: capture ${capture.sha256} is not well-formed WARC; written as a resource record`);
      await warc.write(block.bytes);
      for (const e of block.entries) cdx.push(e.line);
      captures++;
      // The page to open is the capture's HTML record (for a WARC capture: its first indexed HTML response).
      const html = block.entries.find((e) => e.mime?.startsWith('text/html')) ?? block.entries[0];
      const pageUrl = html?.url ?? url;
      if (captureId === currentId && html) page = { url: html.url, ts: pageTs(capture.capturedAt) };
      for (const asset of readAssets(db, captureId)) {
        const aUrl = assetUrl(pageUrl, asset);
        const key = `${aUrl} ${asset.sha256}`;
        if (assetsWritten.has(key)) continue;
        assetsWritten.add(key);
        const bytes = await resourceRecord(aUrl, capture.capturedAt, asset.mediaType, asset.bytes, asset.sha256);
        cdx.push(
          resourceEntry(aUrl, capture.capturedAt, asset.mediaType, asset.sha256, warc.bytes, bytes.length, WARC_NAME)
            .line,
        );
        await warc.write(bytes);
      }
    }
    if (!page && article.current && readCapture(db, article.current.id).linkRecord)
      notes.push(`article ${id}: not captured yet (imported as a link): in annotations only, not a page`);
    if (page) {
      mainPage ??= page;
      const line = {
        id: `stacks-article-${article.id}`,
        url: page.url,
        ts: page.ts,
        title: article.title,
        text: article.text,
      };
      await pages.write(`${JSON.stringify(line)}\n`);
    }
    await annotations.add(annotationsJsonLd(db, article, colors));
    progress.done++;
    progress.bytes = warc.bytes;
    progress.report('articles', article.title);
    await progress.tick();
  }

  checkCancelled(signal);
  progress.report('packaging');
  const annotationCount = await annotations.end();
  // CDXJ is sorted by SURT key then timestamp, so replay tools can search it.
  cdx.sort();
  const index = open('index.cdx');
  for (const line of cdx) await index.write(`${line}\n`);
  const files: PackagedFile[] = [];
  const closeAs = async (sink: HashingFileSink, name: string, compress: boolean): Promise<void> => {
    const { sha256, bytes } = await sink.close();
    files.push({ name, path: sink.path, sha256, bytes, compress });
  };
  await closeAs(warc, `archive/${WARC_NAME}`, false);
  await closeAs(index, 'indexes/index.cdx', false);
  await closeAs(pages, 'pages/pages.jsonl', true);
  await closeAs(annotationsFile, 'annotations/annotations.jsonld', true);

  const datapackage = {
    profile: 'data-package',
    wacz_version: '1.1.1',
    title,
    description: `Exported from Stacks: ${scope.ids.length} article(s), ${scope.label}.`,
    created: now.toISOString(),
    modified: now.toISOString(),
    software: SOFTWARE,
    ...(mainPage ? { mainPageUrl: mainPage.url, mainPageDate: mainPage.ts } : {}),
    resources: files.map((f) => ({
      name: path.posix.basename(f.name),
      path: f.name,
      hash: `sha256:${f.sha256}`,
      bytes: f.bytes,
    })),
  };
  const datapackageBytes = Buffer.from(`${JSON.stringify(datapackage, null, 2)}\n`, 'utf8');
  const digest = {
    path: 'datapackage.json',
    hash: `sha256:${createHash('sha256').update(datapackageBytes).digest('hex')}`,
  };
  const entries: ZipEntry[] = [
    ...files.map((f) => ({ name: f.name, file: f.path, compress: f.compress })),
    { name: 'datapackage.json', buffer: datapackageBytes, compress: true },
    { name: 'datapackage-digest.json', buffer: Buffer.from(`${JSON.stringify(digest, null, 2)}\n`), compress: true },
  ];
  await writeZip(entries, path.join(work, 'package.wacz'), now, signal);
  progress.bytes = fs.statSync(path.join(work, 'package.wacz')).size;
  progress.report('done');
  return { articles: scope.ids.length, captures, assets: assetsWritten.size, annotations: annotationCount, notes };
}
