// A plain-text reference in an APA-like style, for "Copy citation": Author, A. A. (Year, Month Day). Title. Site. URL
import type { CitationSource } from './citation-data.js';
import type { PersonName } from './names.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function initials(given: string): string {
  return given
    .split(/[\s]+/)
    .filter(Boolean)
    .map((g) =>
      g
        .split('-')
        .map((part) => `${[...part][0]!.toUpperCase()}.`)
        .join('-'),
    )
    .join(' ');
}

function personAPA(p: PersonName): string {
  if (p.literal) return p.literal;
  return p.given ? `${p.family}, ${initials(p.given)}` : p.family!;
}

function authorsAPA(people: PersonName[]): string {
  const names = people.map(personAPA);
  if (names.length === 1) return names[0]!;
  if (names.length <= 20) return `${names.slice(0, -1).join(', ')}, & ${names.at(-1)}`;
  return `${names.slice(0, 19).join(', ')}, … ${names.at(-1)}`;
}

function dateAPA(parts: number[] | null): string {
  if (!parts) return 'n.d.';
  const [y, m, d] = parts;
  if (!m) return String(y);
  return `${y}, ${MONTHS[m - 1]}${d ? ` ${d}` : ''}`;
}

/** Ends a part with a full stop unless it already ends with punctuation. */
const sentence = (s: string): string => (/[.!?…]$/.test(s) ? s : `${s}.`);

export function plainCitation(s: CitationSource): string {
  const date = `(${dateAPA(s.published)}).`;
  const parts = s.authors.length
    ? [sentence(authorsAPA(s.authors)), date, sentence(s.title)]
    : [sentence(s.title), date];
  if (s.site && s.site !== s.title) parts.push(sentence(s.site));
  if (s.url) parts.push(s.url);
  return parts.join(' ');
}

export function toPlainCitations(sources: CitationSource[]): string {
  return `${sources.map(plainCitation).join('\n\n')}\n`;
}
