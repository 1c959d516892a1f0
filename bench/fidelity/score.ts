// Fidelity scoring (pure, no archive): how close an extraction's title, byline, date and text are to a page's own.

/** What a page's author would call its metadata and text (tests/fixtures/fidelity/NAME.expected.json). */
export interface ExpectedPage {
  title: string;
  /** Every author, in order; null when the page names none worth scoring (an encyclopedia article). */
  byline: string[] | null;
  /** As written on the page: a day (YYYY-MM-DD), a local date-time without zone, or an instant with its zone. */
  date: string | null;
  /** The article text, paragraphs separated by blank lines. */
  text: string;
  /** A phrase from the article that a search must find the page by. */
  phrase: string;
}

/** What one extractor made of a page. */
export interface Extracted {
  title: string | null;
  byline: string | null;
  date: string | null;
  text: string;
  /** The page's place in the results of a search for its phrase (1 = first); null when not found. */
  phraseRank: number | null;
}

export interface PageScore {
  name: string;
  title: boolean;
  byline: boolean | null;
  date: boolean | null;
  f1: number;
  phraseRank: number | null;
}

export interface FidelityFigures {
  pages: number;
  /** Share of pages whose title is exactly the expected one. */
  titleRate: number;
  /** Share of pages (with an expected byline) whose authors are all there, in order, and nothing else. */
  bylineRate: number;
  /** Share of pages (with an expected date) whose date is the same day/date-time/instant as written. */
  dateRate: number;
  /** Mean token F1 of the text against the expected article text. */
  textF1: number;
  /** Mean reciprocal rank of each page for a search of its phrase (0 when not found). */
  phraseMrr: number;
  /** Share of pages found by their phrase at all. */
  phraseFound: number;
}

const inline = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Names in a byline string: "By A, B and C" -> [A, B, C]. */
export function bylineNames(byline: string | null): string[] {
  if (!byline) return [];
  return inline(byline)
    .replace(/^by\s+/i, '')
    .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|、)\s*/i)
    .map((n) => n.trim())
    .filter(Boolean);
}

type When = { kind: 'day'; value: string } | { kind: 'local'; value: string } | { kind: 'instant'; value: number };

/** A date string by what it says: a day, a wall-clock time without zone, or an instant. */
export function readDate(s: string | null): When | null {
  if (!s) return null;
  const v = s.trim();
  const day = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(v);
  if (day) return { kind: 'day', value: `${day[1]}-${day[2]}-${day[3]}` };
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(v);
  if (local) return { kind: 'local', value: `${local[1]}T${local[2]}:${local[3] ?? '00'}` };
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v)) {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? null : { kind: 'instant', value: ms };
  }
  return null;
}

export function sameDate(expected: string, got: string | null): boolean {
  const a = readDate(expected);
  const b = readDate(got);
  return !!a && !!b && a.kind === b.kind && a.value === b.value;
}

const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Words of a text, lower-cased; CJK runs split the way Intl.Segmenter splits them, on both sides alike. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const s of wordSegmenter.segment(text.normalize('NFKC').toLowerCase())) if (s.isWordLike) out.push(s.segment);
  return out;
}

/** Token F1 of `got` against `expected` (multisets). */
export function tokenF1(expected: string, got: string): number {
  const want = new Map<string, number>();
  const e = tokens(expected);
  const g = tokens(got);
  if (!e.length || !g.length) return e.length === g.length ? 1 : 0;
  for (const t of e) want.set(t, (want.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of g) {
    const n = want.get(t) ?? 0;
    if (n > 0) {
      common++;
      want.set(t, n - 1);
    }
  }
  if (!common) return 0;
  const precision = common / g.length;
  const recall = common / e.length;
  return (2 * precision * recall) / (precision + recall);
}

export function scorePage(name: string, expected: ExpectedPage, got: Extracted): PageScore {
  const names = bylineNames(got.byline);
  return {
    name,
    title: !!got.title && inline(got.title) === inline(expected.title),
    byline:
      expected.byline === null
        ? null
        : names.length === expected.byline.length && names.every((n, i) => n === inline(expected.byline![i]!)),
    date: expected.date === null ? null : sameDate(expected.date, got.date),
    f1: tokenF1(expected.text, got.text),
    phraseRank: got.phraseRank,
  };
}

const rate = (list: (boolean | null)[]): number => {
  const scored = list.filter((v): v is boolean => v !== null);
  return scored.length ? scored.filter(Boolean).length / scored.length : 1;
};
const mean = (list: number[]): number => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0);

export function summarize(scores: PageScore[]): FidelityFigures {
  return {
    pages: scores.length,
    titleRate: rate(scores.map((s) => s.title)),
    bylineRate: rate(scores.map((s) => s.byline)),
    dateRate: rate(scores.map((s) => s.date)),
    textF1: mean(scores.map((s) => s.f1)),
    phraseMrr: mean(scores.map((s) => (s.phraseRank ? 1 / s.phraseRank : 0))),
    phraseFound: rate(scores.map((s) => s.phraseRank !== null)),
  };
}

/** The measures, for a comparison that names each one. */
export const MEASURES = ['titleRate', 'bylineRate', 'dateRate', 'textF1', 'phraseMrr', 'phraseFound'] as const;
