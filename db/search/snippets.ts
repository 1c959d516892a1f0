// Snippets with MARK_OPEN/MARK_CLOSE around matched words, computed only for the rows of one page, and match offsets.
import type Database from 'better-sqlite3';
import { MARK_CLOSE, MARK_OPEN } from '../contract/types.js';
import { cachedStatement as statement, statementCache } from '../util.js';

export const SNIPPET_TOKENS = 24;
const ELLIPSIS = '…';

const stmts = statementCache(prepare);

/** The snippet() call for an FTS5 table (or `alias.table` hidden column) and column (-1: the best one). */
export function snippetSql(table: string, col: number): string {
  return `snippet(${table}, ${col}, '${MARK_OPEN}', '${MARK_CLOSE}', '${ELLIPSIS}', ${SNIPPET_TOKENS})`;
}

function prepare(db: Database.Database) {
  const snip = (table: string, col: number) =>
    db.prepare(`SELECT ${snippetSql(table, col)} FROM ${table} WHERE ${table} MATCH ? AND rowid = ?`).pluck();
  return {
    articleBody: snip('article_fts', 3),
    articleBest: snip('article_fts', -1),
    annotationBest: snip('annotation_fts', -1),
    text: db
      .prepare('SELECT c.text FROM article a JOIN content c ON c.capture_id = a.current_capture_id WHERE a.id = ?')
      .pluck(),
  };
}

/** The body passage with the matched words marked; the best other column (e.g. the title) when the body has none. */
export function articleSnippet(
  db: Database.Database,
  match: string,
  id: number,
  bodySnippet?: string,
  bestSnippet?: string,
): { snippet: string; inBody: boolean } {
  const s = stmts(db);
  const body = bodySnippet ?? (s.articleBody.get(match, id) as string | undefined) ?? '';
  if (body.includes(MARK_OPEN)) return { snippet: body, inBody: true };
  const best = bestSnippet ?? (s.articleBest.get(match, id) as string | undefined) ?? body;
  return { snippet: best, inBody: false };
}

/**
 * Fills in the body snippet of rows that lack one and the best-column snippet of rows whose body has no
 * match. Exact words are looked up per row (an index seek each); a MATCH with a prefix is run once over the
 * rows instead, because FTS5 merges every matching term's doclist again for each rowid it is asked about.
 * The rowid test is kept out of FTS5's reach (`+rowid`) so it filters that single pass.
 */
export function completeSnippets(
  db: Database.Database,
  match: string,
  rows: Array<{ id: number; snippet?: string; best?: string }>,
): void {
  if (!match.includes('*')) return; // per-row lookups in articleSnippet are cheap
  const fill = (
    col: number,
    need: Array<{ id: number; snippet?: string; best?: string }>,
    set: (r: { snippet?: string; best?: string }, s: string) => void,
  ) => {
    if (need.length === 0) return;
    const sql = `SELECT rowid, ${snippetSql('article_fts', col)} FROM article_fts WHERE article_fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`;
    const found = new Map(
      statement(db, sql)
        .raw()
        .all(match, JSON.stringify(need.map((r) => r.id))) as Array<[number, string]>,
    );
    for (const r of need) {
      const s = found.get(r.id);
      if (s !== undefined) set(r, s);
    }
  };
  fill(
    3,
    rows.filter((r) => r.snippet === undefined),
    (r, s) => {
      r.snippet = s;
    },
  );
  fill(
    -1,
    rows.filter((r) => r.snippet !== undefined && !r.snippet.includes(MARK_OPEN)),
    (r, s) => {
      r.best = s;
    },
  );
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

/**
 * Best effort: where the snippet's first marked word sits in the article's plain text. The snippet comes from
 * normalized text (NFKC, spaces between CJK words), so candidates are compared with whitespace removed.
 */
export function matchOffsetOf(
  db: Database.Database,
  articleId: number,
  snippet: string,
  knownText?: string | null,
): number | undefined {
  const open = snippet.indexOf(MARK_OPEN);
  const close = snippet.indexOf(MARK_CLOSE, open);
  if (open < 0 || close < 0) return undefined;
  const text = knownText ?? (stmts(db).text.get(articleId) as string | undefined);
  if (!text) return undefined;
  const word = snippet.slice(open + 1, close).trim();
  if (!word) return undefined;
  const squash = (s: string) => s.replace(/[\s\u27E6\u27E7…]+/g, '').toLowerCase();
  const before = squash(snippet.slice(0, open)).slice(-16);
  // The snippet keeps the text's own case, so an exact search nearly always hits; lower-casing 6 KB per hit is the fallback.
  for (const lower of [false, true]) {
    const haystack = lower ? text.toLowerCase() : text;
    const needle = lower ? word.toLowerCase() : word;
    let first: number | undefined;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      first ??= at;
      if (!before || squash(text.slice(Math.max(0, at - before.length * 3 - 8), at)).endsWith(before)) return at;
    }
    if (first !== undefined) return first;
  }
  // Diacritics differ (the index folds them): fall back to comparing the folded text.
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const folded = fold(text);
  const at = folded.length === text.length ? folded.indexOf(fold(word)) : -1;
  return at >= 0 ? at : undefined;
}
