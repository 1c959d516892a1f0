// Child process for the "open + first query" figure: a fresh process opens the archive and answers one search.
// Usage: tsx bench/open-probe.ts ARCHIVE QUERY -> prints one JSON line with the timings.
import { performance } from 'node:perf_hooks';

const [archiveFile, query] = process.argv.slice(2);
if (!archiveFile || !query) {
  console.error('usage: open-probe.ts ARCHIVE QUERY');
  process.exit(2);
}
const t0 = performance.now();
const { openArchive } = (await import('../db/open.js')) as typeof import('../db/open.js');
const { searchArchive } = (await import(new URL('../db/search/index.js', import.meta.url).href)) as {
  searchArchive(db: unknown, request: { query: string; limit: number }): { total: number };
};
const t1 = performance.now();
const archive = openArchive(archiveFile);
const result = searchArchive(archive.db, { query, limit: 20 });
const t2 = performance.now();
archive.close();
console.log(JSON.stringify({ openAndQueryMs: t2 - t1, withModuleLoadMs: t2 - t0, total: result.total }));
