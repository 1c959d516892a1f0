// The import path every transport uses: read, hash, skip duplicates, extract (HTML on worker threads), store in batches.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { storageError } from '../contract/errors.js';
import type { ArticleId, ImportOutcome, ImportProgress, ImportReport } from '../contract/types.js';
import { MAX_IMPORT_BYTES } from '../extract/limits.js';
import { createExtractionPool } from '../extract/pool.js';
import type { ImportInput, NormalizedCapture } from '../extract/types.js';
import { startIndexThread, catchUpIndex, type IndexThread } from '../search/index/article-index-sync.js';
import { sha256Hex, writeTransaction } from '../util.js';
import { findDuplicate, storeCapture, type PreparedCapture, type RecaptureHook } from './store.js';
import { readableError } from './reasons.js';
import { walkPaths } from './walk.js';

export interface ImportRunOptions {
  onProgress?: (p: ImportProgress) => void;
  onOutcome?: (o: ImportOutcome) => void;
  signal?: AbortSignal;
}

export interface Importer {
  /** One file from bytes (HTTP, IPC, clipper): stored in its own transaction. */
  importOne(input: ImportInput): Promise<ImportOutcome>;
  /** Files and folders from disk, in batched transactions, with progress and cancellation. */
  importPaths(paths: string[], options?: ImportRunOptions): Promise<ImportReport>;
  close(): Promise<void>;
}

export interface ImporterOptions {
  onRecapture?: RecaptureHook;
  /** Files committed together: one fsync per batch instead of per file. A kill loses at most one batch. */
  batchSize?: number;
  /** Longest time extracted files wait for their commit. */
  batchMs?: number;
  /** Extraction worker threads (default: one per core but one); 0 extracts on the calling thread (no budgets). */
  workers?: number;
  /** Longest time one file may take to extract before it is skipped (default: the pool's, 20 s). */
  extractionTimeMs?: number;
  /** Heap one extraction worker may use, in MB (default: the pool's, 1024). */
  extractionMemoryMb?: number;
}

type Pool = ReturnType<typeof createExtractionPool>;

const MAX_FILES_IN_FLIGHT = 4096;
const MAX_BYTES_IN_FLIGHT = 64 * 1024 * 1024;
const MAX_BATCHES_AHEAD_OF_INDEX = 2;

/** Loaded on first use: the HTML and Markdown stacks (linkedom, sanitize-html, marked) cost commands like
 * `stacks search` hundreds of milliseconds of start-up it does not need. */
let extractors: Promise<typeof import('../extract/index.js')> | null = null;
const loadExtractors = () => (extractors ??= import('../extract/index.js'));

