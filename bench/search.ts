// Section: search latency per query class, ours (searchArchive) beside the raw FTS5 baseline, plus open + first query.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMissing, loadOpenArchive, loadSearch } from './load.js';
import { now, round, summarize, timed, type LatencySummary } from './measure.js';
import { QUERY_CLASSES, type BenchQuery, type QueryClass } from './queries.js';
import type { RawBaseline } from './raw-baseline.js';
import { agreementOf, type ClassAgreement } from './agreement.js';

export interface ClassFigures {
  queries: number;
  /** Share of articles matched, min..max over the class's queries (from our totals). */
  matchShare: [number, number];
  ours: LatencySummary;
  raw: LatencySummary;
  /** ours p95 / raw p95. */
  ratioP95: number;
  ratioP50: number;
  /** Queries whose total differed between ours and raw (should be 0: same corpus, same words). */
  totalMismatches: number;
  examples: string[];
}

export interface SearchFigures {
  classes: Record<QueryClass, ClassFigures>;
  mismatchExamples: string[];
  /** Relevance page 1 against plain bm25 over every hit (tiered pages' tolerance), per class. */
  agreement?: Record<QueryClass, ClassAgreement>;
}

/**
 * Each query runs once on each side, alternating which goes first, after a warm-up pass over other words,
 * so neither side profits from the other having pulled the same pages into the OS cache.
 */
export async function benchSearch(
  archiveFile: string,
  raw: RawBaseline,
  queries: Record<QueryClass, BenchQuery[]>,
  warmup: string[],
  log: (line: string) => void = () => {},
): Promise<SearchFigures | { skipped: string }> {
  const open = await loadOpenArchive();
  const search = await loadSearch();
  if (isMissing(open)) return { skipped: open.missing };
  if (isMissing(search)) return { skipped: search.missing };
  const archive = open(archiveFile);
  try {
    for (const w of warmup) {
      search(archive.db, { query: w, limit: 20 });
      raw.search(w);
    }
    const classes = {} as Record<QueryClass, ClassFigures>;
    const mismatchExamples: string[] = [];
    for (const cls of QUERY_CLASSES) {
      const ours: number[] = [];
      const base: number[] = [];
      const shares: number[] = [];
      let mismatches = 0;
      queries[cls].forEach((q, k) => {
        const runOurs = () => timed(() => search(archive.db, { query: q.text, limit: 20 }));
        const runRaw = () => timed(() => raw.search(q.text));
        const [o, r] =
          k % 2 === 0
            ? [runOurs(), runRaw()]
            : (() => {
                const rr = runRaw();
                return [runOurs(), rr] as const;
              })();
        ours.push(o.ms);
        base.push(r.ms);
        shares.push(o.value.total / Math.max(1, raw.articleCount()));
        if (o.value.total !== r.value.total) {
          mismatches++;
          if (mismatchExamples.length < 8)
            mismatchExamples.push(`${q.text}: ours ${o.value.total}, raw ${r.value.total}`);
        }
      });
      const so = summarize(ours);
      const sr = summarize(base);
      classes[cls] = {
        queries: queries[cls].length,
        matchShare: [round(Math.min(...shares), 4), round(Math.max(...shares), 4)],
        ours: so,
        raw: sr,
        ratioP95: round(so.p95 / sr.p95),
        ratioP50: round(so.p50 / sr.p50),
        totalMismatches: mismatches,
        examples: queries[cls].slice(0, 3).map((q) => q.text),
      };
      log(`  ${cls}: ${queries[cls].length} queries, p95 ours ${so.p95} ms, raw ${sr.p95} ms`);
    }
    // After the timed runs: these searches hit cached totals, and the plain ranking scores every hit.
    const tiered = await import('../db/search/tiered.js').catch(() => null);
    const agreement = tiered ? agreementOf(archive.db, search, queries, tiered.tiering.minHits) : undefined;
    return { classes, mismatchExamples, ...(agreement ? { agreement } : {}) };
  } finally {
    archive.close();
  }
}

export interface OpenFigures {
  query: string;
  /** This process: openArchive + the first search (modules already loaded). */
  inProcessMs: number;
  /** A fresh process: openArchive + the first search, measured inside the child. */
  childOpenAndQueryMs: number;
  /** A fresh process: loading the db modules (better-sqlite3, search) + open + first search. */
  childWithModuleLoadMs: number;
  /** Spawn to exit, including Node and tsx start-up, as a person running `stacks search` would wait. */
  childWallMs: number;
}

export async function benchOpenFirstQuery(
  archiveFile: string,
  query: string,
): Promise<OpenFigures | { skipped: string }> {
  const open = await loadOpenArchive();
  const search = await loadSearch();
  if (isMissing(open)) return { skipped: open.missing };
  if (isMissing(search)) return { skipped: search.missing };
  const t = now();
  const archive = open(archiveFile);
  search(archive.db, { query, limit: 20 });
  const inProcessMs = now() - t;
  archive.close();

  const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'open-probe.ts');
  const tsx = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'tsx');
  const started = now();
  const child = spawnSync(tsx, [probe, archiveFile, query], { encoding: 'utf8' });
  const childWallMs = now() - started;
  const line = child.stdout.trim().split('\n').pop() ?? '';
  let parsed: { openAndQueryMs: number; withModuleLoadMs: number };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    return { skipped: `open probe failed: ${child.stderr.trim().split('\n').slice(-3).join(' ') || line}` };
  }
  return {
    query,
    inProcessMs: round(inProcessMs),
    childOpenAndQueryMs: round(parsed.openAndQueryMs),
    childWithModuleLoadMs: round(parsed.withModuleLoadMs),
    childWallMs: round(childWallMs),
  };
}
