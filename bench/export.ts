// Section: WACZ and BagIt export rates (articles/s) of the bench archives, through the same code `stacks export` runs.
// A fixed number of articles (the first ones by id), so the section takes the same time at 20k as at 1M articles.
import fs from 'node:fs';
import path from 'node:path';
import type { ExportProgress, ExportScope, PackageFormat } from '../db/contract/types.js';
import { isMissing, loadOpenArchive, tryImport, type OpenedArchive } from './load.js';
import { now, round } from './measure.js';

export interface ExportRun {
  articles: number;
  captures: number;
  assets: number;
  seconds: number;
  articlesPerSecond: number;
  /** Size of the package (WACZ file; bag payload for BagIt). */
  bytes: number;
  /** How much the process grew while exporting (sampled at each progress report): bounded memory shows here. */
  rssGrowthBytes: number;
}

export interface ExportFigures {
  text: { wacz: ExportRun; bagit: ExportRun };
  html: { wacz: ExportRun; bagit: ExportRun } | { skipped: string };
}

interface ExportModule {
  exportPackage(
    archive: OpenedArchive,
    req: { format: PackageFormat; target: string; scope: ExportScope; onProgress?: (p: ExportProgress) => void },
  ): Promise<{ articles: number; captures: number; assets: number; bytes: number }>;
}

async function runOne(
  mod: ExportModule,
  archive: OpenedArchive,
  format: PackageFormat,
  target: string,
  ids: number[],
): Promise<ExportRun> {
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const t = now();
  const r = await mod.exportPackage(archive, {
    format,
    target,
    scope: { ids: ids as ExportScope['ids'] },
    onProgress: (p) => {
      if (p.done % 200 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    },
  });
  const seconds = (now() - t) / 1000;
  fs.rmSync(target, { recursive: true, force: true });
  return {
    articles: r.articles,
    captures: r.captures,
    assets: r.assets,
    seconds: round(seconds, 2),
    articlesPerSecond: round(r.articles / seconds, 1),
    bytes: r.bytes,
    rssGrowthBytes: Math.max(0, rssPeak - rssBefore),
  };
}

export async function benchExport(
  archiveFile: string,
  htmlArchiveFile: string | null,
  workDir: string,
  log: (s: string) => void,
  maxArticles: number,
): Promise<ExportFigures | { skipped: string }> {
  const mod = await tryImport<ExportModule>('../db/export/index.js');
  const open = await loadOpenArchive();
  if (isMissing(mod)) return { skipped: mod.missing };
  if (isMissing(open)) return { skipped: open.missing };
  const both = async (file: string, label: string): Promise<{ wacz: ExportRun; bagit: ExportRun }> => {
    const archive = open(file);
    try {
      const ids = archive.db
        .prepare('SELECT id FROM article WHERE trashed_at IS NULL ORDER BY id LIMIT ?')
        .pluck()
        .all(maxArticles) as number[];
      log(`  ${label}: WACZ of ${ids.length} articles...`);
      const wacz = await runOne(mod, archive, 'wacz', path.join(workDir, `${label}-export.wacz`), ids);
      log(`  ${label}: BagIt of ${ids.length} articles...`);
      const bagit = await runOne(mod, archive, 'bagit', path.join(workDir, `${label}-export-bag`), ids);
      return { wacz, bagit };
    } finally {
      archive.close();
    }
  };
  const text = await both(archiveFile, 'text');
  const html =
    htmlArchiveFile && fs.existsSync(htmlArchiveFile)
      ? await both(htmlArchiveFile, 'html')
      : { skipped: 'no HTML archive' };
  return { text, html };
}
