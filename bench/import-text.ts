// Section: text articles (Markdown with front matter, or clippings) imported through the real import path (files on disk -> importPaths), in timed chunks.
import fs from 'node:fs';
import path from 'node:path';
import type { Corpus } from './corpus.js';
import { textFile, type TextFormat } from './formats.js';
import { isMissing, loadImporter, loadOpenArchive, tryImport, type OpenedArchive, type PathImporter } from './load.js';
import { now } from './measure.js';
import { rankAheadAfterImport, type KeptFigures } from './kept.js';

export interface TextImportFigures {
  /** md: Markdown with YAML front matter (title, author, site, url, date); txt: plain text clippings. */
  format: TextFormat;
  articles: number;
  imported: number;
  failed: number;
  /** Seconds inside importPaths only (writing the files beforehand is not counted). */
  seconds: number;
  articlesPerSecond: number;
  /**
   * Seconds the index's merge after the import took (FTS5 segments merged into one on its helper thread, as the app
   * does once the archive is idle), so search is measured on the index a user has; null when it could not run.
   */
  mergeSeconds: number | null;
  /**
   * The heaviest searches ranked ahead after the merge (kept pages, as the app's index thread does next), waited
   * for so that search is measured on what a user has once the archive has been idle; null on older code.
   */
  kept?: KeptFigures | null;
  fileBytes: number;
  firstFailures: string[];
}

/** Files written and imported per round: bounds the temp disk use while keeping importPaths' own batching. */
const CHUNK = 5000;

export async function benchTextImport(
  corpus: Corpus,
  n: number,
  format: TextFormat,
  archiveFile: string,
  workDir: string,
  onProgress?: (done: number) => void,
  /** Told the import's figures as soon as the last file is stored, before the merge and the ranking ahead (an hour at 1M). */
  onImported?: (figures: { imported: number; seconds: number }) => void,
): Promise<TextImportFigures | { skipped: string }> {
  const open = await loadOpenArchive();
  const makeImporter = await loadImporter();
  if (isMissing(open)) return { skipped: open.missing };
  if (isMissing(makeImporter)) return { skipped: makeImporter.missing };

  const archive: OpenedArchive = open(archiveFile);
  const importer: PathImporter = makeImporter(archive);
  let ms = 0;
  let imported = 0;
  let failed = 0;
  let mergeSeconds: number | null = null;
  let kept: KeptFigures | null = null;
  const firstFailures: string[] = [];
  try {
    for (let start = 0; start < n; start += CHUNK) {
      const dir = path.join(workDir, `text-${start}`);
      fs.mkdirSync(dir, { recursive: true });
      for (let i = start; i < Math.min(n, start + CHUNK); i++) {
        // Zero-padded names: importPaths sorts, so article i gets archive id i+1 like the baseline's rowid.
        const file = textFile(format, corpus.article(i));
        fs.writeFileSync(path.join(dir, `${String(i).padStart(7, '0')}${file.ext}`), file.content);
      }
      const t = now();
      const report = await importer.importPaths([dir]);
      ms += now() - t;
      imported += report.imported;
      failed += report.failed;
      for (const o of report.outcomes)
        if (o.status === 'failed' && firstFailures.length < 5)
          firstFailures.push(`${path.basename(o.file)}: ${o.error}`);
      fs.rmSync(dir, { recursive: true, force: true });
      onProgress?.(Math.min(n, start + CHUNK));
    }
    onImported?.({ imported, seconds: ms / 1000 });
    mergeSeconds = await mergeAfterImport(archive);
    kept = await rankAheadAfterImport(archive);
  } finally {
    await importer.close();
    archive.close();
  }
  return {
    format,
    articles: n,
    imported,
    failed,
    seconds: ms / 1000,
    articlesPerSecond: imported / (ms / 1000),
    mergeSeconds,
    kept,
    fileBytes: archiveBytes(archiveFile),
    firstFailures,
  };
}

/** Waits for the index's merge after the import (the importer asks for it on the same thread; asking again joins it). */
async function mergeAfterImport(archive: OpenedArchive): Promise<number | null> {
  const sync = await tryImport<{ mergeIndexInBackground(db: OpenedArchive['db']): Promise<number | null> }>(
    '../db/search/index/article-index-sync.js',
  );
  if (isMissing(sync)) return null;
  const t = now();
  const steps = await sync.mergeIndexInBackground(archive.db);
  return steps === null ? null : (now() - t) / 1000;
}

/**
 * The archive file and its search index file, each with its WAL and shared-memory sidecars (after close they are
 * usually folded in), and the saved facet columns once a search has written them.
 */
export function archiveBytes(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm', '-search', '-search-wal', '-search-shm', '-facets']) {
    try {
      total += fs.statSync(file + suffix).size;
    } catch {
      // sidecar absent
    }
  }
  return total;
}
