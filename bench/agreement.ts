// Section: how far relevance page 1 is from plain bm25 over every hit, per query class (tiered pages' tolerance).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { isMissing, loadOpenArchive, loadSearch, tryImport, type SearchFn } from './load.js';
import { round, summarize, timed, type LatencySummary } from './measure.js';
import { pickQueries, QUERY_CLASSES, type BenchQuery, type QueryClass } from './queries.js';

export interface ClassAgreement {
  queries: number;
  /** Queries whose result set is large enough for tiered pages (the others are plain bm25 by construction). */
  tiered: number;
  /** Share of queries whose page 1 is the plain bm25 page 1, id for id and in order. */
  identical: number;
  /** Mean share of plain page 1's ids that page 1 shows (in any order). */
  overlap: number;
  /** Rank in the plain ranking of the worst-placed article page 1 shows (1 = best), worst query of the class. */
  worstRank: number;
  /** The same, the median over the class's queries. */
  medianWorstRank: number;
  /** Latency of those page-1 searches (each query new at this data version). */
  ms: LatencySummary;
  example?: string;
}

const PAGE = 20;
const LIVE_HITS = 'article_fts f JOIN article a ON a.id = f.rowid WHERE f.article_fts MATCH ? AND a.trashed_at IS NULL';

/** Plain FTS5 ranking of every live hit: bm25 with the index's weights, ties by id. */
function plainRanking(db: Database.Database, match: string): number[] {
  return db
    .prepare(`SELECT f.rowid FROM ${LIVE_HITS} ORDER BY bm25(f.article_fts, 10.0, 4.0, 2.0, 1.0), f.rowid`)
    .pluck()
    .all(match) as number[];
}

/** Bench query texts are FTS5 MATCH expressions too (queries.ts), except that a bare word must be quoted. */
function matchOf(text: string): string {
  return text.startsWith('"')
    ? text
    : text.endsWith('*')
      ? `"${text.slice(0, -1)}"*`
      : text
          .split(' ')
          .map((w) => `"${w}"`)
          .join(' AND ');
}

export function agreementOf(
  db: Database.Database,
  search: SearchFn,
  queries: Record<QueryClass, BenchQuery[]>,
  minHits: number,
): Record<QueryClass, ClassAgreement> {
  const out = {} as Record<QueryClass, ClassAgreement>;
  for (const cls of QUERY_CLASSES) {
    let identical = 0;
    let tiered = 0;
    let overlap = 0;
    const worst: number[] = [];
    const ms: number[] = [];
    let example: string | undefined;
    for (const q of queries[cls]) {
      const run = timed(() => search(db, { query: q.text, limit: PAGE }));
      ms.push(run.ms);
      const ours = run.value.hits.map((h) => h.id as number);
      const ranking = plainRanking(db, matchOf(q.text));
      if (ranking.length >= minHits) tiered++;
      const plain = ranking.slice(0, PAGE);
      const position = new Map(ranking.map((id, i) => [id, i + 1]));
      const same = ours.length === plain.length && ours.every((id, i) => id === plain[i]);
      if (same) identical++;
      else example ??= `${q.text}: ranks ${ours.map((id) => position.get(id) ?? '?').join(',')}`;
      const shown = new Set(ours);
      overlap += plain.length === 0 ? 1 : plain.filter((id) => shown.has(id)).length / plain.length;
      worst.push(Math.max(0, ...ours.map((id) => position.get(id) ?? Number.POSITIVE_INFINITY)));
    }
    const n = queries[cls].length;
    worst.sort((x, y) => x - y);
    out[cls] = {
      queries: n,
      tiered,
      identical: round(identical / Math.max(1, n), 3),
      overlap: round(overlap / Math.max(1, n), 3),
      worstRank: worst[worst.length - 1] ?? 0,
      medianWorstRank: worst[Math.floor((worst.length - 1) / 2)] ?? 0,
      ms: summarize(ms),
      ...(example ? { example } : {}),
    };
  }
  return out;
}

/** `withMs`: the latency column, meaningful only when each query was new at its data version (not cached). */
export function formatAgreement(figures: Record<QueryClass, ClassAgreement>, withMs = true): string {
  const lines = [
    `class      queries  tiered  page 1 identical  overlap@20  worst rank shown (max / median)${withMs ? '  ms p50 / p95' : ''}`,
  ];
  for (const cls of QUERY_CLASSES) {
    const f = figures[cls];
    lines.push(
      `${cls.padEnd(10)} ${String(f.queries).padStart(7)}  ${String(f.tiered).padStart(6)}  ${`${round(f.identical * 100, 1)}%`.padStart(16)}  ${f.overlap.toFixed(3).padStart(10)}  ${`${f.worstRank} / ${f.medianWorstRank}`.padEnd(32)}${withMs ? `  ${f.ms.p50} / ${f.ms.p95}` : ''}`.trimEnd(),
    );
  }
  for (const cls of QUERY_CLASSES) if (figures[cls].example) lines.push(`  e.g. ${figures[cls].example}`);
  return lines.join('\n');
}

/**
 * `npx tsx bench/agreement.ts <dir of a bench run with --out> [--min-hits N --window N --title-window N] [--queries N] [--seed N]`:
 * the section alone on an existing archive; --min-hits/--window set the tiering thresholds (e.g. scaled to the
 * corpus size, to see at 20k articles what 1M would tier).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const dir = path.resolve(args[0] ?? '.');
  const open = await loadOpenArchive();
  const search = await loadSearch();
  const tiered = await tryImport<{ tiering: { minHits: number; window: number; titleWindow: number } }>(
    '../db/search/tiered.js',
  );
  const { RawBaseline } = await import('./raw-baseline.js');
  const { Corpus } = await import('./corpus.js');
  if (isMissing(open) || isMissing(search) || isMissing(tiered)) throw new Error('db modules missing');
  tiered.tiering.minHits = flag('min-hits', tiered.tiering.minHits);
  tiered.tiering.window = flag('window', tiered.tiering.window);
  tiered.tiering.titleWindow = flag('title-window', tiered.tiering.titleWindow);
  const seed = flag('seed', 20240601);
  const raw = new RawBaseline(path.join(dir, 'raw-fts5.sqlite'));
  const queries = pickQueries({
    articles: raw.articleCount(),
    documentCounts: raw.termDocumentCounts(),
    collocations: new Corpus({ seed }).collocations,
    phraseCount: (p) => raw.search(p).total,
    perClass: flag('queries', 60),
    seed,
  });
  raw.close();
  const archive = open(path.join(dir, 'bench.stacks.sqlite'));
  try {
    // Facet columns built first (the second query at a data version builds them), as in the search section.
    for (const w of ['summer', 'summer rain', 'summer']) search(archive.db, { query: w, limit: PAGE });
    console.log(`tiering: ${JSON.stringify(tiered.tiering)}`);
    console.log(formatAgreement(agreementOf(archive.db, search, queries, tiered.tiering.minHits)));
  } finally {
    archive.close();
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) await main();
