// Section: saved web pages (article text inside realistic page chrome) imported end to end through importPaths.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Corpus } from './corpus.js';
import { toHtmlPage } from './formats.js';
import { archiveBytes } from './import-text.js';
import { isMissing, loadImporter, loadOpenArchive } from './load.js';
import { now } from './measure.js';

export interface HtmlImportFigures {
  pages: number;
  imported: number;
  failed: number;
  seconds: number;
  pagesPerSecond: number;
  /** Average size of one page file, to show how much chrome the extraction sees through. */
  avgPageBytes: number;
  fileBytes: number;
  cores: number;
  firstFailures: string[];
}

/**
 * Pages use articles from index `offset` on (past the text corpus) in their own archive, so this section
 * measures the HTML path alone: reading, charset, Readability on the worker pool, sanitizing, assets, storing.
 */
export async function benchHtmlImport(
  corpus: Corpus,
  pages: number,
  offset: number,
  archiveFile: string,
  workDir: string,
): Promise<HtmlImportFigures | { skipped: string }> {
  const open = await loadOpenArchive();
  const makeImporter = await loadImporter();
  if (isMissing(open)) return { skipped: open.missing };
  if (isMissing(makeImporter)) return { skipped: makeImporter.missing };

  const dir = path.join(workDir, 'html');
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < pages; i++) {
    const html = toHtmlPage(corpus, corpus.article(offset + i));
    bytes += Buffer.byteLength(html);
    fs.writeFileSync(path.join(dir, `${String(i).padStart(6, '0')}.html`), html);
  }
  const archive = open(archiveFile);
  const importer = makeImporter(archive);
  let ms: number;
  let report;
  try {
    const t = now();
    report = await importer.importPaths([dir]);
    ms = now() - t;
  } finally {
    await importer.close();
    archive.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const firstFailures = report.outcomes
    .filter((o) => o.status === 'failed')
    .slice(0, 5)
    .map((o) => `${path.basename(o.file)}: ${o.error}`);
  if (report.imported === 0 && report.failed > 0) return { skipped: `no page imported: ${firstFailures[0]}` };
  return {
    pages,
    imported: report.imported,
    failed: report.failed,
    seconds: ms / 1000,
    pagesPerSecond: report.imported / (ms / 1000),
    avgPageBytes: Math.round(bytes / pages),
    fileBytes: archiveBytes(archiveFile),
    cores: os.availableParallelism(),
    firstFailures,
  };
}
