// Stores what an export knows: a link-only article for a link, and on any article its dates, tags, folders, states and highlights.
//
// THE LINK-ONLY MODEL. An item an export holds only as a link (Pocket, Instapaper, Readwise Reader, bookmarks) becomes
// an ordinary article whose current capture is the export's own record of it: capture.original = the item's bytes
// in the export (its CSV row, its <a> element), media_type = what those bytes are (text/csv, text/html),
// importer = the tool, source_path = the export file; content.text = the URL (so search finds it by address) and
// content.html is empty. article.link_only = 1 says so: the library badges it "not captured yet" and the reader shows
// the URL instead of a blank page. article.url_key holds the normalized URL (exports/url-key.ts) that identifies the
// item on every later import. A real capture of the same URL (storeCapture, matched by canonical URL, which a
// link-only article sets to the URL as exported) becomes current, sets link_only back to 0 and re-anchors the
// highlights imported as orphans; the link record stays as the first capture, for provenance.
import type Database from 'better-sqlite3';
import type { ArticleId, ImportOutcome } from '../../contract/types.js';
import { anchor, describe } from '../../annotations/anchor.js';
import { articleText } from '../../annotations/article-text.js';
import { insertNew } from '../../annotations/create.js';
import type { AnchorPlacement } from '../../contract/types.js';
import { logEvent } from '../../repos/events.js';
import { ensureCollection, ensureTag } from '../../repos/tags.js';
import { nowIso, sha256Hex, statementCache } from '../../util.js';
import type { ExportAnnotation, ExportRecord } from './record.js';
import { siteOf, webUrl } from './url-key.js';

export const EXPORT_IMPORTER_VERSION = '1.0.0';

const stmts = statementCache((db) => ({
  byKey: db.prepare('SELECT id FROM article WHERE url_key = ? ORDER BY id LIMIT 1').pluck(),
  byCanonical: db.prepare('SELECT id FROM article WHERE canonical_url = ?').pluck(),
  bySource: db.prepare('SELECT id FROM article WHERE source_url = ? ORDER BY id LIMIT 1').pluck(),
  bySha: db.prepare('SELECT article_id FROM capture WHERE sha256 = ?').pluck(),
  state: db.prepare('SELECT is_read, is_archived, is_favorite, link_only, canonical_url FROM article WHERE id = ?'),
  insertArticle: db.prepare(`INSERT INTO article (title, byline, site_name, source_url, canonical_url, published_at,
    excerpt, word_count, added_at, link_only, url_key, is_read, is_archived, is_favorite, progress)
    VALUES (@title, @byline, @site, @url, @url, @publishedAt, @excerpt, 0, @addedAt, 1, @key, @isRead, @isArchived,
    @isFavorite, @progress)`),
  insertCapture: db.prepare(`INSERT INTO capture (article_id, sha256, original, media_type, charset, byte_size,
    captured_at, importer, importer_version, source_path, source_url, link_record)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`),
  insertContent: db.prepare("INSERT INTO content (capture_id, html, text, text_sha256) VALUES (?, '', ?, ?)"),
  setCurrent: db.prepare('UPDATE article SET current_capture_id = ? WHERE id = ?'),
  setKey: db.prepare('UPDATE article SET url_key = ? WHERE id = ? AND url_key IS NULL'),
  setAdded: db.prepare('UPDATE article SET added_at = ? WHERE id = ?'),
  fillMeta: db.prepare(`UPDATE article SET byline = coalesce(byline, ?), published_at = coalesce(published_at, ?),
    excerpt = coalesce(excerpt, ?) WHERE id = ?`),
  setProgress: db.prepare('UPDATE article SET progress = ? WHERE id = ? AND progress < ?'),
  setRead: db.prepare('UPDATE article SET is_read = ? WHERE id = ?'),
  setArchived: db.prepare('UPDATE article SET is_archived = ? WHERE id = ?'),
  setFavorite: db.prepare('UPDATE article SET is_favorite = ? WHERE id = ?'),
  tagArticle: db.prepare('INSERT OR IGNORE INTO article_tag (article_id, tag_id) VALUES (?, ?)'),
  collect: db.prepare(
    'INSERT OR IGNORE INTO article_collection (article_id, collection_id, added_at) VALUES (?, ?, ?)',
  ),
  sameAnnotation: db
    .prepare(
      `SELECT 1 FROM annotation WHERE article_id = ? AND deleted_at IS NULL AND coalesce(quote_exact, '') = ?
      AND note = ?`,
    )
    .pluck(),
  color: db.prepare('SELECT name FROM color WHERE name = ? COLLATE NOCASE').pluck(),
  defaultColor: db.prepare('SELECT name FROM color ORDER BY position LIMIT 1').pluck(),
}));

