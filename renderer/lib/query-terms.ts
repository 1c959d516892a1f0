// The words and phrases of a search query, found again in an article's text (to mark every match in the reader).

export interface Term {
  text: string;
  phrase: boolean;
  prefix: boolean;
}

export interface TextSpan {
  start: number;
  end: number;
}

const OPERATORS = new Set(['AND', 'OR', 'NOT']);
/** Scripts written without spaces: a match there has no word boundary to respect. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;

/**
 * The text terms of a query in the search syntax: "quoted phrases", words and `prefix*` words. Filters
 * (`tag:x`, `before:2024`), negated terms (`-word`, `NOT word`) and the operators themselves are left out.
 */
export function queryTerms(query: string): Term[] {
  const terms: Term[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  let negateNext = false;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    if (m[2] !== undefined) {
      const text = m[2].trim();
      if (text && !m[1] && !negateNext) terms.push({ text, phrase: true, prefix: false });
      negateNext = false;
      continue;
    }
    let word = m[3]!;
    if (word === 'NOT') {
      negateNext = true;
      continue;
    }
    const negated = negateNext || word.startsWith('-');
    negateNext = false;
    if (OPERATORS.has(word) || negated) continue;
    // a field word (title:river) searches that field's text; a filter (tag:x, before:2024) does not
    const field = /^(title|author|site):(.+)$/i.exec(word);
    if (field) word = field[2]!;
    else if (/^[a-z]+:/i.test(word)) continue;
    word = word.replace(/^[(+]+|[)]+$/g, '');
    const prefix = word.endsWith('*');
    word = word.replace(/\*+$/, '');
    if (word.startsWith('"')) continue;
    if (word) terms.push({ text: word, phrase: false, prefix });
  }
  return terms;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternOf(t: Term): string {
  const words = t.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) return '';
  const body = words.map(escape).join('[^\\p{L}\\p{N}]+');
  if (UNSPACED.test(t.text)) return body;
  return `(?<![\\p{L}\\p{N}])${body}${t.prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`;
}

/** Every place in `text` a term matches (case-insensitive), in text order, overlaps merged into the first. */
export function findTermMatches(text: string, terms: Term[], limit = 2000): TextSpan[] {
  const patterns = terms.map(patternOf).filter(Boolean);
  if (!patterns.length) return [];
  // longest first, so a phrase wins over one of its own words at the same place
  patterns.sort((a, b) => b.length - a.length);
  const re = new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'giu');
  const out: TextSpan[] = [];
  for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
