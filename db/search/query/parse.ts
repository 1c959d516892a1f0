// Pure query parser: a query string becomes clauses of words, phrases, prefixes and filters, plus warnings; never throws.
import { LIMITS } from '../../contract/limits.js';
import type { Atom, Clause, FilterAtom, ParsedQuery, TextAtom, TextField } from './query-types.js';
import { isTextAtom } from './query-types.js';

/** Longer input is cut (with a warning) so one pasted page cannot build a huge FTS expression. */
/** The contract refuses longer queries; the parser cuts what in-process callers pass (saved searches, exports). */
export const MAX_QUERY_CHARS = LIMITS.query;
export const MAX_ATOMS = 64;

type Item = { kind: 'or' } | { kind: 'atom'; negated: boolean; atom: Atom };

const TEXT_FIELDS: Record<string, TextField> = { title: 'title', author: 'author', byline: 'author', site: 'site' };
const FILTER_FIELDS = new Set([
  'url',
  'before',
  'after',
  'year',
  'tag',
  'collection',
  'color',
  'is',
  'has',
  'in',
  'from',
]);
const IS_VALUES: Record<string, 'unread' | 'read' | 'favorite' | 'archived'> = {
  unread: 'unread',
  read: 'read',
  favorite: 'favorite',
  favourite: 'favorite',
  starred: 'favorite',
  archived: 'archived',
};
const HAS_VALUES: Record<string, 'annotations' | 'notes'> = {
  annotations: 'annotations',
  annotation: 'annotations',
  highlights: 'annotations',
  notes: 'notes',
  note: 'notes',
};
// Characters that end a bare word: whitespace, grouping brackets (not supported, so they only separate) and quotes.
const BARE_END = /[\s()"]/;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Turns a query string into clauses. Malformed parts are dropped or read literally, each with a warning. */
export function parseQuery(input: string): ParsedQuery {
  const warnings: string[] = [];
  let text = input;
  if (text.length > MAX_QUERY_CHARS) {
    text = text.slice(0, MAX_QUERY_CHARS);
    warnings.push(`The query is longer than ${MAX_QUERY_CHARS} characters; only the start was searched.`);
  }
  const state: LexState = { s: text, i: 0, warnings, scope: null };
  const items = lex(state);
  const clauses = group(items, warnings);
  return { clauses, scope: state.scope, warnings };
}

interface LexState {
  s: string;
  i: number;
  warnings: string[];
  scope: ParsedQuery['scope'];
}

function lex(st: LexState): Item[] {
  const items: Item[] = [];
  let pendingNot = false;
  let atomCount = 0;
  let tooMany = false;
  const { s, warnings } = st;
  while (st.i < s.length) {
    const c = s[st.i]!;
    if (/\s/.test(c) || c === '(' || c === ')') {
      st.i++;
      continue;
    }
    let negated = pendingNot;
    pendingNot = false;
    if ((c === '-' || c === '+') && st.i + 1 < s.length && !/\s/.test(s[st.i + 1]!)) {
      negated = negated || c === '-';
      st.i++;
    } else if (c === '-' || c === '+') {
      st.i++;
      continue;
    }
    const push = (atom: Atom | null): void => {
      if (!atom) return;
      if (atomCount >= MAX_ATOMS) {
        tooMany = true;
        return;
      }
      atomCount++;
      items.push({ kind: 'atom', negated, atom });
    };
    if (s[st.i] === '"') {
      const { value, prefix } = readQuoted(st);
      push(textAtom(value, true, prefix, null, warnings));
      continue;
    }
    const field = /^([A-Za-z]+):/.exec(s.slice(st.i, st.i + 20));
    const name = field?.[1]?.toLowerCase();
    if (field && name && (name in TEXT_FIELDS || FILTER_FIELDS.has(name))) {
      st.i += field[0].length;
      const quoted = s[st.i] === '"';
      const raw = quoted ? readQuoted(st) : { value: readBare(st, /\s/), prefix: false };
      const value = quoted ? raw.value.trim() : raw.value.replace(/^[()]+|[()]+$/g, '');
      if (!value) {
        warnings.push(`"${name}:" has no value after it, so it was ignored.`);
        continue;
      }
      if (name in TEXT_FIELDS) {
        const bare = stripStars(value, quoted, warnings);
        if (bare === null) continue;
        push(textAtom(bare.value, quoted, quoted ? raw.prefix : bare.prefix, TEXT_FIELDS[name]!, warnings));
      } else if (name === 'in') {
        readScope(st, value, negated);
      } else {
        push(filterAtom(name, value, warnings));
      }
      continue;
    }
    const word = readBare(st, BARE_END);
    if (!word) {
      st.i++;
      continue;
    } // a lone quote-free separator; cannot happen, but never loop forever
    if (!negated && (word === 'OR' || word === '|' || word === '||')) {
      items.push({ kind: 'or' });
      continue;
    }
    if (!negated && (word === 'AND' || word === '&&')) continue; // AND is implicit between terms
    if (!negated && word === 'NOT') {
      pendingNot = true;
      continue;
    }
    const bare = stripStars(word, false, warnings);
    if (bare === null) continue;
    push(textAtom(bare.value, false, bare.prefix, null, warnings));
  }
  if (pendingNot) warnings.push('NOT at the end of the query has nothing to exclude, so it was ignored.');
  if (tooMany) warnings.push(`Only the first ${MAX_ATOMS} terms of the query were used.`);
  return items;
}

/** Reads a quoted value starting at the opening quote; an unclosed quote runs to the end of the query. */
function readQuoted(st: LexState): { value: string; prefix: boolean } {
  const start = st.i + 1;
  const end = st.s.indexOf('"', start);
  if (end < 0) {
    st.i = st.s.length;
    const value = st.s.slice(start);
    st.warnings.push(
      `The quote before "${short(value.trim())}" is not closed, so the rest of the query was searched as a phrase.`,
    );
    return { value, prefix: false };
  }
  st.i = end + 1;
  let prefix = false;
  while (st.s[st.i] === '*') {
    prefix = true;
    st.i++;
  }
  return { value: st.s.slice(start, end), prefix };
}

function readBare(st: LexState, endRe: RegExp): string {
  const start = st.i;
  while (st.i < st.s.length && !endRe.test(st.s[st.i]!)) st.i++;
  return st.s.slice(start, st.i);
}

/** Handles `*`: a trailing star marks a prefix; a lone star or a leading star cannot be searched. */
function stripStars(word: string, quoted: boolean, warnings: string[]): { value: string; prefix: boolean } | null {
  if (quoted) return { value: word, prefix: false };
  let value = word;
  let prefix = false;
  if (/\*+$/.test(value)) {
    prefix = true;
    value = value.replace(/\*+$/, '');
  }
  if (value.startsWith('*')) {
    value = value.replace(/^\*+/, '');
    if (value)
      warnings.push(`Word endings cannot be searched ("*${short(value)}"); searched "${short(value)}" instead.`);
  }
  if (!value) {
    warnings.push('A "*" on its own was ignored; put it after the start of a word, like "archiv*".');
    return null;
  }
  return { value, prefix };
}

function textAtom(
  value: string,
  phrase: boolean,
  prefix: boolean,
  field: TextField | null,
  warnings: string[],
): TextAtom | null {
  const v = value.trim();
  if (!HAS_WORD_CHAR.test(v)) {
    if (phrase && v === '') warnings.push('Empty quotes were ignored.');
    return null; // punctuation alone (e.g. "^" or "--") matches nothing the index holds
  }
  return { type: 'text', value: v, phrase, prefix, field };
}

function filterAtom(name: string, value: string, warnings: string[]): FilterAtom | null {
  switch (name) {
    case 'tag':
    case 'collection':
    case 'url':
    case 'from':
      return { type: name, value };
    case 'color':
      return { type: 'color', value: value.toLowerCase() };
    case 'is': {
      const v = IS_VALUES[value.toLowerCase()];
      if (v) return { type: 'is', value: v };
      warnings.push(
        `"is:${short(value)}" is not known (use is:unread, is:read, is:favorite or is:archived), so it was ignored.`,
      );
      return null;
    }
    case 'has': {
      const v = HAS_VALUES[value.toLowerCase()];
      if (v) return { type: 'has', value: v };
      warnings.push(`"has:${short(value)}" is not known (use has:annotations or has:notes), so it was ignored.`);
      return null;
    }
    case 'before':
    case 'after': {
      const date = parseDate(value);
      if (date) return { type: name, date };
      warnings.push(`"${name}:${short(value)}" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD), so it was ignored.`);
      return null;
    }
    case 'year': {
      if (/^\d{4}$/.test(value)) return { type: 'year', year: Number(value) };
      warnings.push(`"year:${short(value)}" is not a year (use four digits, like year:2024), so it was ignored.`);
      return null;
    }
    default:
      return null;
  }
}

function readScope(st: LexState, value: string, negated: boolean): void {
  const v = value.toLowerCase();
  let scope: ParsedQuery['scope'] = null;
  if (v === 'annotations' || v === 'annotation' || v === 'highlights') scope = 'annotations';
  else if (v === 'articles' || v === 'article') scope = 'articles';
  if (!scope) {
    st.warnings.push(`"in:${short(value)}" is not known (use in:annotations or in:articles), so it was ignored.`);
    return;
  }
  if (negated) st.warnings.push(`"-in:" cannot exclude a scope; searched ${scope} as with "in:${v}".`);
  st.scope = scope;
}

/** Validates YYYY, YYYY-MM or YYYY-MM-DD (also with / or . between parts) and returns it with dashes. */
export function parseDate(value: string): string | null {
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(value);
  if (!m) return null;
  const year = m[1]!;
  if (!m[2]) return year;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const mm = String(month).padStart(2, '0');
  if (!m[3]) return `${year}-${mm}`;
  const day = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(Number(year), month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return `${year}-${mm}-${String(day).padStart(2, '0')}`;
}

/** Joins atoms around OR into one clause; OR without a term on both sides is ignored with a warning. */
function group(items: Item[], warnings: string[]): Clause[] {
  const clauses: Clause[] = [];
  let pendingOr = false;
  for (const item of items) {
    if (item.kind === 'or') {
      if (clauses.length === 0) {
        if (!pendingOr) warnings.push('OR at the start of the query has nothing before it, so it was ignored.');
      }
      pendingOr = clauses.length > 0;
      continue;
    }
    const prev = clauses[clauses.length - 1];
    if (pendingOr && prev) {
      const sameKind = isTextAtom(prev.any[0]!) === isTextAtom(item.atom);
      if (!prev.negated && !item.negated && sameKind) {
        prev.any.push(item.atom);
        pendingOr = false;
        continue;
      }
      warnings.push(
        !sameKind
          ? 'OR joins words with words or filters with filters; a word OR a filter was read as both.'
          : 'OR cannot join an excluded (-) term, so both terms were applied.',
      );
    }
    pendingOr = false;
    clauses.push({ negated: item.negated, any: [item.atom] });
  }
  if (pendingOr) warnings.push('OR at the end of the query has nothing after it, so it was ignored.');
  return clauses;
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