/** The article an export item is already in the archive as: by normalized URL, then by the URL as exported. */
export function findExportArticle(db: Database.Database, record: Pick<ExportRecord, 'key' | 'url'>): number | null {
  const s = stmts(db);
  const found =
    (s.byKey.get(record.key) as number | undefined) ??
    (record.url ? ((s.byCanonical.get(record.url) ?? s.bySource.get(record.url)) as number | undefined) : undefined);
  return found ?? null;
}

/** The canonical URL of an article (for a content item to join the article its link was imported as). */
export function canonicalOf(db: Database.Database, id: number): string | null {
  return (stmts(db).state.get(id) as { canonical_url: string | null } | undefined)?.canonical_url ?? null;
}

/** Where the item came from, for provenance: the export file, its hash and the tool's id of the item. */
export function provenanceOf(record: ExportRecord): string {
  const id = record.itemId ? `, ${record.toolLabel} item ${record.itemId}` : '';
  return `from the ${record.toolLabel} export ${record.exportName} (sha256 ${record.exportSha256})${id}`;
}

export interface LinkItem {
  file: string;
  bytes: Uint8Array;
  mediaType: string;
  sourcePath: string | null;
  record: ExportRecord;
}

/** Stores a link as a link-only article, or updates the article it already is. Runs inside the caller's transaction. */
export function storeLinkItem(db: Database.Database, item: LinkItem): ImportOutcome {
  const s = stmts(db);
  const r = item.record;
  const sha256 = sha256Hex(item.bytes);
  const existing = findExportArticle(db, r) ?? (s.bySha.get(sha256) as number | undefined) ?? null;
  if (existing !== null) return updatedOutcome(db, item.file, existing, r);
  const url = webUrl(r.url);
  const now = nowIso();
  const articleId = Number(
    s.insertArticle.run({
      title: r.title,
      byline: r.byline ?? null,
      site: url ? siteOf(url) : null,
      url: r.url,
      publishedAt: r.publishedAt ?? null,
      excerpt: r.excerpt ?? null,
      addedAt: r.addedAt ?? now,
      key: r.key,
      isRead: r.isRead ? 1 : 0,
      isArchived: r.isArchived ? 1 : 0,
      isFavorite: r.isFavorite ? 1 : 0,
      progress: r.progress ?? 0,
    }).lastInsertRowid,
  );
  const captureId = Number(
    s.insertCapture.run(
      articleId,
      sha256,
      item.bytes,
      item.mediaType,
      'utf-8',
      item.bytes.byteLength,
      now,
      r.tool,
      EXPORT_IMPORTER_VERSION,
      item.sourcePath,
      r.url,
    ).lastInsertRowid,
  );
  const text = r.url ?? '';
  s.insertContent.run(captureId, text, sha256Hex(text));
  s.setCurrent.run(captureId, articleId);
  logEvent(
    db,
    'imported',
    articleId,
    captureId,
    `imported ${item.file} as a link, not captured yet, ${provenanceOf(r)}`,
  );
  logEvent(db, 'captured', articleId, captureId, `sha256 ${sha256}, ${item.bytes.byteLength} bytes, ${item.mediaType}`);
  const notes = applyRecord(db, articleId, r, true);
  return {
    file: item.file,
    status: 'imported',
    id: articleId as ArticleId,
    title: r.title,
    ...(notes.problems.length ? { notes: notes.problems } : {}),
  };
}

/** An item already archived: what the export says now is applied, and the outcome says what changed. */
export function updatedOutcome(db: Database.Database, file: string, id: number, r: ExportRecord): ImportOutcome {
  const applied = applyRecord(db, id, r, false);
  const notes = [...(applied.changes.length ? [`Updated from the export: ${applied.changes.join(', ')}.`] : [])];
  notes.push(...applied.problems);
  if (applied.changes.length)
    logEvent(db, 'imported', id, null, `updated ${applied.changes.join(', ')} ${provenanceOf(r)}`);
  return { file, status: 'duplicate', id: id as ArticleId, title: r.title, ...(notes.length ? { notes } : {}) };
}

export interface Applied {
  /** What changed on an article already archived ("read", "2 tags", "1 highlight"). */
  changes: string[];
  /** What could not be kept (a tag too long, a highlight that could not be stored), said in the report. */
  problems: string[];
}

/**
 * Applies what the export knows to an article: the added date (on a new article), states, tags, folders and
 * highlights. States follow the export (a newer export that marks an item read marks it read); tags, collections and
 * highlights are only ever added, never removed (a tag the archive has and the export lacks may be the user's own).
 */
