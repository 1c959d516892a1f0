// Compiles parsed clauses into an FTS5 MATCH string (built only from quoted, escaped tokens) and parameterized SQL filters.
import type { SearchScope } from '../../contract/types.js';
import { normalizeForIndex } from '../normalize.js';
import { gramPhrase } from '../grams.js';
import type { Clause, FilterAtom, ParsedQuery, TextAtom, TextField } from './query-types.js';
import { isTextAtom } from './query-types.js';

/** SQL for one search. Filter SQL refers to `a` (article) and, in the annotations scope, `n` (annotation). */
export interface CompiledQuery {
  scope: SearchScope;
  /** MATCH expression for the scope's FTS table (article_fts or annotation_fts); null when no word must match. */
  match: string | null;
  /**
   * The same words restricted to titles (`{title} : (match)`, fielded clauses such as a facet's `site:` kept as
   * they are), a subset of `match`'s hits: set only for article queries of positive words, so relevance pages of
   * huge result sets can rank title hits first without scoring every hit (see tiered.ts).
   */
  titleMatch: string | null;
  /** AND-ed SQL conditions; `?` placeholders are bound from `params` in order. */
  where: string[];
  params: Array<string | number>;
  /** True when the query holds nothing to search or filter by (an empty query). */
  empty: boolean;
  /** Readable notes about parts read differently while compiling. */
  warnings: string[];
  /** Identifies the compiled SQL exactly; used to cache totals and facets. */
  key: string;
  /** CJK strings searched as substrings through the gram index, for snippets cut from the text as written. */
  substrings?: string[];
  /**
   * The site of a lone `from:"Site"` in an article search (a site facet click): kept out of `where`, so that the
   * words keep their in-memory counting, tiers and kept pages, each restricted to the site (searchSource adds it
   * to the SQL). Compared as `SITE_SQL` does.
   */
  site?: string;
}

/** An article's site against a `from:` value: the whole name, ASCII case folded (as the facet columns compare). */
export const SITE_SQL = 'a.site_name = ? COLLATE NOCASE';

