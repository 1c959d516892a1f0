// Snippets with MARK_OPEN/MARK_CLOSE around matched words, computed only for the rows of one page, and match offsets.
import type Database from 'better-sqlite3';
import { MARK_CLOSE, MARK_OPEN } from '../contract/types.js';
import { cachedStatement as statement, statementCache } from '../util.js';
import type { Phrase } from './match/match-query.js';
import { SNIPPET_TOKENS, snippetOf } from './match/passage.js';

const ELLIPSIS = '…';
/** article_fts's body column. */
const BODY = 3;

const stmts = statementCache(prepare);

/** The snippet() call for an FTS5 table (or `alias.table` hidden column) and column (-1: the best one). */
export function snippetSql(table: string, col: number): string {
  return `snippet(${table}, ${col}, '${MARK_OPEN}', '${MARK_CLOSE}', '${ELLIPSIS}', ${SNIPPET_TOKENS})`;
}

function prepare(db: Database.Database) {
  return {
    annotationBest: db
      .prepare(
        `SELECT ${snippetSql('annotation_fts', -1)} FROM annotation_fts WHERE annotation_fts MATCH ? AND rowid = ?`,
      )
      .pluck(),
    text: db
      .prepare('SELECT c.text FROM article a JOIN content c ON c.capture_id = a.current_capture_id WHERE a.id = ?')
      .pluck(),
  };
}

/** An article's indexed fields as written (article_fts's column order: title, byline, site, body). */
export type ArticleColumns = [title: string, byline: string, site: string, text: string];

/**
 * The indexed fields of the page's articles, read in one statement: the article row and the current capture's
 * text (read only: the text is also the dictionary of the compressed originals). A link-only article has no text.
 */
export function pageColumns(db: Database.Database, ids: readonly number[]): Map<number, ArticleColumns> {
  const rows = statement(
    db,
    `SELECT a.id, a.title, coalesce(a.byline, ''), coalesce(a.site_name, ''), coalesce(c.text, '')
    FROM article a LEFT JOIN content c ON c.capture_id = a.current_capture_id
    WHERE a.id IN (SELECT value FROM json_each(?))`,
  )
    .raw()
    .all(JSON.stringify(ids)) as Array<[number, string, string, string, string]>;
  return new Map(rows.map(([id, ...cols]) => [id, cols]));
}

export interface ArticlePassage {
  /** Matched words marked with MARK_OPEN / MARK_CLOSE. */
  snippet: string;
  /** True when the passage is from the body; then `offset` is where its first marked phrase starts in the text. */
  inBody: boolean;
  offset?: number;
}

/**
 * The body passage with the matched words marked, and where it starts in the text; the best other column (e.g.
 * the title) when the body has no match. Computed from the article's own fields, as FTS5's snippet() would from
 * indexed text the index no longer keeps (article_fts is contentless): same tokens, same window, same marks.
 */
export function articleSnippet(columns: ArticleColumns, phrases: readonly Phrase[]): ArticlePassage {
  const s = snippetOf(columns, phrases, BODY);
  return s.column === BODY && s.offset !== undefined
    ? { snippet: s.snippet, inBody: true, offset: s.offset }
    : { snippet: s.snippet, inBody: false };
}

export function annotationSnippet(db: Database.Database, match: string, id: number): string {
  return (stmts(db).annotationBest.get(match, id) as string | undefined) ?? '';
}

/** Characters of text shown before and after a passage cut from the article's own text. */
const PASSAGE_BEFORE = 60;
const PASSAGE_AFTER = 100;

/** text[at, at+length) marked, with some text either side, exactly as the article has it (no spaces added). */
export function passageAt(text: string, at: number, length: number): string {
  const start = Math.max(0, at - PASSAGE_BEFORE);
  const end = Math.min(text.length, at + length + PASSAGE_AFTER);
  const clip = (t: string) => t.replace(/\s+/g, ' ');
  return (
    (start > 0 ? ELLIPSIS : '') +
    clip(text.slice(start, at)) +
    MARK_OPEN +
    clip(text.slice(at, at + length)) +
    MARK_CLOSE +
    clip(text.slice(at + length, end)) +
    (end < text.length ? ELLIPSIS : '')
  );
}

/**
 * The first place one of `needles` (CJK substrings the gram index matched) occurs in the article's text, as a
 * marked passage with its offset; null when none is found (the match was in the title).
 */
export function substringPassage(
  db: Database.Database,
  articleId: number,
  needles: string[],
  knownText?: string | null,
): { snippet: string; offset: number } | null {
  const text = knownText ?? (stmts(db).text.get(articleId) as string | undefined);
  if (!text) return null;
  // The index holds NFKC text; the article's text is compared in the same form when it differs (same length only,
  // so offsets stay the article's own).
  const nfkc = text.normalize('NFKC');
  const haystack = nfkc.length === text.length ? nfkc : text;
  for (const needle of needles) {
    const at = haystack.indexOf(needle.normalize('NFKC'));
    if (at >= 0) return { snippet: passageAt(text, at, needle.length), offset: at };
  }
  return null;
}

/** A plain passage for hits without matched words: the start of the text, cut at a word boundary. */
export function plainSnippet(text: string | null, maxChars = 200): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (t.length <= maxChars) return t;
  const cut = t.lastIndexOf(' ', maxChars);
  return `${t.slice(0, cut > maxChars / 2 ? cut : maxChars)}${ELLIPSIS}`;
}
