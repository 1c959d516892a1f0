// Worker thread body: extracts the pool's jobs one at a time, in order, and posts back each capture or error as data.
import { parentPort } from 'node:worker_threads';
import { extractCapture } from './index.js';
import { toApiError } from '../contract/errors.js';
import type { ImportInput } from './types.js';

/** A job to extract, or the ids of queued jobs to drop (their import was cancelled). */
export type WorkerRequest = { id: number; input: ImportInput } | { cancel: number[] };

if (!parentPort) throw new Error('extract-worker must run in a worker thread');
const port = parentPort;

// The pool sends jobs ahead (so this thread keeps working while the main thread is busy committing), and they
// wait here. One runs at a time: the pool knows the oldest unanswered job is the one running, which is what it
// blames if this thread dies.
const queue: Array<{ id: number; input: ImportInput }> = [];
let running = false;

const runNext = (): void => {
  const job = queue.shift();
  if (!job) {
    running = false;
    return;
  }
  extractCapture(job.input)
    .then(
      (capture) => {
        // Asset buffers are moved, not copied: they are this worker's own copies.
        const transfer = capture.assets
          .map((a) => a.bytes.buffer as ArrayBuffer)
          .filter((b, i, all) => all.indexOf(b) === i);
        port.postMessage({ id: job.id, ok: true, capture }, transfer);
      },
      (err: unknown) => port.postMessage({ id: job.id, ok: false, error: toApiError(err) }),
    )
    .finally(() => {
      // setImmediate, not a loop: it lets queued messages (a cancel) arrive between jobs.
      setImmediate(runNext);
    });
};

// Loaded: the pool starts timing files against the budget from here, not from the thread's start-up.
port.postMessage({ ready: true });

port.on('message', (request: WorkerRequest) => {
  if ('cancel' in request) {
    const drop = new Set(request.cancel);
    for (let i = queue.length - 1; i >= 0; i--) {
      const job = queue[i]!;
      if (drop.has(job.id)) {
        queue.splice(i, 1);
        port.postMessage({ id: job.id, cancelled: true });
      }
    }
    return;
  }
  queue.push(request);
  if (!running) {
    running = true;
    setImmediate(runNext);
  }
});
