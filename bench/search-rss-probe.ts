// Child process for the "RSS while searching" figure: opens an archive, answers every bench query (page of 20 with
// snippets, total and facets, then the next page), and reports its peak RSS.
// Usage: node <bundled search-rss-probe.js> ARCHIVE QUERIES.json -> one JSON line (bench/search-rss.ts bundles it).
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { imagePeakRssBytes } from './measure.js';

const [archiveFile, queriesFile] = process.argv.slice(2);
if (!archiveFile || !queriesFile) {
  console.error('usage: search-rss-probe.ts ARCHIVE QUERIES.json');
  process.exit(2);
}
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')) as string[];
const { openArchive } = (await import('../db/open.js')) as typeof import('../db/open.js');
const { searchArchive } = (await import('../db/search/index.js')) as typeof import('../db/search/index.js');
const rssAfterLoad = process.memoryUsage().rss;
const archive = openArchive(archiveFile);
const rssAfterOpen = process.memoryUsage().rss;
let sampledPeak = rssAfterOpen;
const t0 = performance.now();
let searches = 0;
for (const query of queries) {
  searchArchive(archive.db, { query, limit: 20 });
  searchArchive(archive.db, { query, limit: 20, offset: 20 });
  searches += 2;
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}
const seconds = (performance.now() - t0) / 1000;
archive.close();
console.log(
  JSON.stringify({
    searches,
    seconds,
    rssAfterLoad,
    rssAfterOpen,
    sampledPeak,
    peakRssBytes: imagePeakRssBytes(),
  }),
);
