// `stacks reextract`: runs the current extractors again on the stored originals, so articles imported by an older
// Stacks get today's titles, authors, dates and text. The original bytes are never touched; the derived content,
// the article's metadata and the search index follow, annotations are placed again, and provenance keeps the old values.
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ArticleId } from '../contract/types.js';
import { reanchorArticle } from '../annotations/reanchor.js';
import { packCapture, unpackBytes, unpackHtml } from '../codec/stored-forms.js';
import { createExtractionPool } from '../extract/pool.js';
import type { ImportInput, NormalizedCapture } from '../extract/types.js';
import { IMPORTER_VERSIONS } from '../extract/index.js';
import { titleFromFileName } from '../extract/util.js';
import { asExtracted } from '../repos/metadata.js';
import { logEvent } from '../repos/events.js';
import { reindexFrom } from '../search/index/article-index-sync.js';
import { sha256Hex, writeTransaction } from '../util.js';
import { mhtmlItemBytes } from './mhtml/mhtml-item.js';
import { readableError } from './reasons.js';
import { webarchiveItemBytes } from './webarchive/webarchive-item.js';

export interface ReextractProgress {
  done: number;
  total: number;
}

export interface ReextractOutcome {
  id: ArticleId;
  status: 'updated' | 'unchanged' | 'skipped' | 'failed';
  /** Why it failed, or why it was skipped. */
  error?: string;
  /** The title was kept because the user had changed it (it is nowhere in the original). */
  titleKept?: boolean;
}

export interface ReextractReport {
  total: number;
  updated: number;
  unchanged: number;
  /** Articles with nothing to extract from: a link-only article's current capture is an export's record of a link. */
  skipped: number;
  failed: number;
  cancelled: boolean;
  /** Annotations of the updated articles, by how they were placed on the new text. */
  annotations: { exact: number; fuzzy: number; orphan: number };
  outcomes: ReextractOutcome[];
}

export interface ReextractOptions {
  /** Articles to re-extract; all articles when absent. */
  ids?: number[];
  onProgress?: (p: ReextractProgress) => void;
  onOutcome?: (o: ReextractOutcome) => void;
  signal?: AbortSignal;
  /** Extraction worker threads (default 1); 0 extracts on the calling thread. */
  workers?: number;
}

interface CaptureRow {
  article_id: number;
  capture_id: number;
  original: Buffer;
  media_type: string;
  importer: string;
  importer_version: string;
  link_record: number;
  source_path: string | null;
  source_url: string | null;
  title: string;
  byline: string | null;
  site_name: string | null;
  published_at: string | null;
  language: string | null;
  excerpt: string | null;
  html: string;
  text: string;
  original_codec: number;
  html_codec: number;
  html_packed: Buffer | null;
}

const CURRENT = `SELECT a.id AS article_id, c.id AS capture_id, c.original, c.media_type, c.importer, c.importer_version,
  c.link_record, c.source_path, c.source_url, a.title, a.byline, a.site_name, a.published_at, a.language, a.excerpt, ct.html, ct.text,
  c.original_codec, ct.html_codec, ct.html_packed
  FROM article a JOIN capture c ON c.id = a.current_capture_id JOIN content ct ON ct.capture_id = c.id WHERE a.id = ?`;

/** Letters and digits only, lower-cased: a title "appears in" the original whatever its markup and spacing. */
const letters = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * True when the article's title is one an importer could have made from this original (it occurs in it, or is
 * the file name's); false means the user renamed the article, and the new extraction must not undo that.
 */
function titleFromOriginal(row: CaptureRow, original: string): boolean {
  const t = letters(row.title);
  if (!t) return true;
  if (row.source_path && letters(titleFromFileName(path.basename(row.source_path))) === t) return true;
  return letters(original).includes(t);
}

/**
 * What the extractor reads for a stored capture: the original itself, or for a page kept inside its single-file
 * container (MHTML, Safari web archive) the page and images the importer took out of it, as at import.
 */
