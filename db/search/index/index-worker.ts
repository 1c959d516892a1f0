// Worker thread body: brings the search index file up to the archive's newest committed capture, on request.
import { parentPort, workerData } from 'node:worker_threads';
import { openIndexWriter } from './article-index-file.js';

/** Each request asks for one catch-up; the reply (same id) says the index holds every capture committed before it. */
export interface IndexRequest {
  id: number;
}
export type IndexReply = { id: number; ok: true; indexed: number } | { id: number; ok: false; error: string };

if (!parentPort) throw new Error('index-worker must run in a worker thread');
const port = parentPort;
const data = workerData as { archivePath: string; nativeBinding?: string; cacheKib?: number };
const writer = openIndexWriter(data.archivePath, {
  ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  ...(data.cacheKib ? { cacheKib: data.cacheKib } : {}),
});

// Handled one at a time, in order: a reply therefore covers every commit the main thread made before asking.
port.on('message', (request: IndexRequest) => {
  let reply: IndexReply;
  try {
    reply = { id: request.id, ok: true, indexed: writer.catchUp() };
  } catch (err) {
    reply = { id: request.id, ok: false, error: (err as Error).message };
  }
  port.postMessage(reply);
});