export function applyRecord(db: Database.Database, id: number, r: ExportRecord, isNew: boolean): Applied {
  const s = stmts(db);
  const changes: string[] = [];
  const problems: string[] = [];
  s.setKey.run(r.key, id);
  if (isNew && r.addedAt) s.setAdded.run(r.addedAt, id);
  // What the extracted page did not say (a Markdown body has no byline), the export does.
  if (r.byline || r.publishedAt || r.excerpt)
    s.fillMeta.run(r.byline ?? null, r.publishedAt ?? null, r.excerpt ?? null, id);
  if (r.progress !== undefined && r.progress > 0)
    s.setProgress.run(Math.min(1, r.progress), id, Math.min(1, r.progress));
  const before = s.state.get(id) as { is_read: number; is_archived: number; is_favorite: number };
  const states: Array<[boolean | undefined, number, Database.Statement, string, string]> = [
    [r.isRead, before.is_read, s.setRead, 'read', 'unread'],
    [r.isArchived, before.is_archived, s.setArchived, 'archived', 'not archived'],
    [r.isFavorite, before.is_favorite, s.setFavorite, 'favorite', 'not favorite'],
  ];
  for (const [want, had, stmt, on, off] of states) {
    if (want === undefined || (want ? 1 : 0) === had) continue;
    stmt.run(want ? 1 : 0, id);
    changes.push(want ? on : off);
  }
  let tags = 0;
  for (const tag of r.tags) {
    try {
      tags += s.tagArticle.run(id, ensureTag(db, tag)).changes;
    } catch (err) {
      problems.push(`Tag "${tag.slice(0, 40)}" left out: ${(err as Error).message}`);
    }
  }
  if (tags) changes.push(`${tags} tag(s)`);
  let collections = 0;
  for (const name of r.collections) {
    try {
      collections += s.collect.run(id, ensureCollection(db, collectionName(name)), nowIso()).changes;
    } catch (err) {
      problems.push(`Folder "${name.slice(0, 40)}" left out: ${(err as Error).message}`);
    }
  }
  if (collections) changes.push(`${collections} collection(s)`);
  const placed = addAnnotations(db, id, r.annotations, problems);
  if (placed) changes.push(`${placed} highlight(s) or note(s)`);
  return { changes: isNew ? [] : changes, problems };
}

/** A collection name within the archive's limit: a deep folder path keeps its last folders. */
function collectionName(name: string): string {
  if (name.length <= 200) return name;
  const parts = name.split(' / ');
  while (parts.length > 1 && parts.join(' / ').length > 198) parts.shift();
  return `… / ${parts.join(' / ')}`.slice(0, 200);
}

/** Highlights and notes not already on the article, placed on its text by quote; an orphan when not found. */
function addAnnotations(db: Database.Database, id: number, list: ExportAnnotation[], problems: string[]): number {
  if (list.length === 0) return 0;
  const s = stmts(db);
  const current = articleText(db, id);
  // A link-only article's text is its URL: nothing to place a passage on until it is captured (then it re-anchors).
  const linkOnly = (s.state.get(id) as { link_only: number }).link_only === 1;
  const text = linkOnly ? '' : current.text;
  let added = 0;
  for (const a of list) {
    const quote = a.quote.trim();
    const note = a.note.trim();
    if (!quote && !note) continue;
    if (s.sameAnnotation.get(id, quote, note)) continue;
    try {
      const now = nowIso();
      const at = a.createdAt ?? now;
      const color = quote
        ? ((a.color && (s.color.get(a.color) as string | undefined)) ?? (s.defaultColor.get() as string))
        : null;
      const sha = current.captureSha256 ?? '';
      let selectors = null;
      let placement: AnchorPlacement = { state: 'none' };
      if (quote) {
        const found = placeQuote(text, quote);
        if (found && found.state === 'exact') {
          selectors = describe(text, found.start!, found.end!);
        } else {
          selectors = {
            position: { type: 'TextPositionSelector' as const, start: found?.start ?? 0, end: found?.end ?? 0 },
            quote: { type: 'TextQuoteSelector' as const, exact: quote, prefix: '', suffix: '' },
          };
        }
        placement = found ? { ...found, captureSha256: sha } : { state: 'orphan', captureSha256: sha };
      }
      insertNew(db, {
        articleId: id,
        kind: quote ? 'highlight' : 'article-note',
        captureSha256: sha,
        color,
        note,
        tags: a.tags ?? [],
        selectors,
        placement,
        createdAt: at,
        updatedAt: at,
      });
      added++;
    } catch (err) {
      problems.push(`A highlight ("${quote.slice(0, 40)}") could not be kept: ${(err as Error).message}`);
    }
  }
  return added;
}

/** Where a tool's quote is in the article's text: as written, then with its white space loosened, then fuzzily. */
export function placeQuote(text: string, quote: string): AnchorPlacement | null {
  if (!text) return null;
  const at = text.indexOf(quote);
  if (at >= 0) return { state: 'exact', start: at, end: at + quote.length };
  // Tools keep a quote's line breaks and spaces their own way; the words in order are the same passage.
  const words = quote.split(/\s+/).filter(Boolean);
  if (words.length > 1 && words.length <= 400) {
    const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
    const m = re.exec(text);
    if (m) return { state: 'exact', start: m.index, end: m.index + m[0].length };
  }
  const placed = anchor(text, {
    position: { type: 'TextPositionSelector', start: 0, end: 0 },
    quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
  });
  return placed.state === 'orphan' ? null : placed;
}
