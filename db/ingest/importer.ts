// The import path every transport uses: read, hash, skip duplicates, extract (HTML on worker threads), store in batches.
import os from 'node:os';
import type Database from 'better-sqlite3';
import { storageError } from '../contract/errors.js';
import type { ArticleId, ImportOutcome, ImportProgress, ImportReport } from '../contract/types.js';
import { createExtractionPool } from '../extract/pool.js';
import type { ImportInput, NormalizedCapture } from '../extract/types.js';
import {
  startIndexThread,
  catchUpIndex,
  mergeIndexInBackground,
  type IndexThread,
} from '../search/index/article-index-sync.js';
import { openScratchDatabase } from '../sqlite-build.js';
import { sha256Hex, writeTransaction } from '../util.js';
import { isMhtmlName, mhtmlItemBytes } from './mhtml/mhtml-item.js';
import { isWebarchiveName, webarchiveItemBytes } from './webarchive/webarchive-item.js';
import { isProblem, type CaptureStamp, type ItemBytes, type SourceItem, type SourceProblem } from './source.js';
import { listPaths, openContainer, type PathItems } from './sources.js';
import { findDuplicate, type PreparedCapture, type RecaptureHook } from './store.js';
import { readableError } from './reasons.js';
import { storeItem, type PreparedExport } from './exports/store-item.js';

export interface ImportRunOptions {
  onProgress?: (p: ImportProgress) => void;
  onOutcome?: (o: ImportOutcome) => void;
  signal?: AbortSignal;
}

export interface Importer {
  /** One file from bytes (HTTP, IPC, clipper): stored in its own transaction. */
  /** One file given as bytes; a container's pages (a WARC, an export) report progress and stop on `run.signal`. */
  importOne(input: ImportInput, run?: ImportRunOptions): Promise<ImportOutcome>;
  /** Files and folders from disk, in batched transactions, with progress and cancellation. */
  importPaths(paths: string[], options?: ImportRunOptions): Promise<ImportReport>;
  /** Items a caller listed itself (a capture's web archive page), imported as a folder's files are. */
  importItems(items: (SourceItem | SourceProblem)[], options?: ImportRunOptions): Promise<ImportReport>;
  /** Extracts one input on the single-file worker (its time and memory budget), without storing it. */
  extractOne(input: ImportInput): Promise<NormalizedCapture>;
  /** Stores one capture the caller prepared (a fetched PDF kept as received) in its own transaction, indexed. */
  storePrepared(prepared: PreparedCapture): ImportOutcome;
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
/**
 * Bytes read and not yet stored, and the bytes that make a batch commit early. What is counted is the input; an
 * extracted capture holds about as much again (reader HTML and text, its images copied back from the worker).
 * A web archive's pages bring their images along and are read one after another from one file, so a run with a
 * web archive keeps a smaller window: a few hundred pages still keep every worker busy, and its memory stays far
 * below the 300 MB a 1 GB WARC may take.
 */
const WINDOW = {
  files: { inFlight: 64 * 1024 * 1024, batch: 32 * 1024 * 1024 },
  webArchive: { inFlight: 6 * 1024 * 1024, batch: 2 * 1024 * 1024 },
};
const MAX_BATCHES_AHEAD_OF_INDEX = 2;
/**
 * The archive connection's page cache while a web archive is imported, in KiB (16 MiB otherwise, db/open.ts): the
 * import writes new pages and looks up a few index pages per page, and a full 64 MiB cache of written blobs and
 * images was a fifth of a web archive import's peak memory. Put back when the import ends.
 */
const BULK_CACHE_KIB = 8 * 1024;
/**
 * The archive connection's page cache while files are imported, in KiB: each article updates a dozen of the
 * archive's indexes, whose pages the 16 MiB a searching connection keeps could not hold (a 100k Markdown import
 * fell from ~0.4x to 0.30x raw FTS5's rate with it). Put back when the import ends.
 */
const FILES_CACHE_KIB = 64 * 1024;
/** Articles stored by one import from which its index thread merges the index segments afterwards. */
const MERGE_AFTER_IMPORTED = 1000;

/**
 * Items whose reading and preparing settle in microtasks (an export's links) never give the event loop a turn on
 * their own: the HTTP server or the app's worker would answer no status poll and no cancel until the run ended.
 * The run steps aside after every commit and every this many items listed.
 */
const YIELD_EVERY_ITEMS = 256;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const sumBytes = (list: { bytes: Uint8Array }[] | undefined): number =>
  (list ?? []).reduce((n, r) => n + r.bytes.byteLength, 0);

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

