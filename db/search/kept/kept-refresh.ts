// Ranks the heaviest words and prefixes ahead (kept pages), step by step on the index thread, from the index's own vocabulary.
import type Database from 'better-sqlite3';
import { INDEX_SCHEMA } from '../index/article-index-file.js';
import { countAhead, keptQuery, rankAhead } from '../run.js';
import { keptPages, rankVersionSql, totalsVersionSql } from './kept-pages.js';
import { cachedStatement as statement } from '../../util.js';

export interface KeptRefreshHooks {
  /** Awaited before each step: the index thread serves catch-ups meanwhile, and may hold the refresh back. */
  turn(): Promise<void>;
  onProgress?(done: number, total: number): void;
}

export interface KeptRefreshReport {
  /** Searches that have a current kept page now. */
  kept: number;
  /** Of those, ranked (every hit scored) in this refresh; the others were current or only counted again. */
  ranked: number;
  /** Counted again only (their ranking was current, their total or facets not). */
  counted: number;
}

/** The rank and totals versions as `reader` sees them now (each null before the index has any state). */
function readVersions(reader: Database.Database): { rank: string | null; totals: string | null } {
  return statement(
    reader,
    `SELECT ${rankVersionSql(INDEX_SCHEMA)} AS rank, ${totalsVersionSql(INDEX_SCHEMA)} AS totals`,
  ).get() as { rank: string | null; totals: string | null };
}

/** Both versions as one string (null before the index has any state): whether anything moved since a refresh. */
export function keptVersions(reader: Database.Database): string | null {
  const v = readVersions(reader);
  return v.rank === null || v.totals === null ? null : `${v.rank} ${v.totals}`;
}

/** Terms read from the vocabulary per statement (a step; the whole vocabulary at 1M articles takes ~30 s). */
const VOCAB_CHUNK = 20_000;

/**
 * Brings every kept page up to date: words and prefixes whose hits may reach `minHits` (from the document counts of
 * the index's terms, summed per prefix) are ranked when their ranking is stale, counted when only their total and
 * facets are, and pages of searches no longer heavy are dropped. `reader` is a read-only archive connection with
 * the index attached (where search runs); `writer` is the index writer's connection (the index file as main).
 * Heaviest first, one search per step, each in its own read transaction, so a page is exact for the versions it
 * records whatever is written meanwhile.
 */
