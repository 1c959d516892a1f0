// `stacks export --bagit`: an RFC 8493 bag with, per article, every capture's original bytes, reader HTML, text, metadata, annotations, assets.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { ArticleDetail, BagInfoFields } from '../contract/types.js';
import { AnnotationCollectionWriter } from './annotation-stream.js';
import {
  annotationsJsonLd,
  briefOf,
  captureIdsOf,
  highlightColors,
  readArticle,
  readAssets,
  readCapture,
} from './article-data.js';
import { articleFolderName, compactDate, encodeManifestPath, extensionFor } from './bag-names.js';
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
import { SOFTWARE } from './warc-records.js';
import { writeZip, type ZipEntry } from './zip.js';

/** Fields Stacks computes; a user cannot set them. */
const RESERVED = new Set(['bagging-date', 'payload-oxum', 'bag-software-agent']);

export interface BagOptions extends ExportRunOptions {
  bagInfo?: BagInfoFields;
}

/** Checks user-set bag-info.txt fields: a label is one token without ":" or whitespace (RFC 8493 2.2.2). */
export function checkBagInfo(fields: BagInfoFields | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [label, value] of Object.entries(fields ?? {})) {
    if (!/^[^\s:]+$/.test(label)) throw new ArchiveError('INVALID_INPUT', `"${label}" is not a valid bag-info label.`);
    if (RESERVED.has(label.toLowerCase())) throw new ArchiveError('INVALID_INPUT', `${label} is set by Stacks.`);
    out.push([label, value]);
  }
  return out;
}

/** Writes the bag in a work folder beside `target` and renames it to `target` when complete. */
export async function writeBag(
  db: Database.Database,
  target: string,
  scope: ResolvedScope,
  options: BagOptions = {},
): Promise<ExportResult> {
  refuseExisting(target);
  const fields = checkBagInfo(options.bagInfo);
  const work = workFolderFor(target);
  try {
    const result = await writeBagInto(db, path.join(work, 'bag'), scope, options, fields);
    checkCancelled(options.signal);
    publish(path.join(work, 'bag'), target);
    removeQuietly(work);
    return { ...result, path: target };
  } catch (err) {
    removeQuietly(work);
    if (options.signal?.aborted) throw new ExportCancelled();
    throw err;
  }
}

/** The same bag serialized as one ZIP whose single top folder is the bag (RFC 8493 section 4), for downloads. */
export async function writeBagZip(
  db: Database.Database,
  target: string,
  scope: ResolvedScope,
  options: BagOptions = {},
): Promise<ExportResult> {
  refuseExisting(target);
  const fields = checkBagInfo(options.bagInfo);
  const work = workFolderFor(target);
  try {
    const bagName = path.basename(target).replace(/\.zip$/i, '') || 'bag';
    const bagDir = path.join(work, bagName);
    const result = await writeBagInto(db, bagDir, scope, options, fields);
    const entries: ZipEntry[] = [];
    for (const rel of listFiles(bagDir)) {
      entries.push({ name: `${bagName}/${rel}`, file: path.join(bagDir, ...rel.split('/')), compress: true });
    }
    const out = path.join(work, 'bag.zip');
    await writeZip(entries, out, options.now ?? new Date(), options.signal);
    publish(out, target);
    removeQuietly(work);
    return { ...result, path: target, bytes: fs.statSync(target).size };
  } catch (err) {
    removeQuietly(work);
    if (options.signal?.aborted) throw new ExportCancelled();
    throw err;
  }
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, r));
    else out.push(r);
  }
  return out.sort();
}