  // A web archive's record index lives in a temporary database opened with the archive's own SQLite build.
  const scratch = (): Database.Database => openScratchDatabase(db);
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
  const commit = (
    batch: Array<PreparedCapture | PreparedExport>,
  ): { outcomes: ImportOutcome[]; stop: string | null } => {
    const outcomes: ImportOutcome[] = [];
    try {
      writeTransaction(db, () => {
        for (const p of batch) {
          try {
            outcomes.push(db.transaction(() => storeItem(db, p, options.onRecapture))());
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

  /** The extracted capture as its source describes it (a web archive page: WARC records, WARC-Date, provenance). */
  const stamped = (capture: NormalizedCapture, stamp: CaptureStamp | null): NormalizedCapture =>
    stamp
      ? {
          ...capture,
          importer: stamp.importer,
          importerVersion: stamp.importerVersion,
          mediaType: stamp.mediaType,
          sourceUrl: stamp.sourceUrl ?? capture.sourceUrl,
          title: stamp.title ?? capture.title,
          ...(stamp.canonicalUrl ? { canonicalUrl: stamp.canonicalUrl } : {}),
        }
      : capture;

  /** A web archive given as bytes: its pages imported like a folder, summed up in one outcome with one per page. */
  async function importContainerBytes(input: ImportInput, run: ImportRunOptions): Promise<ImportOutcome | null> {
    const source = await openContainer(input.fileName, null, input.bytes.subarray(0, 4096), input.bytes, scratch);
    if (source === null) return null;
    const file = input.fileName;
    if ('error' in source) return { file, status: 'failed', error: source.error };
    const listing: PathItems = {
      count: 1,
      bytes: source.byteSize,
      containers: 1,
      items: (options) => source.list(options),
      close: () => source.close(),
    };
    const report = await runItems(listing, run);
    const first = report.outcomes.find((o) => o.status === 'imported') ?? report.outcomes.find((o) => o.id);
    // Imported when any page was; a second import of the same container finds every page archived already.
    const status = report.imported > 0 ? 'imported' : report.duplicates > 0 ? 'duplicate' : 'failed';
    const outcome: ImportOutcome = {
      file,
      status,
      title:
        `${report.imported} page(s) imported, ${report.duplicates} already archived, ${report.failed} failed` +
        (report.cancelled ? ', then cancelled' : ''),
      items: report.outcomes,
    };
    if (first?.id !== undefined) outcome.id = first.id;
    if (status === 'failed')
      outcome.error =
        report.outcomes.find((o) => o.error)?.error ??
        (report.cancelled ? 'Cancelled before any page was imported.' : 'No page could be imported.');
    return outcome;
  }

  /** One item a source describes (an MHTML file given as bytes): stamped like a bulk import's, in its own transaction. */
  async function importItemBytes(file: string, got: ItemBytes): Promise<ImportOutcome> {
    const sha256 = sha256Hex(got.bytes);
    const dup = findDuplicate(db, sha256);
    if (dup !== null) return { file, status: 'duplicate', id: dup as ArticleId };
    const { input, stamp } = await got.prepare();
    const capture = stamped(await extract(input, undefined, true), stamp);
    const prepared: PreparedCapture = { file, bytes: got.bytes, sha256, sourcePath: got.sourcePath, capture };
    if (stamp) {
      prepared.capturedAt = stamp.capturedAt;
      prepared.provenance = stamp.provenance;
      prepared.warnings = stamp.warnings;
    }
    const outcome = commit([prepared]).outcomes[0]!;
    catchUpIndex(db);
    return outcome;
  }

  async function importOne(input: ImportInput, run: ImportRunOptions = {}): Promise<ImportOutcome> {
    const file = input.filePath ?? input.fileName;
    try {
      if (isMhtmlName(input.fileName))
        return await importItemBytes(file, mhtmlItemBytes(input.fileName, input.bytes, input.filePath ?? null));
      if (isWebarchiveName(input.fileName))
        return await importItemBytes(file, webarchiveItemBytes(input.fileName, input.bytes, input.filePath ?? null));
      const container = await importContainerBytes(input, run);
      if (container) return container;
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
    return runItems(listPaths(paths, scratch), run);
  }

  async function runItems(listing: PathItems, run: ImportRunOptions): Promise<ImportReport> {
    const cacheBefore = db.pragma('main.cache_size', { simple: true }) as number;
    db.pragma(`main.cache_size = -${listing.containers === 0 ? FILES_CACHE_KIB : BULK_CACHE_KIB}`);
    try {
      return await runItemsWithin(listing, run);
    } finally {
      db.pragma(`main.cache_size = ${cacheBefore}`);
    }
  }

  async function runItemsWithin(listing: PathItems, run: ImportRunOptions): Promise<ImportReport> {
    const started = Date.now();
    // Stops the run on the caller's cancel, or on a storage failure (a full disk) that every further file would
    // meet too: the items still queued are dropped, what was committed stays.
    const halt = new AbortController();
    const onCancel = (): void => halt.abort();
    if (run.signal?.aborted) halt.abort();
    run.signal?.addEventListener('abort', onCancel, { once: true });
    const report: ImportReport = { imported: 0, duplicates: 0, failed: 0, outcomes: [] };
    let total = listing.count;
    let bytesDone = 0;
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
        bytesTotal: listing.bytes,
        bytesDone: Math.min(bytesDone, listing.bytes),
      });
    };
    if (workers >= 1 && (listing.count > 1 || listing.containers > 0)) indexThread ??= startIndexThread(db);

    const bounds = listing.containers > 0 ? WINDOW.webArchive : WINDOW.files;
    let pending: Array<PreparedCapture | PreparedExport> = [];
    let pendingBytes = 0;
    let lastFlush = Date.now();
    const flush = (): void => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      pendingBytes = 0;
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

    /** Reads, hashes, checks for a duplicate and extracts one item; null when there is nothing to store. */
    const prepareItem = async (
      item: SourceItem,
      read: (bytes: number) => void,
    ): Promise<PreparedCapture | PreparedExport | null> => {
      const file = item.name;
      let got: ItemBytes | undefined;
      try {
        got = await item.read();
        const { bytes } = got;
        read(bytes.byteLength);
        // An export's link is stored as it is (nothing to extract), or updates the article it already is.
        if (got.record && got.linkOnly) {
          const { input } = await got.prepare();
          const link = { file, bytes, mediaType: input.mediaType ?? 'text/plain', sourcePath: got.sourcePath };
          return { kind: 'link', file, link: { ...link, record: got.record } };
        }
        const sha256 = sha256Hex(bytes);
        const dup = findDuplicate(db, sha256);
        // An export's content already archived still brings its states, tags and highlights, in the batch's order.
        if (dup !== null && got.record) return { kind: 'update', file, articleId: dup, record: got.record };
        if (dup !== null) {
          record({ file, status: 'duplicate', id: dup as ArticleId });
          return null;
        }
        const { input, stamp } = await got.prepare();
        // What extraction is handed beyond the original bytes (a web archive page's decoded HTML and its images)
        // counts against the window too: it is copied to a worker and held until the page is stored.
        if (input.bytes !== bytes || input.resources?.length) {
          read((input.bytes === bytes ? 0 : input.bytes.byteLength) + sumBytes(input.resources));
        }
        const capture = stamped(await extract(input, halt.signal), stamp);
        // After a cancel, work still in flight is dropped rather than committed: the run stops promptly and a
        // re-run picks these files up again.
        if (halt.signal.aborted) return null;
        const prepared: PreparedCapture = { file, bytes, sha256, sourcePath: got.sourcePath, capture };
        if (got.record) prepared.record = got.record;
        if (stamp) {
          prepared.capturedAt = stamp.capturedAt;
          prepared.provenance = stamp.provenance;
          prepared.warnings = stamp.warnings;
        }
        return prepared;
      } catch (err) {
        // A cancel also rejects the files still queued in the workers: those are not failures, just not done.
        if (!halt.signal.aborted) record({ file, status: 'failed', error: readableError(err) });
        return null;
      } finally {
        got?.done?.();
      }
    };

    // A window of files in flight keeps every worker busy while the main thread commits a batch (storing a
    // batch takes a few hundred ms, and workers get through hundreds of small files meanwhile), bounded in
    // count and bytes so a folder is never read into memory whole.
    // Files are stored in the order they were listed, whatever order the workers finish them in: ids and added
    // dates follow the (sorted) folder, and importing the same folder into a new archive gives the same ids.
    // A file that finished early waits in `ready` (and still counts against the window) until those before it
    // are done.
    const ready = new Map<number, { prepared: PreparedCapture | PreparedExport | null; bytes: number }>();
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
    const start = (item: SourceItem): void => {
      const seq = launched++;
      let bytes = 0;
      void prepareItem(item, (n) => {
        bytes += n;
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
        if (next.prepared && !report.stopped) {
          pending.push(next.prepared);
          pendingBytes += next.bytes;
        }
      }
    };
    /** Moves finished files into the batch and commits it when full or old enough; true when it committed. */
    const commitIfDue = (): boolean => {
      takeReady();
      if (pending.length < batchSize && pendingBytes < bounds.batch && Date.now() - lastFlush < batchMs) return false;
      flush();
      return true;
    };
    // The index thread is the slowest stage of a text import on two cores: storing may run ahead of it by this many
    // batches and no more, so progress never reaches 100% long before the articles are searchable (and the time
    // the main thread waits goes to the index thread).
    const keepUpWithIndex = async (): Promise<void> => {
      await indexThread?.keepUp(MAX_BATCHES_AHEAD_OF_INDEX);
      await yieldToEventLoop();
    };
    const listed = listing.items({
      signal: halt.signal,
      onBytes: (n) => {
        bytesDone += n;
        // A web archive is read once before its first page: its progress is in bytes meanwhile.
        if (n > 0) progress();
      },
      onMoreItems: (n) => {
        total += n;
      },
    });
    for await (const item of listed) {
      if (halt.signal.aborted) break;
      if (isProblem(item)) {
        record({ file: item.name, status: 'failed', error: item.error });
        continue;
      }
      currentFile = item.name;
      start(item);
      if (launched % YIELD_EVERY_ITEMS === 0) await yieldToEventLoop();
      while (launched - stored >= MAX_FILES_IN_FLIGHT || heldBytes >= bounds.inFlight) {
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
    await listing.close();
    // The import is done when its articles are searchable: wait for the index thread to catch up.
    await indexThread?.settle();
    // A large import leaves many small index segments: they are merged in bounded steps from here, then the heaviest
    // searches ranked ahead, while the archive is used (not awaited; closing the archive cuts it short, and the next
    // idle time finishes it). On the connection's maintenance thread, not this import's: that is where the host's idle merges
    // and `stacks optimize` run too, so one merge and one ranking run at a time. Two threads ranking the same
    // searches at once doubled the work (half an hour of a core each at 1M) and one of them failed on a locked index.
    if (indexThread && report.imported >= MERGE_AFTER_IMPORTED) void mergeIndexInBackground(db);
    currentFile = null;
    run.signal?.removeEventListener('abort', onCancel);
    if (run.signal?.aborted) report.cancelled = true;
    progress();
    return report;
  }

  return {
    importOne,
    importPaths,
    importItems: (items, run = {}) =>
      runItems(
        {
          count: items.length,
          bytes: 0,
          containers: 0,
          items: async function* () {
            yield* items;
          },
          close: async () => {},
        },
        run,
      ),
    extractOne: (input) => extract(input, undefined, true),
    storePrepared(prepared) {
      const outcome = commit([prepared]).outcomes[0]!;
      catchUpIndex(db);
      return outcome;
    },
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
