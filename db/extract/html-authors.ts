// Article authors: every one, in order, from whichever source names the most (structured data, meta lists, visible
// byline); "By A, B and C" and "Last, First" (citation tags) read as people, not as one long name.
import { cleanInline } from './util.js';

const LIST_SEPARATOR = /\s*(?:;|\||&|\band\b|\bund\b|\bet\b|\by\b|、|，)\s*|\s*,\s*(?:and\s+)?/iu;
// Words around a name in visible bylines, in several languages: "By", "Von", "记者", "기자", "Posted by".
const NAME_NOISE =
  /^(?:(?:posted|written|words|story|text|reporting)\s+by|by|von|par|por|door|di|av|przez|記者|记者|作者[:：]?)\s+|\s+(?:기자|記者|记者|特派員)$/iu;

/** True when the text is a date or a time, not a name (Readability sometimes takes a date line for the byline). */
function looksLikeDate(text: string): boolean {
  return (
    /\d/.test(text) &&
    (/\d{4}/.test(text) || /\d{1,2}[:.]\d{2}/.test(text)) &&
    !/\p{L}{3,}\s+\p{L}{3,}\s+\p{L}{3,}/u.test(text)
  );
}

function cleanName(name: string): string | null {
  const n = cleanInline(name.replace(NAME_NOISE, '').replace(NAME_NOISE, ''))?.replace(/[.,;:]+$/, '');
  if (!n || n.length > 80 || /^https?:/i.test(n) || n.startsWith('@') || looksLikeDate(n)) return null;
  if (!/\p{L}/u.test(n)) return null;
  return n;
}

/** Names in one byline string, in order. */
export function splitAuthors(byline: string | null | undefined): string[] {
  const v = cleanInline(byline);
  if (!v) return [];
  const out: string[] = [];
  for (const part of v.replace(NAME_NOISE, '').split(LIST_SEPARATOR)) {
    const n = cleanName(part);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/** "Weber, Klara" -> "Klara Weber" (the citation_author convention); other values as they are. */
export function citationName(value: string): string {
  const m = /^([^,]+),\s*([^,]+)$/.exec(value.trim());
  return m ? `${m[2]!.trim()} ${m[1]!.trim()}` : value.trim();
}

/** Names from several values of one source (two DC.Creator tags, a JSON-LD author list). */
export function namesFrom(values: string[], each: (v: string) => string[] = splitAuthors): string[] {
  const out: string[] = [];
  for (const v of values) for (const n of each(v)) if (!out.includes(n)) out.push(n);
  return out;
}

/**
 * The authors: the source naming the most people wins (a meta tag often names only the first of several), ties
 * going to the earlier source; the visible byline Readability found counts only when metadata names nobody.
 */
export function chooseAuthors(sources: string[][], visible: string | null | undefined): string[] {
  let best: string[] = [];
  for (const s of sources) if (s.length > best.length) best = s;
  if (best.length) return best;
  const v = cleanInline(visible);
  // A long "byline" is a sentence or a sidebar blurb, not a list of names.
  if (!v || v.length > 120 || /:\s/.test(v)) return [];
  return splitAuthors(v);
}
