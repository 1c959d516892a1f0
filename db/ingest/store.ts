// Writes one extracted capture into the archive: dedupe by SHA-256, versions by canonical URL, provenance.
// The search index follows the new capture from its own file (db/search/index/article-index-file.ts) once the batch commits.
import type Database from 'better-sqlite3';
import type { ArticleId, ImportOutcome } from '../contract/types.js';
import type { NormalizedCapture } from '../extract/types.js';
import type { ExportRecord } from './exports/record.js';
import { urlKey } from './exports/url-key.js';
import { packCapture } from '../codec/stored-forms.js';
import { logEvent } from '../repos/events.js';
import { ensureTag } from '../repos/tags.js';
import { nowIso, sha256Hex, statementCache } from '../util.js';

export interface PreparedCapture {
  file: string;
  bytes: Uint8Array;
  sha256: string;
  sourcePath: string | null;
  capture: NormalizedCapture;
  /** When the source captured it (a web archive's WARC-Date); the import time when absent. */
  capturedAt?: string | null;
  /** Where the bytes came from inside their source, appended to the provenance event. */
  provenance?: string;
  /** Problems found that did not stop the import: each logged as a failed-verify event and reported. */
  warnings?: string[];
  /** An export's item: its tags, states and highlights are applied once the capture is stored (exports/). */
  record?: ExportRecord;
}

/** Called after an article got a new capture (version), inside the same transaction: annotations re-anchor. */
export type RecaptureHook = (db: Database.Database, articleId: number) => void;

