// Worker thread body: brings the search index file up to the archive's newest committed capture, on request.
import { parentPort, workerData } from 'node:worker_threads';
import { openIndexWriter } from './article-index-file.js';
import { openArchive, type Archive } from '../../open.js';
import { keptVersions, refreshKeptPages } from '../kept/kept-refresh.js';

/**
 * A catch-up request's reply (same id) says the index holds every capture committed before it. A merge request
 * runs bounded merge steps until nothing is left to merge, answering catch-ups between its steps (mergeAll).
 */
export interface IndexRequest {
  id: number;
  kind?: 'catch-up' | 'merge' | 'keep';
  /** keep: rank ahead from this many hits instead of keptPages.minHits (tests on small archives). */
  minHits?: number;
}
/** `indexed`: captures indexed (catch-up), merge steps (merge), searches with a current kept page (keep). */
export type IndexReply =
  | { id: number; ok: true; indexed: number }
  | { id: number; ok: false; error: string }
  | { id: number; progress: { done: number; total: number } };

if (!parentPort) throw new Error('index-worker must run in a worker thread');
const port = parentPort;
const data = workerData as { archivePath: string; nativeBinding?: string; cacheKib?: number };
const writer = openIndexWriter(data.archivePath, {
  ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  ...(data.cacheKib ? { cacheKib: data.cacheKib } : {}),
});

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Merging waits until the index has had no catch-up, here or on another connection (an import's own index thread),
 * for this long. While an import runs, FTS5's own automerge keeps the segments in check; merging the growing index
 * towards one segment meanwhile rewrote it again and again (imports in rounds of 5,000 files ran at 0.18x the bare
 * FTS5 insert rate at 100k articles instead of 0.47x).
 */
const MERGE_AFTER_QUIET_MS = 1000;
/** When the index last changed under a merge's feet: a catch-up here, another connection's commit, a merge request. */
let lastActivity = 0;

/**
 * Yields to the event loop (catch-ups waiting are served), then waits until the index has been quiet for
 * MERGE_AFTER_QUIET_MS. It returns right after the check, so the step that follows never runs just after a catch-up
 * (a merge step between an import's batches slowed the import).
 */
async function quietTurn(): Promise<void> {
  await nextTurn();
  for (;;) {
    if (writer.writtenByOthers()) lastActivity = Date.now();
    const quietFor = Date.now() - lastActivity;
    if (quietFor >= MERGE_AFTER_QUIET_MS) return;
    await sleep(MERGE_AFTER_QUIET_MS - quietFor);
  }
}

/**
 * Merges step by step until nothing is left, once the index has been quiet for MERGE_AFTER_QUIET_MS (counted from
 * the request, so an import running on another thread is seen first), pausing again whenever catch-ups come;
 * resolves with the step count.
 */
async function mergeAll(): Promise<number> {
  let steps = 0;
  writer.writtenByOthers(); // the baseline: commits from here on count
  lastActivity = Date.now();
  for (;;) {
    await quietTurn();
    if (!writer.mergeStep()) return steps;
    steps++;
  }
}

/**
 * One merge at a time: a request made while one runs (an import after an import) is answered when that one ends,
 * with its step count. A catch-up arriving meanwhile runs between steps.
 */
let merging: Promise<number> | null = null;
function merge(id: number): void {
  merging ??= mergeAll().finally(() => {
    merging = null;
    // A merged index is the one search will read for a while: the heaviest searches are ranked ahead on it.
    keep().catch((err: unknown) => console.error(`Stacks: ranking searches ahead failed: ${(err as Error).message}`));
  });
  merging.then(
    (steps) => port.postMessage({ id, ok: true, indexed: steps } satisfies IndexReply),
    (err: unknown) => port.postMessage({ id, ok: false, error: (err as Error).message } satisfies IndexReply),
  );
}

/**
 * One refresh of the kept pages at a time (db/search/kept/), on a read-only archive connection of its own that is
 * closed afterwards (its facet columns are tens of MB at a million articles). Requests made while one runs get its
 * progress and its answer.
 */
let keeping: Promise<number> | null = null;
const keepWaiters = new Set<number>();
/** The versions the last complete refresh ended at: nothing written since means nothing to do (no vocabulary scan). */
let keptAt: { versions: string; kept: number } | null = null;
function keep(minHits?: number): Promise<number> {
  keeping ??= (async () => {
    let reader: Archive | null = null;
    try {
      reader = openArchive(data.archivePath, {
        readonly: true,
        ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
      });
      const versions = keptVersions(reader.db);
      const key = versions === null ? null : `${versions} ${minHits ?? ''}`;
      if (key !== null && keptAt?.versions === key) return keptAt.kept;
      const report = await refreshKeptPages(
        reader.db,
        writer.keptTarget(),
        {
          turn: quietTurn,
          onProgress: (done, total) => {
            for (const id of keepWaiters) port.postMessage({ id, progress: { done, total } } satisfies IndexReply);
          },
        },
        minHits,
      );
      // Complete only if nothing was written meanwhile (else the next refresh has pages to bring up to date).
      if (key !== null && keptVersions(reader.db) === versions) keptAt = { versions: key, kept: report.kept };
      return report.kept;
    } finally {
      reader?.close();
    }
  })().finally(() => {
    keeping = null;
  });
  return keeping;
}

function keepRequest(id: number, minHits?: number): void {
  keepWaiters.add(id);
  keep(minHits)
    .then(
      (kept) => port.postMessage({ id, ok: true, indexed: kept } satisfies IndexReply),
      (err: unknown) => port.postMessage({ id, ok: false, error: (err as Error).message } satisfies IndexReply),
    )
    .finally(() => keepWaiters.delete(id));
}

// Catch-ups are handled one at a time, in order: a reply therefore covers every commit the main thread made before asking.
port.on('message', (request: IndexRequest) => {
  if (request.kind === 'merge') return merge(request.id);
  if (request.kind === 'keep') return keepRequest(request.id, request.minHits);
  let reply: IndexReply;
  try {
    reply = { id: request.id, ok: true, indexed: writer.catchUp() };
  } catch (err) {
    reply = { id: request.id, ok: false, error: (err as Error).message };
  }
  lastActivity = Date.now();
  port.postMessage(reply);
});
