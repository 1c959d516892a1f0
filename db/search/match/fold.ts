// One code point as FTS5's unicode61 tokenizer (remove_diacritics 2) reads it: separator, folded away, or folded text.
import { baseFold, baseTokenChar } from './fold-base.js';
import { DROPPED, EXTRA_TOKEN, KEEP, LOWER_ONLY, MAPPED, NOT_TOKEN } from './fts5-chars.js';

/** What a code point contributes to a token: null for a separator, '' for a mark folded away, else its fold. */
export type CharFold = string | null;

function rangeSet(spec: string): (cp: number) => boolean {
  const ranges = spec
    .split(' ')
    .filter(Boolean)
    .map((r) => r.split('-').map((h) => parseInt(h, 16)) as [number, number?]);
  return (cp) => ranges.some(([a, b]) => cp >= a && cp <= (b ?? a));
}

const extraToken = rangeSet(EXTRA_TOKEN);
const notToken = rangeSet(NOT_TOKEN);
const dropped = rangeSet(DROPPED);
const keep = rangeSet(KEEP);
const lowerOnly = rangeSet(LOWER_ONLY);
const mapped = new Map(MAPPED);

function compute(cp: number): CharFold {
  if (dropped(cp)) return '';
  const c = String.fromCodePoint(cp);
  if (!(baseTokenChar(c) ? !notToken(cp) : extraToken(cp))) return null;
  if (keep(cp)) return c;
  if (lowerOnly(cp)) return String.fromCodePoint(c.toLowerCase().codePointAt(0)!);
  return mapped.get(cp) ?? baseFold(c);
}

// Texts use few distinct characters: each is worked out once. ASCII is filled in up front.
const cache = new Map<number, CharFold>();
const ascii: CharFold[] = [];
for (let cp = 0; cp < 128; cp++) {
  const c = String.fromCharCode(cp);
  ascii.push(/[0-9A-Za-z]/.test(c) ? c.toLowerCase() : null);
}

export function foldChar(cp: number): CharFold {
  if (cp < 128) return ascii[cp]!;
  let f = cache.get(cp);
  if (f === undefined) {
    f = compute(cp);
    cache.set(cp, f);
  }
  return f;
}
