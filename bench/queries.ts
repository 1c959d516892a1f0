// Chooses the benchmark queries per class from the corpus's real document frequencies (not from guesses).
import { FTS_OPERATOR_WORDS, mulberry32, mixSeed } from './corpus.js';

export const QUERY_CLASSES = ['rare', 'common', 'twoWords', 'phrase', 'prefix3', 'prefix5'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export const QUERY_CLASS_LABELS: Record<QueryClass, string> = {
  rare: 'rare word (0.01-0.1% of articles)',
  common: 'common word (~30% of articles)',
  twoWords: 'two mid-frequency words',
  phrase: 'phrase "a b"',
  prefix3: '3-letter prefix abc*',
  prefix5: '5-letter prefix abcde*',
};

export interface BenchQuery {
  cls: QueryClass;
  /** The same text is valid in our query language and as an FTS5 MATCH expression. */
  text: string;
  /** Share of articles matching it, when known from the statistics (for the report). */
  share?: number;
}

export interface QueryPickInput {
  articles: number;
  /** term -> number of articles containing it (fts5vocab over the baseline index). */
  documentCounts: Map<string, number>;
  collocations: ReadonlyArray<readonly [string, string]>;
  /** How many articles contain the phrase (asked of the baseline index). */
  phraseCount: (phrase: string) => number;
  perClass: number;
  seed: number;
}

const isPlainWord = (t: string): boolean => /^[a-z]+$/.test(t) && !FTS_OPERATOR_WORDS.has(t);

export function pickQueries(input: QueryPickInput): Record<QueryClass, BenchQuery[]> {
  const { articles: n, documentCounts, perClass } = input;
  const rng = mulberry32(mixSeed(input.seed, 0x51));
  const terms = [...documentCounts].filter(([t]) => isPlainWord(t)).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const share = (df: number) => df / n;

  // Rare: 0.01%..0.1% of articles; a tiny corpus (smoke runs) widens the band to at least 1..2 articles.
  const rareLo = Math.max(1, Math.floor(0.0001 * n));
  const rareHi = Math.max(rareLo + 1, Math.ceil(0.001 * n));
  const rare = shuffle(
    rng,
    terms.filter(([t, df]) => df >= rareLo && df <= rareHi && t.length >= 4),
  ).slice(0, perClass);

  // Common: the words whose share is nearest 30%.
  const common = [...terms]
    .filter(([t]) => t.length >= 3)
    .sort((a, b) => Math.abs(share(a[1]) - 0.3) - Math.abs(share(b[1]) - 0.3))
    .slice(0, perClass);

  // Two words, both mid-frequency (2%..10% of articles each).
  const mid = shuffle(
    rng,
    terms.filter(([t, df]) => t.length >= 4 && share(df) >= 0.02 && share(df) <= 0.1),
  );
  const twoWords: BenchQuery[] = [];
  for (let i = 0; i + 1 < mid.length && twoWords.length < perClass; i += 2) {
    twoWords.push({ cls: 'twoWords', text: `${mid[i]![0]} ${mid[i + 1]![0]}` });
  }

  // Phrases: recurring collocations that the index really holds next to each other.
  const phrase: BenchQuery[] = [];
  for (const [a, b] of shuffle(rng, [...input.collocations])) {
    if (phrase.length >= perClass) break;
    if (!isPlainWord(a) || !isPlainWord(b)) continue;
    const text = `"${a} ${b}"`;
    const count = input.phraseCount(text);
    if (count > 0) phrase.push({ cls: 'phrase', text, share: share(count) });
  }

  return {
    rare: rare.map(([t, df]) => ({ cls: 'rare', text: t, share: share(df) })),
    common: common.map(([t, df]) => ({ cls: 'common', text: t, share: share(df) })),
    twoWords,
    phrase,
    prefix3: prefixes(rng, terms, 3, 0.01, n, perClass).map((text) => ({ cls: 'prefix3', text })),
    prefix5: prefixes(rng, terms, 5, 0.002, n, perClass).map((text) => ({ cls: 'prefix5', text })),
  };
}

/** Distinct prefixes of words that are themselves reasonably frequent, so each prefix matches many articles. */
function prefixes(
  rng: () => number,
  terms: Array<[string, number]>,
  length: number,
  minShare: number,
  n: number,
  count: number,
): string[] {
  const seen = new Set<string>();
  for (const [t] of shuffle(
    rng,
    terms.filter(([t, df]) => t.length > length && df / n >= minShare),
  )) {
    if (seen.size >= count) break;
    seen.add(`${t.slice(0, length)}*`);
  }
  return [...seen];
}

function shuffle<T>(rng: () => number, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