export async function refreshKeptPages(
  reader: Database.Database,
  writer: Database.Database,
  hooks: KeptRefreshHooks,
  minHits = keptPages.minHits,
): Promise<KeptRefreshReport> {
  // No search can have more hits than there are articles: a smaller archive (or one still being imported) has
  // nothing to rank ahead, and is spared the vocabulary scan. Its old pages, if any, go.
  const articles = (reader.prepare('SELECT coalesce(max(id), 0) FROM article').pluck().get() as number) ?? 0;
  const heavy = articles < minHits ? [] : await heavyCandidates(reader, hooks, minHits);
  const report: KeptRefreshReport = { kept: 0, ranked: 0, counted: 0 };
  const state = reader.prepare(
    `SELECT rank_version = ${rankVersionSql(INDEX_SCHEMA)} AS rankCurrent,
       totals_version = ${totalsVersionSql(INDEX_SCHEMA)} AS totalsCurrent, ids, ranks
     FROM ${INDEX_SCHEMA}.kept_page WHERE match = ?`,
  );
  const put = writer.prepare(
    `INSERT OR REPLACE INTO kept_page (match, rank_version, totals_version, total, facets, ids, ranks)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const drop = writer.prepare('DELETE FROM kept_page WHERE match = ?');
  const putSite = writer.prepare(
    'INSERT OR REPLACE INTO kept_site (match, site, totals_version, total, facets) VALUES (?, ?, ?, ?, ?)',
  );
  const dropSites = writer.prepare('DELETE FROM kept_site WHERE match = ?');
  const wanted = new Set<string>();
  let done = 0;
  for (const query of heavy) {
    hooks.onProgress?.(done++, heavy.length);
    await hooks.turn();
    const q = keptQuery(query);
    if (!q) continue;
    wanted.add(q.match);
    // One read snapshot: the versions recorded are those of the data ranked and counted.
    const step = reader.transaction(() => {
      const v = readVersions(reader);
      if (v.rank === null || v.totals === null) return null; // no index state yet
      const old = state.get(q.match) as
        { rankCurrent: number; totalsCurrent: number; ids: Buffer; ranks: Buffer } | undefined;
      if (old?.rankCurrent === 1 && old.totalsCurrent === 1) return { v, kind: 'current' as const };
      const { totals, bySite } = countAhead(reader, q.match, q.src);
      if (totals.total < minHits) return { v, kind: 'light' as const };
      if (old?.rankCurrent === 1)
        return { v, kind: 'counted' as const, totals, bySite, ids: old.ids, ranks: old.ranks };
      const r = rankAhead(reader, q.match, keptPages.size);
      const ids = Buffer.from(Int32Array.from(r.ids).buffer);
      const ranks = Buffer.from(Float64Array.from(r.ranks).buffer);
      return { v, kind: 'ranked' as const, totals, bySite, ids, ranks };
    })();
    if (!step) return report;
    if (step.kind === 'light') {
      wanted.delete(q.match);
      drop.run(q.match);
      continue;
    }
    report.kept++;
    if (step.kind === 'current') continue;
    if (step.kind === 'ranked') report.ranked++;
    else report.counted++;
    const facets = JSON.stringify(step.totals.facets);
    writer.transaction(() => {
      put.run(q.match, step.v.rank, step.v.totals, step.totals.total, facets, step.ids, step.ranks);
      dropSites.run(q.match);
      for (const [site, t] of step.bySite) putSite.run(q.match, site, step.v.totals, t.total, JSON.stringify(t.facets));
    })();
  }
  hooks.onProgress?.(done, heavy.length);
  // Searches no longer among the heavy ones (the archive shrank, words went to the trash for good).
  for (const match of writer.prepare('SELECT match FROM kept_page').pluck().all() as string[])
    if (!wanted.has(match)) drop.run(match);
  return report;
}

/**
 * The query texts of every word with at least `minHits` documents and every prefix (of `keptPages.prefixLengths`
 * characters) whose words' document counts add up to that (an upper bound: one article holding two of its words
 * counts twice), heaviest first. Read from FTS5's vocabulary in chunks, a step each.
 */
async function heavyCandidates(reader: Database.Database, hooks: KeptRefreshHooks, minHits: number): Promise<string[]> {
  reader.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS temp.kept_vocab USING fts5vocab(${INDEX_SCHEMA}, article_fts, 'row')`,
  );
  const chunk = reader.prepare('SELECT term, doc FROM temp.kept_vocab WHERE term > ? ORDER BY term LIMIT ?').raw();
  const found: Array<[string, number]> = [];
  const lengths = keptPages.prefixLengths;
  // The vocabulary comes in term order, so the words sharing a prefix are contiguous: one running sum per length.
  const open = lengths.map(() => ({ prefix: '', docs: 0 }));
  const close = (i: number): void => {
    const p = open[i]!;
    if (p.prefix && p.docs >= minHits) found.push([`${p.prefix}*`, p.docs]);
  };
  for (let after = ''; ;) {
    await hooks.turn();
    const rows = chunk.all(after, VOCAB_CHUNK) as Array<[string, number]>;
    for (const [term, docs] of rows) {
      if (!/^[\p{L}\p{N}]+$/u.test(term)) continue; // a word the query language reads as one plain word
      if (docs >= minHits) found.push([term, docs]);
      const chars = [...term];
      lengths.forEach((n, i) => {
        if (chars.length < n) return;
        const prefix = chars.slice(0, n).join('');
        const p = open[i]!;
        if (p.prefix !== prefix) {
          close(i);
          p.prefix = prefix;
          p.docs = 0;
        }
        p.docs += docs;
      });
    }
    if (rows.length < VOCAB_CHUNK) break;
    after = rows[rows.length - 1]![0];
  }
  lengths.forEach((_, i) => close(i));
  return found.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([q]) => q);
}
