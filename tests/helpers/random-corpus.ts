// Seeded random archives for ranking tests: a Zipf-ish vocabulary, varied field lengths, duplicates (bm25 ties).
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { catchUpIndex } from '../../db/search/index/article-index-sync.js';
import { mulberry32 as seededRandom } from '../../bench/corpus.js';

const SYLLABLES = ['ka', 'lo', 'mi', 'ter', 'san', 'du', 'ven', 'rho', 'pli', 'ost', 'ar', 'bel', 'cor', 'fin', 'gra'];
// Words FTS5 would read as operators, and words our query language reads specially.
const RESERVED = new Set(['and', 'or', 'not', 'near']);
const SITES = ['Harbor Post', 'kasan daily', 'The Ledger', 'lomi ter news', null, 'Quiet Desk', 'vendu review'];

export interface RandomArticle {
  title: string;
  byline: string | null;
  site: string | null;
  body: string;
  published: string | null;
  tags: string[];
  trashed: boolean;
}

export interface RandomCorpus {
  articles: RandomArticle[];
  /** Vocabulary, most frequent first. */
  words: string[];
  /** word -> number of live and trashed articles holding it in any field (every row FTS5 indexes). */
  df: Map<string, number>;
}

/** Builds `n` articles from `seed`. Shared 3- and 5-letter beginnings come from the syllables, for prefix queries. */
export function randomCorpus(seed: number, n: number): RandomCorpus {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const words: string[] = [];
  const seen = new Set<string>();
  while (words.length < 1500) {
    const k = 1 + Math.floor(rnd() * 3);
    let w = '';
    for (let i = 0; i < k; i++) w += pick(SYLLABLES);
    if (w.length < 3 || seen.has(w) || RESERVED.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  // Zipf with exponent 1: the first words are in most articles, the last in a handful.
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 0; r < words.length; r++) cumulative.push((sum += 1 / (r + 3)));
  const zipf = (): string => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return words[lo]!;
  };
  const text = (count: number) => Array.from({ length: count }, zipf).join(' ');
  const sites = SITES;
  const authors = ['Ana Ruiz', 'Bo Lund', 'kami ter', 'Sam Ost', 'Li Wei'];
  const tags = ['alpha', 'beta', 'gamma', 'delta', 'ep silon'];
  const articles: RandomArticle[] = [];
  for (let i = 0; i < n; i++) {
    // One in a hundred repeats an earlier article word for word: equal bm25 scores, so tie order is tested.
    if (i > 10 && rnd() < 0.01) {
      articles.push({ ...articles[Math.floor(rnd() * i)]!, tags: [], trashed: false });
      continue;
    }
    const shape = rnd();
    // Bodies from a few words (short articles full of one word outrank title hits) to long ones.
    const bodyLength =
      shape < 0.1
        ? 1 + Math.floor(rnd() * 12)
        : shape < 0.8
          ? 30 + Math.floor(rnd() * 250)
          : 300 + Math.floor(rnd() * 900);
    articles.push({
      title: text(1 + Math.floor(rnd() * 10)),
      byline: rnd() < 0.3 ? null : rnd() < 0.8 ? pick(authors) : text(2),
      site: pick(sites),
      body: text(bodyLength),
      published: rnd() < 0.1 ? null : `${2005 + Math.floor(rnd() * 20)}-0${1 + Math.floor(rnd() * 9)}-15`,
      tags: rnd() < 0.2 ? [pick(tags), ...(rnd() < 0.3 ? [pick(tags)] : [])] : [],
      trashed: rnd() < 0.02,
    });
  }
  const df = new Map<string, number>();
  for (const a of articles) {
    const inArticle = new Set(`${a.title} ${a.byline ?? ''} ${a.site ?? ''} ${a.body}`.toLowerCase().split(/\s+/));
    for (const w of inArticle) if (w) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return { articles, words, df };
}

/** Stores the articles the way an import does (article, capture, content), then indexes them in one catch-up. */
export function storeCorpus(db: Database.Database, corpus: RandomCorpus): void {
  const article = db.prepare(
    `INSERT INTO article (title, byline, site_name, published_at, word_count, added_at, excerpt, trashed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const capture = db.prepare(
    `INSERT INTO capture (article_id, sha256, original, media_type, byte_size, captured_at, importer, importer_version)
     VALUES (?, ?, ?, 'text/plain', ?, '2025-01-15T10:00:00Z', 'fixture', '1')`,
  );
  const content = db.prepare("INSERT INTO content (capture_id, html, text, text_sha256) VALUES (?, '', ?, ?)");
  const current = db.prepare('UPDATE article SET current_capture_id = ? WHERE id = ?');
  const tag = db.prepare('INSERT OR IGNORE INTO tag (name) VALUES (?)');
  const tagOf = db.prepare('SELECT id FROM tag WHERE name = ?').pluck();
  const tagged = db.prepare('INSERT OR IGNORE INTO article_tag (article_id, tag_id) VALUES (?, ?)');
  db.transaction(() => {
    corpus.articles.forEach((a, i) => {
      const id = Number(
        article.run(
          a.title,
          a.byline,
          a.site,
          a.published,
          a.body.split(' ').length,
          `2025-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
          a.body.slice(0, 80),
          a.trashed ? '2025-02-01T00:00:00Z' : null,
        ).lastInsertRowid,
      );
      const bytes = Buffer.from(a.body);
      const sha = crypto.createHash('sha256').update(bytes).update(String(id)).digest('hex');
      const cap = Number(capture.run(id, sha, bytes, bytes.length).lastInsertRowid);
      content.run(cap, a.body, sha);
      current.run(cap, id);
      for (const t of a.tags) {
        tag.run(t);
        tagged.run(id, tagOf.get(t));
      }
    });
  })();
  catchUpIndex(db);
}

