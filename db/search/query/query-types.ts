// The parsed form of a search query: a conjunction of clauses, each an OR of atoms, possibly negated.
import type { SearchScope } from '../../contract/types.js';

/** Text fields of the article index a word can be restricted to (`author:` searches the byline). */
export type TextField = 'title' | 'author' | 'site';

/** A word, a prefix or a phrase, as the user typed it (normalization happens in compile). */
export interface TextAtom {
  type: 'text';
  value: string;
  /** Quoted in the query: the words must appear next to each other. */
  phrase: boolean;
  /** Ended with `*`: matches every word starting with the value. */
  prefix: boolean;
  field: TextField | null;
}

export type IsValue = 'unread' | 'read' | 'favorite' | 'archived';
export type HasValue = 'annotations' | 'notes';

/** Filters narrow the result set in SQL; they never reach the full-text MATCH expression. */
export type FilterAtom =
  | { type: 'tag'; value: string }
  | { type: 'collection'; value: string }
  | { type: 'color'; value: string }
  | { type: 'url'; value: string }
  /** The article's site name exactly (case-insensitive): what a site facet click adds. */
  | { type: 'from'; value: string }
  | { type: 'is'; value: IsValue }
  | { type: 'has'; value: HasValue }
  /** Dates are ISO prefixes ('2024', '2024-06', '2024-06-01') compared as strings with stored ISO dates. */
  | { type: 'before'; date: string }
  | { type: 'after'; date: string }
  | { type: 'year'; year: number };

export type Atom = TextAtom | FilterAtom;

/** One AND-ed part of the query. More than one atom means `a OR b`; all atoms are of one kind (text or filter). */
export interface Clause {
  negated: boolean;
  any: Atom[];
}

export interface ParsedQuery {
  clauses: Clause[];
  /** Set by `in:annotations` / `in:articles`; null when the query does not say. */
  scope: SearchScope | null;
  /** Readable notes about parts of the query that were ignored or read differently. */
  warnings: string[];
}

export function isTextAtom(a: Atom): a is TextAtom {
  return a.type === 'text';
}