const stmts = statementCache((db) => ({
  bySha: db.prepare('SELECT article_id FROM capture WHERE sha256 = ?'),
  byCanonical: db.prepare('SELECT id FROM article WHERE canonical_url = ?'),
  linkByKey: db.prepare('SELECT id FROM article WHERE url_key = ? AND link_only = 1 ORDER BY id LIMIT 1'),
  insertArticle: db.prepare(`INSERT INTO article (title, byline, site_name, source_url, canonical_url, published_at,
    language, excerpt, word_count, added_at) VALUES (@title, @byline, @siteName, @sourceUrl, @canonicalUrl,
    @publishedAt, @language, @excerpt, @wordCount, @addedAt)`),
  refreshArticle: db.prepare(`UPDATE article SET title = @title, byline = coalesce(@byline, byline),
    site_name = coalesce(@siteName, site_name), source_url = coalesce(@sourceUrl, source_url),
    published_at = coalesce(@publishedAt, published_at), language = coalesce(@language, language),
    excerpt = coalesce(@excerpt, excerpt), word_count = @wordCount, current_capture_id = @captureId,
    trashed_at = NULL, link_only = 0 WHERE id = @id`),
  setCurrent: db.prepare('UPDATE article SET current_capture_id = ? WHERE id = ?'),
  currentCapturedAt: db.prepare(`SELECT c.captured_at, a.link_only FROM article a
    JOIN capture c ON c.id = a.current_capture_id WHERE a.id = ?`),
  insertCapture: db.prepare(`INSERT INTO capture (article_id, sha256, original, original_codec, media_type, charset,
    byte_size, captured_at, importer, importer_version, source_path, source_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  insertContent: db.prepare(
    'INSERT INTO content (capture_id, html, html_codec, html_packed, text, text_sha256) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  insertAsset: db.prepare(`INSERT INTO asset (sha256, media_type, byte_size, bytes) VALUES (?, ?, ?, ?)
    ON CONFLICT (sha256) DO NOTHING`),
  linkAsset: db.prepare(
    `INSERT OR IGNORE INTO capture_asset (capture_id, asset_sha256, original_ref) VALUES (?, ?, ?)`,
  ),
  tagArticle: db.prepare('INSERT OR IGNORE INTO article_tag (article_id, tag_id) VALUES (?, ?)'),
}));

/** The SHA-256 is already archived: returns the article it belongs to, or null. */
export function findDuplicate(db: Database.Database, sha256: string): number | null {
  const row = stmts(db).bySha.get(sha256) as { article_id: number } | undefined;
  return row ? row.article_id : null;
}

/**
 * Stores one capture. Must run inside a transaction (the caller batches several files per commit), so a
 * crash leaves either the whole article (capture, content, assets, events) or nothing of it.
 */
export function storeCapture(db: Database.Database, p: PreparedCapture, onRecapture?: RecaptureHook): ImportOutcome {
  const s = stmts(db);
  const existing = findDuplicate(db, p.sha256);
  if (existing !== null) return { file: p.file, status: 'duplicate', id: existing as ArticleId };
  const c = p.capture;
  const now = nowIso();
  const canonical = c.canonicalUrl ?? c.sourceUrl;
  // A link-only article (imported from an export) is found by its normalized URL too: the export's address may carry
  // tracking parameters or a fragment the page's canonical URL does not.
  const key = canonical ? urlKey(canonical) : null;
  const sameUrl = canonical
    ? ((s.byCanonical.get(canonical) ?? (key ? s.linkByKey.get(key) : undefined)) as { id: number } | undefined)
    : undefined;
  const fields = {
    title: c.title,
    byline: c.byline,
    siteName: c.siteName,
    sourceUrl: c.sourceUrl,
    canonicalUrl: canonical,
    publishedAt: c.publishedAt,
    language: c.language,
    excerpt: c.excerpt,
    wordCount: c.wordCount,
    addedAt: now,
  };
  const articleId = sameUrl ? sameUrl.id : Number(s.insertArticle.run(fields).lastInsertRowid);
  // The original and the reader HTML are near-copies of the text: stored deflated against it (fixity still hashes
  // the original as received, after inflating).
  const packed = packCapture(p.bytes, c.html, c.text);
  const captureId = Number(
    s.insertCapture.run(
      articleId,
      p.sha256,
      packed.original.data,
      packed.original.codec,
      c.mediaType,
      c.charset,
      p.bytes.byteLength,
      p.capturedAt ?? now,
      c.importer,
      c.importerVersion,
      p.sourcePath,
      c.sourceUrl,
    ).lastInsertRowid,
  );
  s.insertContent.run(captureId, packed.html.html, packed.html.codec, packed.html.packed, c.text, sha256Hex(c.text));
  for (const a of c.assets) {
    s.insertAsset.run(a.sha256, a.mediaType, a.bytes.byteLength, a.bytes);
    s.linkAsset.run(captureId, a.sha256, a.originalRef);
  }
  const from = p.provenance ? `; ${p.provenance}` : '';
  // A capture older than the one the reader shows (an older web archive imported later) joins the versions
  // without replacing it: the newest capture is the current one.
  const current = sameUrl
    ? (s.currentCapturedAt.get(articleId) as { captured_at: string; link_only: number } | undefined)
    : undefined;
  // A link-only article's current capture is only the export's record of its link: any real capture replaces it.
  const older = Boolean(p.capturedAt && current && current.link_only === 0 && current.captured_at > p.capturedAt);
  if (sameUrl) {
    if (!older) s.refreshArticle.run({ ...fields, captureId, id: articleId });
    logEvent(db, 're-captured', articleId, captureId, `${older ? 'older' : 'new'} version from ${p.file}${from}`);
  } else {
    s.setCurrent.run(captureId, articleId);
    logEvent(
      db,
      'imported',
      articleId,
      captureId,
      `imported ${p.file} with the ${c.importer} importer${from}${c.notes ? ` (${c.notes.join(' ')})` : ''}`,
    );
  }
  for (const w of p.warnings ?? []) logEvent(db, 'failed-verify', articleId, captureId, w);
  // Tags a capture brings (Markdown front matter) join the article's own; none are ever removed by a re-capture.
  for (const tag of c.tags ?? []) if (tag.trim()) s.tagArticle.run(articleId, ensureTag(db, tag));
  logEvent(db, 'captured', articleId, captureId, `sha256 ${p.sha256}, ${p.bytes.byteLength} bytes, ${c.mediaType}`);
  if (sameUrl && !older && onRecapture) onRecapture(db, articleId);
  const outcome: ImportOutcome = {
    file: p.file,
    status: 'imported',
    id: articleId as ArticleId,
    title: c.title,
    newVersion: Boolean(sameUrl),
    ...(c.notes ? { notes: c.notes } : {}),
  };
  if (p.warnings?.length) outcome.warnings = p.warnings;
  return outcome;
}
