// Reads the FTS5 MATCH strings compile.ts writes back into the phrases a snippet should mark, with their columns.
import { termsOf } from './tokens.js';

/** Columns of article_fts in order; a phrase's `columns` is a bit mask over them. */
export const ARTICLE_COLUMNS = ['title', 'byline', 'site', 'body'] as const;
const ALL = (1 << ARTICLE_COLUMNS.length) - 1;

/** One phrase to find: folded terms in a row, the last one a prefix when `prefix`. */
export interface Phrase {
  terms: string[];
  prefix: boolean;
  /** Bit i set: the phrase counts in ARTICLE_COLUMNS[i]. */
  columns: number;
}

type Tok =
  { kind: 'str'; value: string } | { kind: 'word'; value: string } | { kind: '(' | ')' | '*' | ':' | '{' | '}' };

function lex(match: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < match.length;) {
    const c = match[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let v = '';
      for (i++; i < match.length; i++) {
        if (match[i] === '"') {
          if (match[i + 1] !== '"') break;
          i++;
        }
        v += match[i];
      }
      i++;
      out.push({ kind: 'str', value: v });
    } else if ('()*:{}'.includes(c)) {
      out.push({ kind: c as '(' });
      i++;
    } else {
      let j = i;
      while (j < match.length && !/[\s"()*:{}]/.test(match[j]!)) j++;
      out.push({ kind: 'word', value: match.slice(i, j) });
      i = j;
    }
  }
  return out;
}

function columnMask(names: string[]): number {
  let mask = 0;
  for (const n of names) {
    const i = (ARTICLE_COLUMNS as readonly string[]).indexOf(n.toLowerCase());
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}

/**
 * The phrases of a MATCH expression that a matching row holds: every phrase outside the right-hand side of NOT
 * (a row matching `a NOT b` has no `b` to mark), each limited to the columns its column filters allow.
 * Precedence as FTS5's: NOT binds tighter than AND (written or implied), AND tighter than OR.
 */
export function matchPhrases(match: string): Phrase[] {
  const toks = lex(match);
  let p = 0;
  const out: Phrase[] = [];
  const peek = () => toks[p];
  const isWord = (w: string) => {
    const t = peek();
    return t?.kind === 'word' && t.value === w;
  };

  const primary = (columns: number, negated: boolean): void => {
    const t = peek();
    if (!t) return;
    // Column filter: `name :` or `{a b} :`.
    if (t.kind === 'word' && toks[p + 1]?.kind === ':') {
      p += 2;
      primary(columns & columnMask([t.value]), negated);
      return;
    }
    if (t.kind === '{') {
      const names: string[] = [];
      for (p++; peek() && peek()!.kind !== '}'; p++)
        if (peek()!.kind === 'word') names.push((peek() as { value: string }).value);
      p++; // }
      if (peek()?.kind === ':') p++;
      primary(columns & columnMask(names), negated);
      return;
    }
    if (t.kind === '(') {
      p++;
      or(columns, negated);
      if (peek()?.kind === ')') p++;
      return;
    }
    if (t.kind === 'str') {
      p++;
      const prefix = peek()?.kind === '*';
      if (prefix) p++;
      const terms = termsOf(t.value);
      if (!negated && terms.length > 0 && columns !== 0) out.push({ terms, prefix, columns });
      return;
    }
    p++; // anything else (a stray word): skipped
  };
  const not = (columns: number, negated: boolean): void => {
    primary(columns, negated);
    while (isWord('NOT')) {
      p++;
      primary(columns, true);
    }
  };
  const and = (columns: number, negated: boolean): void => {
    not(columns, negated);
    for (;;) {
      if (isWord('AND')) p++;
      const t = peek();
      if (!t || t.kind === ')' || isWord('OR')) return;
      not(columns, negated);
    }
  };
  const or = (columns: number, negated: boolean): void => {
    and(columns, negated);
    while (isWord('OR')) {
      p++;
      and(columns, negated);
    }
  };
  while (p < toks.length) or(ALL, false);
  return out;
}
