// Worker thread body: brings the search index file up to the archive's newest committed capture, on request.
import { parentPort, workerData } from 'node:worker_threads';
import { openIndexWriter } from './article-index-file.js';

/**
 * A catch-up request's reply (same id) says the index holds every capture committed before it. A merge request
 * runs bounded merge steps until nothing is left to merge, answering catch-ups between its steps.
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

/** Merges step by step; `indexed` in the reply is the number of steps. A catch-up arriving meanwhile runs between steps. */
async function merge(id: number): Promise<void> {
  let steps = 0;
  try {
    while (writer.mergeStep()) {
      steps++;
      await nextTurn();
    }
    port.postMessage({ id, ok: true, indexed: steps } satisfies IndexReply);
  } catch (err) {
    port.postMessage({ id, ok: false, error: (err as Error).message } satisfies IndexReply);
  }
}

// Catch-ups are handled one at a time, in order: a reply therefore covers every commit the main thread made before asking.
port.on('message', (request: IndexRequest) => {
  if (request.kind === 'merge') return void merge(request.id);
  let reply: IndexReply;
  try {
    reply = { id: request.id, ok: true, indexed: writer.catchUp() };
  } catch (err) {
    reply = { id: request.id, ok: false, error: (err as Error).message };
  }
  port.postMessage(reply);
});