const ARTICLE_COLUMN: Record<TextField, string> = { title: 'title', author: 'byline', site: 'site' };
// Control characters are dropped: nothing indexed holds them and they only confuse the FTS5 parser.
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Quotes one user value as an FTS5 string (or prefix): doubled quotes, always wrapped, never bare syntax. */
export function ftsString(value: string, prefix: boolean): string | null {
  const tokens = normalizeForIndex(value.replace(CONTROL, ' ')).replace(/\s+/g, ' ').trim();
  if (!tokens) return null;
  return `"${tokens.replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}

function ftsAtom(atom: TextAtom, withField: boolean): string | null {
  const s = ftsString(atom.value, atom.prefix);
  if (!s) return null;
  return withField && atom.field ? `${ARTICLE_COLUMN[atom.field]} : ${s}` : s;
}

function ftsGroup(atoms: TextAtom[], withField: boolean): string | null {
  const parts = atoms.map((a) => ftsAtom(a, withField)).filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** Positive groups AND-ed, negated ones removed with FTS5's NOT; null when there is no positive group. */
function ftsExpression(positive: string[], negative: string[]): string | null {
  if (positive.length === 0) return null;
  const pos = positive.join(' AND ');
  return negative.length === 0 ? pos : `(${pos}) NOT (${negative.join(' OR ')})`;
}

interface Sql {
  sql: string;
  params: Array<string | number>;
}

const DATE_OF_ARTICLE = 'coalesce(a.published_at, a.added_at)';

function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterSql(f: FilterAtom, scope: SearchScope): Sql | null {
  const ann = scope === 'annotations';
  const dateCol = ann ? 'n.created_at' : DATE_OF_ARTICLE;
  switch (f.type) {
    case 'tag':
      return ann
        ? {
            sql: 'n.id IN (SELECT x.annotation_id FROM annotation_tag x JOIN tag t ON t.id = x.tag_id WHERE t.name = ?)',
            params: [f.value],
          }
        : {
            sql: 'a.id IN (SELECT x.article_id FROM article_tag x JOIN tag t ON t.id = x.tag_id WHERE t.name = ?)',
            params: [f.value],
          };
    case 'collection':
      return {
        sql: 'a.id IN (SELECT x.article_id FROM article_collection x JOIN collection c ON c.id = x.collection_id WHERE c.name = ?)',
        params: [f.value],
      };
    case 'color':
      return ann
        ? { sql: 'n.color = ?', params: [f.value] }
        : {
            sql: 'a.id IN (SELECT article_id FROM annotation WHERE color = ? AND deleted_at IS NULL)',
            params: [f.value],
          };
    case 'from':
      return { sql: SITE_SQL, params: [f.value] };
    case 'url': {
      const like = likeContains(f.value);
      return { sql: "(a.source_url LIKE ? ESCAPE '\\' OR a.canonical_url LIKE ? ESCAPE '\\')", params: [like, like] };
    }
    case 'is': {
      const col = {
        unread: 'a.is_read = 0',
        read: 'a.is_read = 1',
        favorite: 'a.is_favorite = 1',
        archived: 'a.is_archived = 1',
      }[f.value];
      return { sql: col, params: [] };
    }
    case 'has':
      if (ann) return f.value === 'notes' ? { sql: "n.note <> ''", params: [] } : null;
      return f.value === 'notes'
        ? { sql: "a.id IN (SELECT article_id FROM annotation WHERE deleted_at IS NULL AND note <> '')", params: [] }
        : { sql: 'a.id IN (SELECT article_id FROM annotation WHERE deleted_at IS NULL)', params: [] };
    case 'before':
      return { sql: `${dateCol} < ?`, params: [f.date] };
    case 'after':
      return { sql: `${dateCol} >= ?`, params: [f.date] };
    case 'year':
      return { sql: `substr(${dateCol}, 1, 4) = ?`, params: [String(f.year).padStart(4, '0')] };
  }
}

function orSql(parts: Sql[]): Sql {
  if (parts.length === 1) return parts[0]!;
  return { sql: `(${parts.map((p) => `(${p.sql})`).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}

/** Builds the SQL pieces for a parsed query; `scope` from the request is overridden by `in:` in the query. */
export function compileQuery(parsed: ParsedQuery, requestScope: SearchScope = 'articles'): CompiledQuery {
  const scope = parsed.scope ?? requestScope;
  const warnings: string[] = [];
  const where: string[] = [];
  const params: Array<string | number> = [];
  const positive: string[] = [];
  const negative: string[] = [];
  // Annotations scope: title:/author:/site: words restrict the annotation's article through article_fts.
  const articlePositive: string[] = [];
  const articleNegative: string[] = [];

  /** Indexes in `positive` of clauses whose every word names a field. */
  const fieldedPositive = new Set<number>();
  let mixedFields = false;
  const substrings: string[] = [];
  // One site from a positive, lone `from:` (the rest, rare, are plain SQL conditions).
  const siteClause =
    scope === 'articles'
      ? parsed.clauses.find((c) => !c.negated && c.any.length === 1 && c.any[0]!.type === 'from')
      : undefined;
  const site = siteClause ? (siteClause.any[0] as { value: string }).value : undefined;
  for (const clause of parsed.clauses) {
    if (clause === siteClause) continue;
    // A lone CJK/Kana/Hangul string in article search is a substring (间站 in 空间站): the gram index answers it.
    const grams = scope === 'articles' ? cjkClause(clause) : null;
    if (grams) {
      where.push(
        `a.id ${clause.negated ? 'NOT IN' : 'IN'} (SELECT rowid FROM article_grams WHERE article_grams MATCH ?)`,
      );
      params.push(grams);
      if (!clause.negated) substrings.push((clause.any[0] as TextAtom).value.trim());
      continue;
    }
    if (isTextAtom(clause.any[0]!)) {
      const atoms = clause.any as TextAtom[];
      const fieldedAtoms = atoms.filter((a) => a.field !== null).length;
      const before = positive.length;
      addText(clause, scope, { positive, negative, articlePositive, articleNegative }, warnings);
      // A clause all of whose words name a field (site:"The Ledger", a facet click) keeps its own column in the
      // title tier's MATCH; a clause mixing fielded and plain words has no title form.
      if (fieldedAtoms === atoms.length && positive.length > before) fieldedPositive.add(positive.length - 1);
      else if (fieldedAtoms > 0) mixedFields = true;
      continue;
    }
    const parts = (clause.any as FilterAtom[]).map((f) => filterSql(f, scope)).filter((p): p is Sql => p !== null);
    if (parts.length === 0) continue;
    const one = orSql(parts);
    // coalesce: a negated condition on a NULL column (e.g. no URL) counts as "does not match", so the row stays.
    where.push(clause.negated ? `NOT coalesce(${one.sql}, 0)` : one.sql);
    params.push(...one.params);
  }

  const fts = scope === 'annotations' ? 'annotation_fts' : 'article_fts';
  const idCol = scope === 'annotations' ? 'n.id' : 'a.id';
  const match = ftsExpression(positive, negative);
  const titleMatch =
    scope === 'articles' && match && negative.length === 0 && !mixedFields
      ? titleForm(positive, fieldedPositive)
      : null;
  if (!match && negative.length > 0) {
    where.push(`${idCol} NOT IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`);
    params.push(negative.join(' OR '));
  }
  if (scope === 'annotations') {
    const articleMatch = ftsExpression(articlePositive, articleNegative);
    if (articleMatch) {
      where.push('a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)');
      params.push(articleMatch);
    } else if (articleNegative.length > 0) {
      where.push('a.id NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)');
      params.push(articleNegative.join(' OR '));
    }
  }
  const empty = match === null && where.length === 0 && site === undefined;
  const key = JSON.stringify([scope, match, where, params, site ?? null]);
  return {
    scope,
    match,
    titleMatch,
    where,
    params,
    empty,
    warnings,
    key,
    ...(substrings.length ? { substrings } : {}),
    ...(site !== undefined ? { site } : {}),
  };
}

/**
 * The title tier's MATCH: the plain words restricted to the title column, AND-ed with the fielded clauses as they
 * are (`{title} : ("walrus") AND site : "The Ledger"`: hits whose title holds the words, on that site). Null
 * when every clause is fielded: no words to find in titles.
 */
function titleForm(positive: string[], fielded: ReadonlySet<number>): string | null {
  const plain = positive.filter((_, i) => !fielded.has(i));
  if (plain.length === 0) return null;
  const title = `{title} : (${plain.join(' AND ')})`;
  return fielded.size === 0 ? title : [title, ...positive.filter((_, i) => fielded.has(i))].join(' AND ');
}

/** The gram phrase of a clause that is one plain (unfielded, non-prefix) CJK string, else null. */
function cjkClause(clause: Clause): string | null {
  if (clause.any.length !== 1 || !isTextAtom(clause.any[0]!)) return null;
  const atom = clause.any[0] as TextAtom;
  if (atom.field !== null || atom.prefix) return null;
  return gramPhrase(atom.value);
}

interface TextBuckets {
  positive: string[];
  negative: string[];
  articlePositive: string[];
  articleNegative: string[];
}

function addText(clause: Clause, scope: SearchScope, b: TextBuckets, warnings: string[]): void {
  const atoms = clause.any as TextAtom[];
  if (scope === 'articles') {
    const g = ftsGroup(atoms, true);
    if (g) (clause.negated ? b.negative : b.positive).push(g);
    return;
  }
  const fielded = atoms.filter((a) => a.field !== null);
  if (fielded.length === atoms.length) {
    const g = ftsGroup(atoms, true);
    if (g) (clause.negated ? b.articleNegative : b.articlePositive).push(g);
    return;
  }
  if (fielded.length > 0) {
    warnings.push(
      'In annotations, "title:", "author:" and "site:" cannot be OR-ed with other words; searched them as plain words.',
    );
  }
  const g = ftsGroup(atoms, false);
  if (g) (clause.negated ? b.negative : b.positive).push(g);
}
