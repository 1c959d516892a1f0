// A small worker_threads pool that runs extractCapture off the main thread (Readability costs ~30 ms a page).
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ArchiveError, type ApiError } from '../contract/errors.js';
import type { ImportInput, NormalizedCapture } from './types.js';
import type { WorkerRequest } from './extract-worker.js';

export interface ExtractionPoolOptions {
  /** Number of worker threads; defaults to os.availableParallelism(). */
  size?: number;
  /** Override the worker script (a bundler that moves files must point at the built extract-worker.js). */
  workerUrl?: URL;
}

export interface ExtractionPool {
  extract(input: ImportInput): Promise<NormalizedCapture>;
  close(): Promise<void>;
}

type WorkerReply = { id: number; ok: true; capture: NormalizedCapture } | { id: number; ok: false; error: ApiError };

interface Job {
  id: number;
  input: ImportInput;
  resolve: (capture: NormalizedCapture) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** The compiled .js beside this file when it exists, else the .ts source (run through tsx in the worker). */
function defaultWorkerUrl(): URL {
  if (!import.meta.url) {
    // Bundled into CommonJS (e.g. the Electron main bundle), this file no longer knows where it lives.
    throw new ArchiveError('INTERNAL', 'createExtractionPool needs options.workerUrl when bundled: point it at the built extract-worker.js.');
  }
  const js = new URL('./extract-worker.js', import.meta.url);
  if (js.protocol === 'file:' && fs.existsSync(fileURLToPath(js))) return js;
  return new URL('./extract-worker.ts', import.meta.url);
}

function spawn(url: URL): Worker {
  // A TypeScript worker (tests, `tsx` runs) starts through a tiny JS entry that registers tsx inside the thread:
  // `execArgv: ['--import', 'tsx']` is not honoured by workers on every Node 20 release.
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(new URL('./extract-worker-tsx.mjs', import.meta.url), { workerData: { entry: url.href } })
    : new Worker(url);
  worker.unref();
  return worker;
}

function fromReply(error: ApiError): Error {
  return new ArchiveError(error.code, error.message);
}

/** Starts `size` workers; jobs queue FIFO and each worker takes one at a time (the work is CPU-bound). */
export function createExtractionPool(options: ExtractionPoolOptions = {}): ExtractionPool {
  const size = Math.max(1, Math.floor(options.size ?? os.availableParallelism()));
  const url = options.workerUrl ?? defaultWorkerUrl();
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;
  // Workers that die before finishing anything (a broken build, say) must not be respawned forever.
  let crashesInARow = 0;
  let broken: string | null = null;
  const MAX_CRASHES_IN_A_ROW = 3;

  const dispatch = (): void => {
    for (const slot of slots) {
      if (slot.job || !queue.length) continue;
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.ref(); // keep the process alive while work is in flight
      const request: WorkerRequest = { id: job.id, input: job.input };
      slot.worker.postMessage(request);
    }
  };

  const finish = (slot: Slot): Job | null => {
    const job = slot.job;
    slot.job = null;
    slot.worker.unref();
    return job;
  };

  const attach = (slot: Slot): void => {
    slot.worker.on('message', (reply: WorkerReply) => {
      crashesInARow = 0;
      const job = finish(slot);
      if (job && job.id === reply.id) {
        if (reply.ok) job.resolve(reply.capture);
        else job.reject(fromReply(reply.error));
      }
      dispatch();
    });
    const replace = (reason: string): void => {
      const job = finish(slot);
      job?.reject(new ArchiveError('INTERNAL', `Extracting ${job.input.fileName} crashed its worker: ${reason}`));
      slot.worker.removeAllListeners();
      void slot.worker.terminate();
      if (closed || broken) return;
      if (++crashesInARow >= MAX_CRASHES_IN_A_ROW) {
        broken = `Extraction workers keep crashing (${reason}).`;
        for (const queued of queue.splice(0)) queued.reject(new ArchiveError('INTERNAL', broken));
        return;
      }
      // A crashed worker (out of memory on a pathological page, say) is replaced so the rest of the import goes on.
      slot.worker = spawn(url);
      attach(slot);
      dispatch();
    };
    slot.worker.on('error', (err) => replace(err instanceof Error ? err.message : String(err)));
    slot.worker.on('exit', (code) => {
      if (!closed) replace(`exited with code ${code}`);
    });
  };

  for (let i = 0; i < size; i++) {
    const slot: Slot = { worker: spawn(url), job: null };
    attach(slot);
    slots.push(slot);
  }

  return {
    extract(input: ImportInput): Promise<NormalizedCapture> {
      if (closed) return Promise.reject(new ArchiveError('INTERNAL', 'The extraction pool is closed.'));
      if (broken) return Promise.reject(new ArchiveError('INTERNAL', broken));
      return new Promise<NormalizedCapture>((resolve, reject) => {
        queue.push({ id: nextId++, input, resolve, reject });
        dispatch();
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) job.reject(new ArchiveError('INTERNAL', 'The extraction pool was closed before this file was extracted.'));
      await Promise.all(slots.map(async (slot) => {
        finish(slot)?.reject(new ArchiveError('INTERNAL', 'The extraction pool was closed before this file was extracted.'));
        slot.worker.removeAllListeners();
        await slot.worker.terminate();
      }));
    },
  };
}
