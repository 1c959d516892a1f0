// Corrections of an article's title, author, published date, URL and site, each logged old -> new as provenance.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import { LIMITS } from '../contract/limits.js';
import {
  decodeEdit,
  encodeEdit,
  isValidPublishedDate,
  PUBLISHED_DATE_RULE,
  type MetadataChange,
} from '../contract/metadata-edit.js';
import type { ArticleMetadataEdit, MetadataField } from '../contract/types.js';
import { cachedStatement, statementCache, writeTransaction } from '../util.js';
import { logEvent } from './events.js';
import { requireArticle, type ArticleRow } from './articles.js';

const COLUMNS: Record<MetadataField, keyof ArticleRow & string> = {
  title: 'title',
  byline: 'byline',
  publishedAt: 'published_at',
  sourceUrl: 'source_url',
  siteName: 'site_name',
};

const stmts = statementCache((db) => ({
  edits: db.prepare("SELECT detail FROM event WHERE article_id = ? AND kind = 'edited' ORDER BY id").pluck(),
}));

/** The edit's values checked again in the core (callers inside the process skip the transport's schema). */
function checked(fields: ArticleMetadataEdit): Partial<Record<MetadataField, string | null>> {
  const out: Partial<Record<MetadataField, string | null>> = {};
  const text = (v: string | null | undefined, max: number, what: string): string | null | undefined => {
    if (v === undefined || v === null) return v;
    const t = v.trim();
    if (t.length > max) throw new ArchiveError('INVALID_INPUT', `The ${what} is too long (at most ${max} characters).`);
    return t === '' ? null : t;
  };
  if (fields.title !== undefined) {
    const title = text(fields.title, LIMITS.title, 'title');
    if (!title) throw new ArchiveError('INVALID_INPUT', 'A title cannot be empty.');
    out.title = title;
  }
  const byline = text(fields.byline, LIMITS.title, 'author');
  if (byline !== undefined) out.byline = byline;
  const site = text(fields.siteName, LIMITS.name, 'site name');
  if (site !== undefined) out.siteName = site;
  const date = text(fields.publishedAt, 40, 'published date');
  if (date !== undefined) {
    if (date !== null && !isValidPublishedDate(date))
      throw new ArchiveError('INVALID_INPUT', `The published date "${date}" is not a date: ${PUBLISHED_DATE_RULE}.`);
    out.publishedAt = date;
  }
  const url = text(fields.sourceUrl, LIMITS.url, 'URL');
  if (url !== undefined) {
    if (url !== null && !isWebAddress(url))
      throw new ArchiveError(
        'INVALID_INPUT',
        `The URL "${url}" is not a web address: it must start with http:// or https://.`,
      );
    out.sourceUrl = url;
  }
  return out;
}

function isWebAddress(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Applies a correction and logs what changed (old -> new) as one 'edited' event; fields given with their current
 * value change nothing and are not logged. Returns the changes (empty: nothing to do). The caller reindexes.
 */
export function editArticleMetadata(db: Database.Database, id: number, fields: ArticleMetadataEdit): MetadataChange[] {
  const wanted = checked(fields);
  return writeTransaction(db, () => {
    const row = requireArticle(db, id);
    const changes: MetadataChange[] = [];
    for (const [field, value] of Object.entries(wanted) as Array<[MetadataField, string | null]>) {
      const from = (row[COLUMNS[field]] as string | null) ?? null;
      if (from !== value) changes.push({ field, from, to: value });
    }
    if (!changes.length) return changes;
    const sets = changes.map((c) => `${COLUMNS[c.field]} = ?`).join(', ');
    cachedStatement(db, `UPDATE article SET ${sets} WHERE id = ?`).run(...changes.map((c) => c.to), id);
    logEvent(db, 'edited', id, null, encodeEdit(changes));
    return changes;
  });
}

/** Each edited field's value before its first correction: what extraction found, always recoverable. */
export function asExtracted(db: Database.Database, id: number): Partial<Record<MetadataField, string | null>> {
  const out: Partial<Record<MetadataField, string | null>> = {};
  for (const detail of stmts(db).edits.all(id) as Array<string | null>) {
    for (const c of decodeEdit(detail) ?? []) if (!(c.field in out)) out[c.field] = c.from;
  }
  return out;
}
