// What every package writer shares: progress reports, cancellation, and the temp folder renamed into place at the end.
import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../contract/errors.js';
import type { ExportProgress } from '../contract/types.js';

export interface ExportRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** Package title (WACZ) or External-Description default; the scope label otherwise. */
  title?: string;
  now?: Date;
}

export interface ExportResult {
  path: string;
  articles: number;
  captures: number;
  assets: number;
  annotations: number;
  bytes: number;
  /** Captures that could not be written as they are, with the reason (they were written another way). */
  notes: string[];
}

/** Thrown when the signal aborts; nothing is left at the target. */
export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled; nothing was written.');
    this.name = 'ExportCancelled';
  }
}

export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelled();
}

export class ProgressReporter {
  private readonly started = Date.now();
  done = 0;
  bytes = 0;

  constructor(
    private readonly total: number,
    private readonly onProgress?: (p: ExportProgress) => void,
  ) {}

  report(phase: ExportProgress['phase'], currentTitle: string | null = null): void {
    this.onProgress?.({
      phase,
      done: this.done,
      total: this.total,
      bytes: this.bytes,
      currentTitle,
      elapsedMs: Date.now() - this.started,
    });
  }
}

/**
 * A hidden work folder beside the target (same file system, so the final rename is atomic). A failed or cancelled
 * export removes it: the target name only ever holds a finished package.
 */
export function workFolderFor(target: string): string {
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir)) throw new ArchiveError('NOT_FOUND', `The folder ${dir} does not exist.`);
  return fs.mkdtempSync(path.join(dir, `.${path.basename(target)}.partial-`));
}

export function refuseExisting(target: string): void {
  if (fs.existsSync(target)) {
    throw new ArchiveError('INVALID_INPUT', `${target} already exists; choose another name or remove it first.`);
  }
}

export function removeQuietly(p: string): void {
  fs.rmSync(p, { recursive: true, force: true });
}

/** Renames into place and makes the rename itself durable (fsync of the folder). */
export function publish(from: string, target: string): void {
  refuseExisting(target);
  fs.renameSync(from, target);
  try {
    const fd = fs.openSync(path.dirname(path.resolve(target)), 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some platforms cannot open a folder for fsync; the rename has happened either way
  }
}
