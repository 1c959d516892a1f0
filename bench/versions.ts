// Versions and backups in `npm run bench`: online backup of the bench archive, and the diff of a 20,000-word article.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe } from '../db/annotations/anchor.js';
import { backupDatabase } from '../db/backup/backup.js';
import { checkBackup } from '../db/backup/check.js';
import type { Annotation, AnnotationId, ArticleId } from '../db/contract/types.js';
import { annotationPlaces } from '../db/versions/annotation-places.js';
import { diffTexts } from '../db/versions/diff-text.js';
import { editedArticle } from './diff-corpus.js';
import { round } from './measure.js';

export interface BackupFigures {
  archiveBytes: number;
  backupBytes: number;
  seconds: number;
  mbPerSecond: number;
  /** Checking it as `stacks restore` does before restoring (integrity check + a fixity sample). */
  checkSeconds: number;
}

export interface DiffFigures {
  words: number;
  annotations: number;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  added: number;
  removed: number;
  moved: number;
}

/** One online backup of the archive the text import built (the search index file is not part of a backup). */
export async function benchBackup(archiveFile: string, outDir: string): Promise<BackupFigures> {
  const db = new Database(archiveFile, { fileMustExist: true });
  const dest = path.join(outDir, 'bench-backup.bak');
  try {
    const wal = fs.existsSync(`${archiveFile}-wal`) ? fs.statSync(`${archiveFile}-wal`).size : 0;
    const archiveBytes = fs.statSync(archiveFile).size + wal;
    const made = await backupDatabase(db, dest);
    const t = performance.now();
    checkBackup(dest);
    const checkSeconds = (performance.now() - t) / 1000;
    return {
      archiveBytes,
      backupBytes: made.bytes,
      seconds: round(made.ms / 1000, 2),
      mbPerSecond: round(made.bytes / 1048576 / (made.ms / 1000), 1),
      checkSeconds: round(checkSeconds, 2),
    };
  } finally {
    db.close();
    fs.rmSync(dest, { force: true });
  }
}

/** The word diff and annotation placement diffCaptures runs, on two captures of a 20,000-word article. */
export function benchDiff(words = 20_000, runs = 30, annotationCount = 100): DiffFigures {
  const { older, newer } = editedArticle(words);
  const annotations: Annotation[] = [];
  for (let k = 0; k < annotationCount; k++) {
    const start = Math.floor(((k + 0.5) / annotationCount) * (older.length - 80));
    const s = older.indexOf(' ', start) + 1;
    const sel = describe(older, s, s + 60);
    annotations.push({
      id: (k + 1) as AnnotationId,
      articleId: 1 as ArticleId,
      kind: 'highlight',
      captureSha256: 'older',
      color: 'yellow',
      note: '',
      tags: [],
      position: sel.position,
      quote: sel.quote,
      anchor: { state: 'exact', start: s, end: s + 60 },
      createdAt: '',
      updatedAt: '',
      deletedAt: null,
    });
  }
  const once = () => {
    const d = diffTexts(older, newer);
    annotationPlaces(annotations, { text: older, sha256: 'older' }, { text: newer, sha256: 'newer' }, d.segments);
    return d;
  };
  for (let k = 0; k < 3; k++) once(); // warm-up: JIT
  const times: number[] = [];
  let last = once();
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    last = once();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!, 1);
  return {
    words,
    annotations: annotationCount,
    runs,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: round(times[times.length - 1]!, 1),
    added: last.stats.added,
    removed: last.stats.removed,
    moved: last.stats.moved,
  };
}