export function createImporter(db: Database.Database, options: ImporterOptions = {}): Importer {
  const batchSize = options.batchSize ?? 1000;
  const batchMs = options.batchMs ?? 1000;
  // One core is left to this thread and the search index's thread, which share it: with a worker per core, four
  // busy threads on two cores ran a text import 15-30% slower than three (measured at 20k notes).
  const workers = options.workers ?? Math.max(1, os.availableParallelism() - 1);
  let pool: Pool | null = null;
  let singlePool: Pool | null = null;
  // Bulk imports index on a helper thread (FTS5 inserts would otherwise cost the main thread more than storing).
  let indexThread: IndexThread | null = null;

  const budgets = {
    ...(options.extractionTimeMs ? { timeBudgetMs: options.extractionTimeMs } : {}),
    ...(options.extractionMemoryMb ? { memoryBudgetMb: options.extractionMemoryMb } : {}),
  };
  const extract = async (input: ImportInput, signal?: AbortSignal, single = false): Promise<NormalizedCapture> => {
    // Every format goes to the workers (text too): the main thread's time belongs to SQLite, the bottleneck.
    // `workers: 0` extracts on this thread.
    if (workers < 1) return (await loadExtractors()).extractCapture(input);
    // One file from the API (a clipper, the app's drop) has a worker of its own: it never waits behind the files a
    // bulk import queued, nor behind a hostile one of theirs (at most behind another single file, within budget).
    if (single) {
      singlePool ??= createExtractionPool({ size: 1, ...budgets });
      return singlePool.extract(input);
    }
    pool ??= createExtractionPool({ size: workers, ...budgets });
    return pool.extract(input, { signal });
  };

  /**
   * Stores a batch in one transaction, each file in its own savepoint: a file that cannot be stored rolls back
   * alone and fails with its own reason, and the rest of the batch lands. A storage failure (full disk, read-only
   * folder) is no fault of the file: the batch fails with it and `stop` says why the import cannot go on.
   */
  const commit = (batch: PreparedCapture[]): { outcomes: ImportOutcome[]; stop: string | null } => {
    const outcomes: ImportOutcome[] = [];
    try {
      writeTransaction(db, () => {
        for (const p of batch) {
          try {
            outcomes.push(db.transaction(() => storeCapture(db, p, options.onRecapture))());
          } catch (err) {
            if (storageError(err)) throw err;
            outcomes.push({ file: p.file, status: 'failed', error: `Could not be stored: ${readableError(err)}` });
          }
        }
      });
      return { outcomes, stop: null };
    } catch (err) {
      const reason = storageError(err)?.message ?? `Could not be stored: ${readableError(err)}`;
      return {
        outcomes: batch.map((p) => ({ file: p.file, status: 'failed' as const, error: reason })),
        stop: storageError(err) ? reason : null,
      };
    }
  };

  async function importOne(input: ImportInput): Promise<ImportOutcome> {
    const file = input.filePath ?? input.fileName;
    try {
      const sha256 = sha256Hex(input.bytes);
      const dup = findDuplicate(db, sha256);
      if (dup !== null) return { file, status: 'duplicate', id: dup as ArticleId };
      const capture = await extract(input, undefined, true);
      const outcome = commit([{ file, bytes: input.bytes, sha256, sourcePath: input.filePath ?? null, capture }])
        .outcomes[0]!;
      // One article: indexed here and now, so a search right after the import finds it.
      catchUpIndex(db);
      return outcome;
    } catch (err) {
      return { file, status: 'failed', error: readableError(err) };
    }
  }

  async function importPaths(paths: string[], run: ImportRunOptions = {}): Promise<ImportReport> {
    const started = Date.now();
    // Stops the run on the caller's cancel, or on a storage failure (a full disk) that every further file would
    // meet too: the files still queued are dropped, what was committed stays.
    const halt = new AbortController();
    const onCancel = (): void => halt.abort();
    if (run.signal?.aborted) halt.abort();
    run.signal?.addEventListener('abort', onCancel, { once: true });
    const { files, problems, rawPaths } = walkPaths(paths);
    const report: ImportReport = { imported: 0, duplicates: 0, failed: 0, outcomes: [] };
    const total = files.length + problems.length;
    let currentFile: string | null = null;
    const record = (o: ImportOutcome): void => {
      report.outcomes.push(o);
      if (o.status === 'imported') report.imported++;
      else if (o.status === 'duplicate') report.duplicates++;
      else report.failed++;
      run.onOutcome?.(o);
    };
    const progress = (): void => {
      const done = report.outcomes.length;
      const elapsedMs = Date.now() - started;
      const etaMs =
        done >= 3 && done < total ? Math.round((elapsedMs / done) * (total - done)) : done >= total ? 0 : null;
      run.onProgress?.({
        total,
        done,
        imported: report.imported,
        duplicates: report.duplicates,
        failed: report.failed,
        currentFile,
        elapsedMs,
        etaMs,
      });
    };
    for (const p of problems) record({ file: p.file, status: 'failed', error: p.error });
    if (workers >= 1 && files.length > 1) indexThread ??= startIndexThread(db);

    let pending: PreparedCapture[] = [];
    let lastFlush = Date.now();
    const flush = (): void => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      lastFlush = Date.now();
      let { outcomes, stop } = commit(batch);
      if (stop && batch.length > 1) {
        // The disk filled up during this batch: store its files one by one until the first that does not fit,
        // so everything that fits is kept and the report says exactly which files are left.
        outcomes = [];
        stop = null;
        for (const p of batch) {
          if (stop) {
            outcomes.push({ file: p.file, status: 'failed', error: stop });
            continue;
          }
          const one = commit([p]);
          outcomes.push(...one.outcomes);
          stop = one.stop;
        }
      }
      for (const o of outcomes) record(o);
      if (stop && !report.stopped) {
        report.stopped = stop;
        halt.abort();
      }
      if (indexThread) indexThread.kick();
      else catchUpIndex(db);
      progress();
    };

    /** Reads, hashes, checks for a duplicate and extracts one file; null when there is nothing to store. */
    const prepareFile = async (file: string, read: (bytes: number) => void): Promise<PreparedCapture | null> => {
      try {
        // Synchronous reads: for the small files of a bulk import, the promise and thread-pool round trip of
        // fs.promises costs the main thread more than the read itself (and the main thread is the bottleneck).
        // A name that is not valid UTF-8 is opened by its own bytes (the shown name has U+FFFD in their place).
        const onDisk = rawPaths.get(file) ?? file;
        const stat = fs.statSync(onDisk);
        if (stat.size > MAX_IMPORT_BYTES) {
          throw new Error(
            `File is too large (${Math.round(stat.size / 1048576)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB).`,
          );
        }
        const bytes = new Uint8Array(fs.readFileSync(onDisk));
        read(bytes.byteLength);
        const sha256 = sha256Hex(bytes);
        const dup = findDuplicate(db, sha256);
        if (dup !== null) {
          record({ file, status: 'duplicate', id: dup as ArticleId });
          return null;
        }
        const capture = await extract({ bytes, fileName: path.basename(file), filePath: file }, halt.signal);
        // After a cancel, work still in flight is dropped rather than committed: the run stops promptly and a
        // re-run picks these files up again.
        if (halt.signal.aborted) return null;
        return { file, bytes, sha256, sourcePath: file, capture };
      } catch (err) {
        // A cancel also rejects the files still queued in the workers: those are not failures, just not done.
        if (!halt.signal.aborted) record({ file, status: 'failed', error: readableError(err) });
        return null;
      }
    };

    // A window of files in flight keeps every worker busy while the main thread commits a batch (storing a
    // batch takes a few hundred ms, and workers get through hundreds of small files meanwhile), bounded in
    // count and bytes so a folder is never read into memory whole.
    // Files are stored in the order they were listed, whatever order the workers finish them in: ids and added
    // dates follow the (sorted) folder, and importing the same folder into a new archive gives the same ids.
    // A file that finished early waits in `ready` (and still counts against the window) until those before it
    // are done.
    const ready = new Map<number, { prepared: PreparedCapture | null; bytes: number }>();
    let launched = 0;
    let stored = 0;
    let heldBytes = 0;
    // Promise.race over the whole window would attach a handler to every pending file on each wake-up; one
    // shared wake-up promise, renewed as files finish, costs the same at any window size.
    let wake: () => void = () => {};
    // Resolves at once when the next file in order is already back (it finished while this thread was waiting
    // for the index), else at the next finish.
    const nextFinish = (): Promise<void> =>
      ready.has(stored)
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            wake = resolve;
          });
    const start = (file: string): void => {
      const seq = launched++;
      let bytes = 0;
      void prepareFile(file, (n) => {
        bytes = n;
        heldBytes += n;
      }).then((prepared) => {
        ready.set(seq, { prepared, bytes });
        wake();
      });
    };
    const takeReady = (): void => {
      for (let next = ready.get(stored); next; next = ready.get(stored)) {
        ready.delete(stored++);
        heldBytes -= next.bytes;
        if (next.prepared && !report.stopped) pending.push(next.prepared);
      }
    };
    /** Moves finished files into the batch and commits it when full or old enough; true when it committed. */
    const commitIfDue = (): boolean => {
      takeReady();
      if (pending.length < batchSize && Date.now() - lastFlush < batchMs) return false;
      flush();
      return true;
    };
    // The index thread is the slowest stage of a text import on two cores: storing may run ahead of it by this many
    // batches and no more, so progress never reaches 100% long before the articles are searchable (and the time
    // the main thread waits goes to the index thread).
    const keepUpWithIndex = async (): Promise<void> => {
      await indexThread?.keepUp(MAX_BATCHES_AHEAD_OF_INDEX);
    };
    for (const file of files) {
      if (halt.signal.aborted) break;
      currentFile = file;
      start(file);
      while (launched - stored >= MAX_FILES_IN_FLIGHT || heldBytes >= MAX_BYTES_IN_FLIGHT) {
        await nextFinish();
        if (commitIfDue()) await keepUpWithIndex();
      }
      // flush() reports progress itself; between batches, once every 25 outcomes.
      if (commitIfDue()) await keepUpWithIndex();
      else if (report.outcomes.length % 25 === 0) progress();
    }
    // Drain: keep committing full batches as the last files come back, so progress (and a cancel) keep moving.
    while (stored < launched) {
      await nextFinish();
      if (commitIfDue()) await keepUpWithIndex();
    }
    flush();
    // The import is done when its articles are searchable: wait for the index thread to catch up.
    await indexThread?.settle();
    currentFile = null;
    run.signal?.removeEventListener('abort', onCancel);
    if (run.signal?.aborted) report.cancelled = true;
    progress();
    return report;
  }

  return {
    importOne,
    importPaths,
    async close() {
      if (pool) await pool.close();
      pool = null;
      if (singlePool) await singlePool.close();
      singlePool = null;
      if (indexThread) await indexThread.close();
      indexThread = null;
    },
  };
}
