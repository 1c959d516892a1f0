// BibTeX entries (@misc, read by BibTeX and biblatex alike) with LaTeX special characters and accents escaped.
import { isoOf, type CitationSource } from './citation-data.js';
import type { PersonName } from './names.js';

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/** Letters with no combining-mark decomposition, written as their LaTeX commands. */
const LETTERS: Record<string, string> = {
  ß: '{\\ss}',
  æ: '{\\ae}',
  Æ: '{\\AE}',
  œ: '{\\oe}',
  Œ: '{\\OE}',
  ø: '{\\o}',
  Ø: '{\\O}',
  ł: '{\\l}',
  Ł: '{\\L}',
  å: '{\\aa}',
  Å: '{\\AA}',
  ı: '{\\i}',
  '\u2013': '--',
  '\u2014': '---',
  '\u2018': '`',
  '\u2019': "'",
  '\u201c': '``',
  '\u201d': "''",
  '\u00a0': '~',
  '\u2026': '\\ldots{}',
};

/** Combining marks (after NFD) and the LaTeX accent command for each. */
const ACCENTS: Record<string, string> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0304': '=',
  '\u0306': 'u',
  '\u0307': '.',
  '\u0308': '"',
  '\u030a': 'r',
  '\u030b': 'H',
  '\u030c': 'v',
  '\u0327': 'c',
  '\u0328': 'k',
};

function accented(base: string, mark: string): string {
  const cmd = ACCENTS[mark]!;
  // i and j lose their dot under an accent; letter commands (\c, \v...) need a space or braces.
  const letter = base === 'i' ? '\\i' : base === 'j' ? '\\j' : base;
  return /[a-zA-Z]/.test(cmd)
    ? `{\\${cmd}{${letter}}}`
    : `{\\${cmd}${letter.startsWith('\\') ? `{${letter}}` : letter}}`;
}

/**
 * Text as a BibTeX field value: the ten LaTeX specials escaped, Latin accents as accent commands (so classic 8-bit
 * BibTeX sorts and prints them), other scripts (Cyrillic, CJK...) kept as UTF-8 for biber and modern BibTeX.
 */
export function escapeBibtex(text: string): string {
  let out = '';
  const chars = [...text.normalize('NFC')];
  for (const ch of chars) {
    if (SPECIAL[ch]) out += SPECIAL[ch];
    else if (LETTERS[ch]) out += LETTERS[ch];
    else if (ch.charCodeAt(0) < 0x80) out += ch;
    else {
      const parts = [...ch.normalize('NFD')];
      const base = parts[0]!;
      const marks = parts.slice(1);
      if (/^[A-Za-z]$/.test(base) && marks.length > 0 && marks.every((m) => ACCENTS[m])) {
        out += marks.reduce((acc, m) => accented(acc, m), base);
      } else out += ch;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** A URL as `url` needs it: % and # escaped (hyperref reads them raw otherwise), braces percent-encoded. */
function escapeUrl(url: string): string {
  return url.replace(/[{}]/g, (c) => encodeURIComponent(c)).replace(/[%#]/g, (c) => `\\${c}`);
}

function bibName(p: PersonName): string {
  // Braces keep an organisation or a one-word name from being split into given and family names.
  if (p.literal) return `{${escapeBibtex(p.literal)}}`;
  return p.given ? `${escapeBibtex(p.family!)}, ${escapeBibtex(p.given)}` : escapeBibtex(p.family!);
}

/** A citation key of ASCII letters and digits: family name, year, first title word (e.g. doe2024tides). */
function baseKey(s: CitationSource): string {
  const ascii = (t: string) =>
    t
      .normalize('NFD')
      .replace(/[^A-Za-z0-9 ]/g, '')
      .toLowerCase();
  const who = s.authors[0]
    ? ascii(s.authors[0].family ?? s.authors[0].literal ?? '')
        .split(' ')
        .pop()
    : '';
  const year = String(s.published?.[0] ?? s.accessed[0]);
  const word = ascii(s.title)
    .split(' ')
    .find((w) => w.length > 3);
  return `${who || 'stacks'}${year}${word ?? ''}`.slice(0, 40) || `stacks${s.id}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function toBibtex(sources: CitationSource[]): string {
  const used = new Map<string, number>();
  const entries = sources.map((s) => {
    let key = baseKey(s);
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    // A repeated key gets b, c... (the first stands as a).
    if (n > 0) key += String.fromCharCode(97 + Math.min(n, 25));
    const fields: [string, string][] = [];
    if (s.authors.length) fields.push(['author', s.authors.map(bibName).join(' and ')]);
    // Double braces keep the title's capitals as written (styles lower-case titles otherwise).
    fields.push(['title', `{${escapeBibtex(s.title)}}`]);
    if (s.site) fields.push(['howpublished', escapeBibtex(s.site)]);
    if (s.published) {
      fields.push(['year', String(s.published[0])]);
      if (s.published[1]) fields.push(['month', MONTHS[s.published[1] - 1] ?? String(s.published[1])]);
      fields.push(['date', isoOf(s.published)]);
    }
    if (s.url) fields.push(['url', escapeUrl(s.url)]);
    fields.push(['urldate', isoOf(s.accessed)]);
    fields.push(['note', `Accessed ${isoOf(s.accessed)}`]);
    if (s.language) fields.push(['langid', escapeBibtex(s.language)]);
    if (s.tags.length) fields.push(['keywords', s.tags.map(escapeBibtex).join(', ')]);
    const body = fields.map(([k, v]) => `  ${k} = ${k === 'month' ? v : `{${v}}`}`).join(',\n');
    return `@misc{${key},\n${body}\n}\n`;
  });
  return entries.join('\n');
}
