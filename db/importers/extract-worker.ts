// Worker thread body: runs extractCapture for the pool and posts back the capture or the error as data.
import { parentPort } from 'node:worker_threads';
import { extractCapture } from './index.js';
import { toApiError } from '../contract/errors.js';
import type { ImportInput } from './types.js';

export interface WorkerRequest {
  id: number;
  input: ImportInput;
}

if (!parentPort) throw new Error('extract-worker must run in a worker thread');
const port = parentPort;

port.on('message', (request: WorkerRequest) => {
  extractCapture(request.input).then(
    (capture) => {
      // Asset buffers are moved, not copied: they are this worker's own copies.
      const transfer = capture.assets.map((a) => a.bytes.buffer as ArrayBuffer).filter((b, i, all) => all.indexOf(b) === i);
      port.postMessage({ id: request.id, ok: true, capture }, transfer);
    },
    (err: unknown) => port.postMessage({ id: request.id, ok: false, error: toApiError(err) }),
  );
});
