// The article's title, chosen by agreement: the headline the page shows and the titles its metadata gives, with site
// names cut off by the usual separators; never a description or a site name.
import { cleanInline } from './util.js';

/** Separators sites put between a title and their name: " | ", " - ", " · ", "_" (Chinese sites), full-width "｜". */
const SITE_SEPARATOR = /\s+[|\-–—·•»:]{1,2}\s+|\s*[｜_]\s*|\s+::\s+/u;
/** Separators that also occur inside real titles ("Rhine: will it work?"): only cut when a part is a known site. */
const WEAK_SEPARATOR = /^\s+:\s+$/;

const comparable = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();

export interface TitleSources {
  /** Titles from metadata, most trusted first (parsely, og, twitter, Dublin Core, citation, JSON-LD, <title>). */
  candidates: string[];
  /** Headlines the page shows: <h1>s, then headings marked as titles, then other <h2>/<h3>s. */
  headings: string[];
  /** Site names the page declares (og:site_name, publisher, host) and headings that are a link home (a logo). */
  siteNames: string[];
  /** Descriptions: a title equal to one of these is a summary, not the title. */
  descriptions: string[];
}

/** The parts of a title between site separators, with the separators they were cut at. */
function parts(title: string): { text: string; weakBefore: boolean }[] {
  const out: { text: string; weakBefore: boolean }[] = [];
  let rest = title;
  let weak = false;
  for (;;) {
    const m = SITE_SEPARATOR.exec(rest);
    if (!m) {
      out.push({ text: rest.trim(), weakBefore: weak });
      break;
    }
    out.push({ text: rest.slice(0, m.index).trim(), weakBefore: weak });
    weak = WEAK_SEPARATOR.test(m[0]);
    rest = rest.slice(m.index + m[0].length);
  }
  return out.filter((p) => p.text);
}

function isSiteName(part: string, sites: string[]): boolean {
  const p = comparable(part);
  if (!p) return true;
  return sites.some((s) => {
    const c = comparable(s);
    return (
      !!c &&
      (c === p || (p.length >= 3 && c.includes(p)) || (c.length >= 3 && p.includes(c) && p.length - c.length < 12))
    );
  });
}

/** A title with the site's name cut off its ends; "by NAME" parts (Medium) go too. */
export function stripSiteName(title: string, sites: string[], cutUnknownSuffix: boolean): string {
  let list = parts(title);
  if (list.length < 2) return title;
  // Known site names at either end.
  while (list.length > 1 && isSiteName(list[list.length - 1]!.text, sites)) list = list.slice(0, -1);
  while (list.length > 1 && isSiteName(list[0]!.text, sites)) list = list.slice(1);
  while (list.length > 1 && /^by\s/i.test(list[list.length - 1]!.text)) list = list.slice(0, -1);
  // No site name known: a short last part after a strong separator is the site's ("How to X | eHow").
  if (cutUnknownSuffix) {
    while (list.length > 1) {
      const last = list[list.length - 1]!;
      const head = list
        .slice(0, -1)
        .map((p) => p.text)
        .join(' ');
      if (
        last.weakBefore ||
        last.text.length > 40 ||
        last.text.split(/\s+/).length > 5 ||
        head.length < last.text.length
      )
        break;
      list = list.slice(0, -1);
    }
  }
  // Rejoin what is left with the separators it had (a title may hold " - " itself).
  if (list.length === parts(title).length) return title;
  const first = list[0]!.text;
  const last = list[list.length - 1]!.text;
  const start = title.indexOf(first);
  const end = title.lastIndexOf(last) + last.length;
  return start >= 0 && end > start ? title.slice(start, end).trim() : list.map((p) => p.text).join(' - ');
}

/** Chooses the title; null when the page offers none. */
export function chooseTitle(s: TitleSources): string | null {
  const descriptions = new Set(s.descriptions.map(comparable));
  const sites = s.siteNames;
  const usable = (t: string | null | undefined): t is string =>
    !!t && !descriptions.has(comparable(t)) && !isSiteName(t, sites);
  const stripped = s.candidates.map((c) => stripSiteName(c, sites, false));
  const headings = s.headings
    .map((h) => cleanInline(h.replace(/\s*[#¶§🔗]\s*$/u, '').replace(/^[#¶§]\s*/u, ''))!)
    .filter(Boolean);

  // 1. A headline the page shows that a metadata title agrees with, whole or as one of its parts.
  for (const h of headings) {
    const key = comparable(h);
    if (!key || !usable(h)) continue;
    for (const c of s.candidates.concat(stripped)) {
      if (comparable(c) === key || parts(c).some((p) => comparable(p.text) === key && !isSiteName(p.text, sites))) {
        // A heading matching only a side part of a title holding a longer one is the site's heading ("Post · V8").
        const longest = parts(c).reduce((a, b) => (b.text.length > a.length ? b.text : a), '');
        if (comparable(c) !== key && comparable(longest) !== key && longest.length > h.length * 2) continue;
        return h;
      }
    }
  }
  // 2. Metadata titles that agree with each other, the first of the most agreed-on.
  const cut = s.candidates.map((c) => stripSiteName(c, sites, true)).filter(usable);
  if (cut.length) {
    const votes = new Map<string, number>();
    for (const c of cut) votes.set(comparable(c), (votes.get(comparable(c)) ?? 0) + 1);
    const best = Math.max(...votes.values());
    return cut.find((c) => votes.get(comparable(c)) === best)!;
  }
  // 3. The first headline that is not the site's.
  return headings.find((h) => usable(h)) ?? null;
}
