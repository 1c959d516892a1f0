// Child process for the WARC import figure: imports one WARC into a fresh archive and reports its rate and peak RSS.
// Usage: node <bundled warc-probe.js> WARC ARCHIVE -> prints one JSON line (bench/import-warc.ts bundles it). A process
// of its own, so the peak RSS is the import's: the main thread's and every worker thread's memory together.
import { performance } from 'node:perf_hooks';
import { imagePeakRssBytes } from './measure.js';

const [warcFile, archiveFile] = process.argv.slice(2);
if (!warcFile || !archiveFile) {
  console.error('usage: warc-probe.ts WARC ARCHIVE');
  process.exit(2);
}
const { openArchive } = (await import('../db/open.js')) as typeof import('../db/open.js');
const { createArchiveApi } = (await import('../db/api.js')) as typeof import('../db/api.js');
const api = createArchiveApi(openArchive(archiveFile));
let listedMs = 0;
const t0 = performance.now();
const report = await api.importPathsWithProgress([warcFile], {
  onProgress: (p) => {
    // The first progress with the pages counted marks the end of the pass that lists them.
    if (!listedMs && p.total > 1) listedMs = performance.now() - t0;
  },
});
const ms = performance.now() - t0;
await api.dispose();
api.archive.close();
console.log(
  JSON.stringify({
    imported: report.imported,
    failed: report.failed,
    firstFailures: report.outcomes
      .filter((o) => o.status === 'failed')
      .slice(0, 3)
      .map((o) => o.error),
    seconds: ms / 1000,
    listSeconds: listedMs / 1000,
    peakRssBytes: imagePeakRssBytes(),
  }),
);