async function writeBagInto(
  db: Database.Database,
  bagDir: string,
  scope: ResolvedScope,
  options: BagOptions,
  fields: Array<[string, string]>,
): Promise<Omit<ExportResult, 'path'>> {
  const { signal } = options;
  const now = options.now ?? new Date();
  const progress = new ProgressReporter(scope.ids.length, options.onProgress);
  fs.mkdirSync(path.join(bagDir, 'data'), { recursive: true });
  const manifest = new HashingFileSink(path.join(bagDir, 'manifest-sha256.txt'));
  const colors = highlightColors(db);
  let octets = 0;
  let count = 0;
  let captures = 0;
  let assets = 0;
  let annotations = 0;

  const made = new Set<string>();
  /**
   * Writes one payload file and its manifest line (the hash is taken from the very bytes written). Synchronous
   * writes: a thread-pool hop per small file cost more than the write itself, and each blocks for well under 1 ms.
   */
  const put = async (rel: string, data: Uint8Array | string): Promise<void> => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const file = path.join(bagDir, 'data', ...rel.split('/'));
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(file, bytes, { flag: 'wx' });
    await manifest.write(`${createHash('sha256').update(bytes).digest('hex')}  ${encodeManifestPath(`data/${rel}`)}\n`);
    octets += bytes.byteLength;
    count++;
    progress.bytes = octets;
  };

  try {
    progress.report('articles');
    for (const id of scope.ids) {
      checkCancelled(signal);
      const article = readArticle(db, id);
      const folder = articleFolderName(article.id, article.title);
      const captureFiles: CaptureFile[] = [];
      const assetFiles = new Map<string, string>();
      let n = 0;
      for (const captureId of captureIdsOf(db, id)) {
        const c = readCapture(db, captureId);
        // An export's record of a link is metadata about the article, not a capture of the page: it is kept beside
        // metadata.json, so captures/ holds only what was fetched or saved of the page itself.
        const name = c.linkRecord
          ? `link-record-${compactDate(c.capturedAt)}-${c.sha256.slice(0, 12)}.${extensionFor(c.mediaType)}`
          : `captures/${String(++n).padStart(3, '0')}-${compactDate(c.capturedAt)}-${c.sha256.slice(0, 12)}.${extensionFor(c.mediaType)}`;
        await put(`${folder}/${name}`, c.original);
        captureFiles.push({ sha256: c.sha256, file: name, linkRecord: c.linkRecord });
        if (!c.linkRecord) captures++;
        for (const a of readAssets(db, captureId)) {
          if (assetFiles.has(a.sha256)) continue;
          const aName = `assets/${a.sha256}.${extensionFor(a.mediaType)}`;
          await put(`${folder}/${aName}`, a.bytes);
          assetFiles.set(a.sha256, aName);
          assets++;
        }
      }
      await put(`${folder}/reader.html`, readerDocument(article, assetFiles));
      await put(`${folder}/text.txt`, article.text.endsWith('\n') ? article.text : `${article.text}\n`);
      await put(`${folder}/metadata.json`, `${JSON.stringify(metadataOf(article, captureFiles), null, 2)}\n`);
      await put(`${folder}/provenance.json`, `${JSON.stringify(provenanceOf(article, captureFiles), null, 2)}\n`);
      const items = annotationsJsonLd(db, briefOf(article), colors);
      if (items.length > 0) {
        let text = '';
        const writer = new AnnotationCollectionWriter(
          async (t) => void (text += t),
          `Stacks annotations: ${article.title}`,
          now,
        );
        await writer.begin();
        await writer.add(items);
        annotations += await writer.end();
        await put(`${folder}/annotations.jsonld`, text);
      }
      progress.done++;
      progress.report('articles', article.title);
      await progress.tick();
      made.clear(); // folders of earlier articles are never written again
    }
    checkCancelled(signal);
    progress.report('packaging');
    await manifest.close();
  } catch (err) {
    manifest.destroy();
    throw err;
  }

  // Tag files: bagit.txt exactly as RFC 8493 2.1.1 gives it, bag-info.txt, then the tag manifest over them.
  const tagFiles: Array<[string, string]> = [
    ['bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'],
    ['bag-info.txt', bagInfoText(fields, now, octets, count, scope)],
  ];
  for (const [name, text] of tagFiles) fs.writeFileSync(path.join(bagDir, name), text, { flag: 'wx' });
  const tagLines = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt'].map((name) => {
    const digest = createHash('sha256')
      .update(fs.readFileSync(path.join(bagDir, name)))
      .digest('hex');
    return `${digest}  ${name}\n`;
  });
  fs.writeFileSync(path.join(bagDir, 'tagmanifest-sha256.txt'), tagLines.join(''), { flag: 'wx' });
  progress.report('done');
  return { articles: scope.ids.length, captures, assets, annotations, bytes: octets, notes: [] };
}

/** One `Label: value` per line; a value's own line breaks become continuation lines (RFC 8493 2.2.2). */
function bagInfoText(
  fields: Array<[string, string]>,
  now: Date,
  octets: number,
  count: number,
  scope: ResolvedScope,
): string {
  const all: Array<[string, string]> = [
    ['Bag-Software-Agent', SOFTWARE],
    ['Bagging-Date', now.toISOString().slice(0, 10)],
    ['Payload-Oxum', `${octets}.${count}`],
  ];
  if (!fields.some(([l]) => l.toLowerCase() === 'external-description'))
    all.push(['External-Description', `Stacks export of ${scope.ids.length} article(s): ${scope.label}.`]);
  all.push(...fields);
  return all.map(([l, v]) => `${l}: ${v.trim().replace(/\r\n|\r|\n/g, '\n  ')}\n`).join('');
}

interface CaptureFile {
  sha256: string;
  file: string;
  linkRecord: boolean;
}

/** Where a capture's bytes are in the bag, and (for an export's record of a link) that it is one. */
function fileOf(files: CaptureFile[], sha256: string): { file: string | null; linkRecord?: true } {
  const f = files.find((x) => x.sha256 === sha256);
  return { file: f?.file ?? null, ...(f?.linkRecord ? { linkRecord: true as const } : {}) };
}

function metadataOf(article: ArticleDetail, files: CaptureFile[]): object {
  const { html: _h, text: _t, events: _e, captures, ...meta } = article;
  return {
    ...meta,
    captures: captures.map((c) => ({ ...c, ...fileOf(files, c.sha256) })),
  };
}

function provenanceOf(article: ArticleDetail, files: CaptureFile[]): object {
  return {
    article: article.id,
    sourceUrl: article.sourceUrl,
    canonicalUrl: article.canonicalUrl,
    captures: article.captures.map((c) => ({
      ...fileOf(files, c.sha256),
      sha256: c.sha256,
      byteSize: c.byteSize,
      mediaType: c.mediaType,
      capturedAt: c.capturedAt,
      importer: `${c.importer} ${c.importerVersion}`,
      sourcePath: c.sourcePath,
      sourceUrl: c.sourceUrl,
    })),
    events: article.events,
  };
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The reader view as a standalone page: the sanitized reader HTML with images pointing at the bag's own asset
 * files, and a policy that lets nothing run and nothing load from elsewhere.
 */
function readerDocument(article: ArticleDetail, assetFiles: Map<string, string>): string {
  const body = article.html.replace(/asset:([0-9a-f]{64})/g, (m, sha: string) => assetFiles.get(sha) ?? m);
  return `<!doctype html>
<html${article.language ? ` lang="${escapeHtml(article.language)}"` : ''}><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'">
<title>${escapeHtml(article.title)}</title>
<style>body{max-width:42rem;margin:2rem auto;padding:0 1rem;font:1.1rem/1.6 Georgia,serif}img{max-width:100%}</style>
</head><body><article>
<h1>${escapeHtml(article.title)}</h1>
${article.sourceUrl ? `<p><small>${escapeHtml(article.sourceUrl)}</small></p>\n` : ''}${body}
</article></body></html>
`;
}
