// Worker thread body: brings the search index file up to the archive's newest committed capture, on request.
import { parentPort, workerData } from 'node:worker_threads';
import { openIndexWriter } from './article-index-file.js';

/**
 * A catch-up request's reply (same id) says the index holds every capture committed before it. A merge request
 * runs bounded merge steps until nothing is left to merge, answering catch-ups between its steps (mergeAll).
 */
export interface IndexRequest {
  id: number;
  kind?: 'catch-up' | 'merge';
}
export type IndexReply = { id: number; ok: true; indexed: number } | { id: number; ok: false; error: string };

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
 * Merges step by step until nothing is left, once the index has been quiet for MERGE_AFTER_QUIET_MS (counted from
 * the request, so an import running on another thread is seen first), pausing again whenever catch-ups come;
 * resolves with the step count.
 */
async function mergeAll(): Promise<number> {
  let steps = 0;
  writer.writtenByOthers(); // the baseline: commits from here on count
  lastActivity = Date.now();
  for (;;) {
    if (writer.writtenByOthers()) lastActivity = Date.now();
    const quietFor = Date.now() - lastActivity;
    if (quietFor < MERGE_AFTER_QUIET_MS) {
      await sleep(MERGE_AFTER_QUIET_MS - quietFor);
      continue;
    }
    if (!writer.mergeStep()) return steps;
    steps++;
    await nextTurn();
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
  });
  merging.then(
    (steps) => port.postMessage({ id, ok: true, indexed: steps } satisfies IndexReply),
    (err: unknown) => port.postMessage({ id, ok: false, error: (err as Error).message } satisfies IndexReply),
  );
}

// Catch-ups are handled one at a time, in order: a reply therefore covers every commit the main thread made before asking.
port.on('message', (request: IndexRequest) => {
  if (request.kind === 'merge') return merge(request.id);
  let reply: IndexReply;
  try {
    reply = { id: request.id, ok: true, indexed: writer.catchUp() };
  } catch (err) {
    reply = { id: request.id, ok: false, error: (err as Error).message };
  }
  lastActivity = Date.now();
  port.postMessage(reply);
});