export type QueryClass =
  'rare' | 'common' | 'twoWords' | 'phrase' | 'prefix3' | 'prefix5' | 'or' | 'negation' | 'siteFacet';

export interface RandomQuery {
  cls: QueryClass;
  /** In Stacks' query language. */
  text: string;
  /** The same search as a plain FTS5 MATCH expression, written independently of the compiler. */
  match: string;
  /** The hits whose title holds the words, when that is not `{title} : (match)` (fielded words stay as they are). */
  titleMatch?: string;
}

/** `perClass` queries of each class, chosen from the corpus's document frequencies. */
export function randomQueries(corpus: RandomCorpus, seed: number, perClass: number): RandomQuery[] {
  const rnd = seededRandom(seed ^ 0x5bd1e995);
  const n = corpus.articles.length;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const byDf = (lo: number, hi: number) =>
    corpus.words.filter((w) => (corpus.df.get(w) ?? 0) >= lo * n && (corpus.df.get(w) ?? 0) <= hi * n);
  const rare = corpus.words.filter((w) => (corpus.df.get(w) ?? 0) >= 1 && (corpus.df.get(w) ?? 0) <= 5);
  const common = byDf(0.15, 1);
  const mid = byDf(0.02, 0.15);
  const out: RandomQuery[] = [];
  for (let k = 0; k < perClass; k++) {
    const r = pick(rare.length ? rare : corpus.words);
    out.push({ cls: 'rare', text: r, match: `"${r}"` });
    const c = pick(common);
    out.push({ cls: 'common', text: c, match: `"${c}"` });
    const [a, b] = [pick(mid), pick(common.concat(mid))];
    out.push({ cls: 'twoWords', text: `${a} ${b}`, match: `"${a}" AND "${b}"` });
    // A pair of neighbours from a random body, so the phrase is really there.
    const body = pick(corpus.articles).body.split(' ');
    const at = Math.floor(rnd() * Math.max(1, body.length - 1));
    const phrase = body.length > 1 ? `${body[at]} ${body[at + 1]}` : body[0]!;
    out.push({ cls: 'phrase', text: `"${phrase}"`, match: `"${phrase}"` });
    const p3 = pick(common.concat(mid).filter((w) => w.length > 3)).slice(0, 3);
    out.push({ cls: 'prefix3', text: `${p3}*`, match: `"${p3}"*` });
    const p5 = pick(corpus.words.filter((w) => w.length > 5 && (corpus.df.get(w) ?? 0) > 0.01 * n)).slice(0, 5);
    out.push({ cls: 'prefix5', text: `${p5}*`, match: `"${p5}"*` });
    const [o1, o2] = [pick(mid), pick(mid)];
    out.push({ cls: 'or', text: `${o1} OR ${o2}`, match: `"${o1}" OR "${o2}"` });
    const [n1, n2] = [pick(common), pick(mid)];
    out.push({ cls: 'negation', text: `${n1} -${n2}`, match: `"${n1}" NOT "${n2}"` });
    // A site facet clicked on a common word's results: the word plus the site as a field.
    const [w, site] = [pick(common), pick(SITES.filter((x) => x !== null))];
    out.push({
      cls: 'siteFacet',
      text: `${w} site:"${site}"`,
      match: `"${w}" AND site : "${site}"`,
      titleMatch: `{title} : ("${w}") AND site : "${site}"`,
    });
  }
  return out;
}