async function pageInput(
  row: CaptureRow,
  id: number,
  archivedAssets: ImportInput['archivedAssets'],
): Promise<ImportInput> {
  const fileName = row.source_path ? path.basename(row.source_path) : `article-${id}`;
  const bytes = new Uint8Array(row.original);
  const container =
    row.importer === 'webarchive'
      ? webarchiveItemBytes(fileName, bytes, null)
      : row.importer === 'mhtml'
        ? mhtmlItemBytes(fileName, bytes, null)
        : null;
  if (container) return { ...(await container.prepare()).input, archivedAssets };
  return {
    bytes,
    fileName,
    mediaType: row.media_type,
    ...(row.source_url ? { sourceUrl: row.source_url } : {}),
    archivedAssets,
  };
}

/** Re-extracts the given articles (or all), one transaction per article; cancellable between articles. */
export async function reextractArticles(
  db: Database.Database,
  options: ReextractOptions = {},
): Promise<ReextractReport> {
  const ids =
    options.ids ??
    (db.prepare('SELECT id FROM article WHERE current_capture_id IS NOT NULL ORDER BY id').pluck().all() as number[]);
  const report: ReextractReport = {
    total: ids.length,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    cancelled: false,
    annotations: { exact: 0, fuzzy: 0, orphan: 0 },
    outcomes: [],
  };
  const workers = options.workers ?? 1;
  const pool = workers > 0 ? createExtractionPool({ size: workers }) : null;
  const extract = async (input: ImportInput): Promise<NormalizedCapture> =>
    pool
      ? pool.extract(input, { signal: options.signal })
      : (await import('../extract/index.js')).extractCapture(input);
  const current = db.prepare(CURRENT);
  const assetsOf = db.prepare(
    'SELECT ca.original_ref AS ref, a.bytes FROM capture_asset ca JOIN asset a ON a.sha256 = ca.asset_sha256 WHERE ca.capture_id = ?',
  );
  let firstChanged: number | null = null;
  const finish = (o: ReextractOutcome): void => {
    report.outcomes.push(o);
    report[o.status]++;
    options.onOutcome?.(o);
    options.onProgress?.({ done: report.outcomes.length, total: report.total });
  };
  try {
    for (const id of ids) {
      if (options.signal?.aborted) {
        report.cancelled = true;
        break;
      }
      const row = current.get(id) as CaptureRow | undefined;
      if (!row) {
        finish({ id: id as ArticleId, status: 'failed', error: `No article with id ${id} (or it has no capture).` });
        continue;
      }
      // A link record holds a CSV row or a bookmark element, not the page: extracting it would replace the link-only
      // article's title and dates with what that row looks like as a text clipping.
      if (row.link_record === 1) {
        finish({
          id: id as ArticleId,
          status: 'skipped',
          error: 'Not captured yet: it is a link from an export, with no page to extract from (capture it first).',
        });
        continue;
      }
      try {
        // Stored forms inflated once: the original is extracted again and re-packed against the new text below.
        row.original = unpackBytes(row.original_codec, row.original, row.text);
        row.html = unpackHtml(row.html_codec, row.html, row.html_packed, row.text);
      } catch (err) {
        finish({
          id: id as ArticleId,
          status: 'failed',
          error: `The stored original cannot be read: ${readableError(err)}`,
        });
        continue;
      }
      const archivedAssets = (assetsOf.all(row.capture_id) as { ref: string; bytes: Buffer }[]).map((a) => ({
        url: a.ref,
        bytes: new Uint8Array(a.bytes),
      }));
      let capture: NormalizedCapture;
      try {
        capture = await extract(await pageInput(row, id, archivedAssets));
      } catch (err) {
        if (options.signal?.aborted) {
          report.cancelled = true;
          break;
        }
        finish({ id: id as ArticleId, status: 'failed', error: readableError(err) });
        continue;
      }
      const outcome = store(db, row, capture);
      if (outcome.status === 'updated') {
        firstChanged = Math.min(firstChanged ?? row.capture_id, row.capture_id);
        const remap = reanchorArticle(db, { id: id as ArticleId });
        report.annotations.exact += remap.exact;
        report.annotations.fuzzy += remap.fuzzy;
        report.annotations.orphan += remap.orphan;
      }
      finish(outcome);
    }
  } finally {
    await pool?.close();
    // The index learns of changed content only through capture ids: it reindexes from the oldest one changed.
    if (firstChanged !== null) reindexFrom(db, firstChanged);
  }
  return report;
}

/** Writes the new derivation of one article in one transaction; the old values go into the provenance event. */
function store(db: Database.Database, row: CaptureRow, c: NormalizedCapture): ReextractOutcome {
  const id = row.article_id as ArticleId;
  // Fields corrected by hand (an 'edited' event) stay as corrected; the extraction's new values do not replace them.
  const corrected = asExtracted(db, id);
  const keepTitle = 'title' in corrected || !titleFromOriginal(row, new TextDecoder().decode(row.original));
  const title = keepTitle ? row.title : c.title;
  const byline = 'byline' in corrected ? row.byline : c.byline;
  const siteName = 'siteName' in corrected ? row.site_name : c.siteName;
  const publishedAt = 'publishedAt' in corrected ? row.published_at : c.publishedAt;
  const before = {
    importerVersion: row.importer_version,
    title: row.title,
    byline: row.byline,
    siteName: row.site_name,
    publishedAt: row.published_at,
    language: row.language,
    textSha256: sha256Hex(row.text),
  };
  const after = {
    importerVersion: IMPORTER_VERSIONS[row.importer as keyof typeof IMPORTER_VERSIONS] ?? row.importer_version,
    title,
    byline,
    siteName,
    publishedAt,
    language: c.language,
    textSha256: sha256Hex(c.text),
  };
  const same =
    c.html === row.html &&
    (Object.keys(before) as (keyof typeof before)[]).every((k) => k === 'importerVersion' || before[k] === after[k]);
  if (same) return { id, status: 'unchanged' };
  writeTransaction(db, () => {
    // The original and reader HTML are stored deflated against the text, so a new text re-packs both with it, in
    // the same transaction: an original is never left packed against a text that is no longer there.
    const packed = packCapture(row.original, c.html, c.text);
    db.prepare(
      'UPDATE content SET html = ?, html_codec = ?, html_packed = ?, text = ?, text_sha256 = ? WHERE capture_id = ?',
    ).run(packed.html.html, packed.html.codec, packed.html.packed, c.text, after.textSha256, row.capture_id);
    db.prepare('UPDATE capture SET original = ?, original_codec = ? WHERE id = ?').run(
      packed.original.data,
      packed.original.codec,
      row.capture_id,
    );
    db.prepare(
      `UPDATE article SET title = ?, byline = ?, site_name = ?, published_at = ?, language = ?, excerpt = ?,
       word_count = ? WHERE id = ?`,
    ).run(title, byline, siteName, publishedAt, c.language, c.excerpt, c.wordCount, id);
    db.prepare('UPDATE capture SET importer_version = ? WHERE id = ?').run(after.importerVersion, row.capture_id);
    for (const a of c.assets) {
      db.prepare(
        'INSERT INTO asset (sha256, media_type, byte_size, bytes) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING',
      ).run(a.sha256, a.mediaType, a.bytes.byteLength, a.bytes);
      db.prepare('INSERT OR IGNORE INTO capture_asset (capture_id, asset_sha256, original_ref) VALUES (?, ?, ?)').run(
        row.capture_id,
        a.sha256,
        a.originalRef,
      );
    }
    logEvent(db, 're-extracted', id, row.capture_id, JSON.stringify({ before, after, titleKept: keepTitle }));
  });
  return keepTitle ? { id, status: 'updated', titleKept: true } : { id, status: 'updated' };
}
