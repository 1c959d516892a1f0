// A small worker_threads pool that runs extractCapture off the main thread (Readability costs ~30 ms a page).
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ArchiveError, type ApiError } from '../contract/errors.js';
import { spawnWorker, workerEntry } from '../threads.js';
import type { ImportInput, NormalizedCapture } from './types.js';
import type { WorkerRequest } from './extract-worker.js';

export interface ExtractionPoolOptions {
  /** Number of worker threads; defaults to os.availableParallelism(). */
  size?: number;
  /** Override the worker script (a bundler that moves files must point at the built extract-worker.js). */
  workerUrl?: URL;
  /** Longest time one file may take to extract; past it the worker is ended and replaced (default 20 s). */
  timeBudgetMs?: number;
  /** Heap one worker may use (its V8 old generation, in MB); past it the worker dies and is replaced (default 1024). */
  memoryBudgetMb?: number;
}

export const DEFAULT_TIME_BUDGET_MS = 20_000;
export const DEFAULT_MEMORY_BUDGET_MB = 1024;
const YOUNG_GENERATION_MB = 8;

export interface ExtractOptions {
  /** Aborting drops the job (a running one by ending its worker); the promise then rejects with a "cancelled" error. */
  signal?: AbortSignal;
}

export interface ExtractionPool {
  extract(input: ImportInput, options?: ExtractOptions): Promise<NormalizedCapture>;
  close(): Promise<void>;
}

type WorkerReply =
  | { id: number; ok: true; capture: NormalizedCapture }
  | { id: number; ok: false; error: ApiError }
  | { id: number; cancelled: true }
  | { ready: true };

interface Job {
  id: number;
  input: ImportInput;
  signal: AbortSignal | undefined;
  resolve: (capture: NormalizedCapture) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker and not answered yet, oldest first: the first is the one it is running. */
  jobs: Job[];
  /** Input bytes of those jobs: new work goes to the least loaded worker. */
  bytes: number;
  /** Ends the running job when it runs over the time budget. */
  timer: ReturnType<typeof setTimeout> | null;
  /** The worker has loaded its code: before that, the time is start-up, not the file's. */
  ready: boolean;
}

/** The compiled .js beside this file when it exists, else the .ts source (run through tsx in the worker). */
function defaultWorkerUrl(): URL {
  if (!import.meta.url) {
    // Bundled into CommonJS (e.g. the Electron main bundle), this file no longer knows where it lives.
    throw new ArchiveError(
      'INTERNAL',
      'createExtractionPool needs options.workerUrl when bundled: point it at the built extract-worker.js.',
    );
  }
  return workerEntry(import.meta.url, 'extract-worker');
}

function fromReply(error: ApiError): Error {
  return new ArchiveError(error.code, error.message);
}

const cancelled = (job: Job): Error =>
  new ArchiveError('INVALID_INPUT', `Extracting ${job.input.fileName} was cancelled.`);
const closedBefore = (): Error =>
  new ArchiveError('INTERNAL', 'The extraction pool was closed before this file was extracted.');

/**
 * Starts `size` workers. Every job is sent to a worker at once (the least loaded by bytes), not when the worker
 * is free: a bulk import's main thread spends long stretches committing to SQLite, and workers that had to
 * wait for it to hand out the next file sat idle half the time. Callers bound how much is in flight.
 */
export function createExtractionPool(options: ExtractionPoolOptions = {}): ExtractionPool {
  const size = Math.max(1, Math.floor(options.size ?? os.availableParallelism()));
  const url = options.workerUrl ?? defaultWorkerUrl();
  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const memoryBudgetMb = options.memoryBudgetMb ?? DEFAULT_MEMORY_BUDGET_MB;
  // The young generation capped too: V8 grows it to 32 MB and more per busy thread, and a page's DOM is garbage as
  // soon as it is extracted, so a smaller nursery costs little time and keeps each worker's memory down.
  const limits = { maxOldGenerationSizeMb: memoryBudgetMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  /** Jobs not sent yet: only while a crashed worker is replaced, or after the pool broke. */
  const backlog: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;
  // Workers that die before finishing anything (a broken build, say) must not be respawned forever.
  let crashesInARow = 0;
  let broken: string | null = null;
  const MAX_CRASHES_IN_A_ROW = 3;

  /** The first job of a slot is the one its worker runs: its time starts now. */
  const startClock = (slot: Slot): void => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const running = slot.jobs[0];
    if (!running || !slot.ready) return;
    slot.timer = setTimeout(() => {
      if (slot.jobs[0] !== running) return;
      restart(
        slot,
        new ArchiveError(
          'UNSUPPORTED_FORMAT',
          `${running.input.fileName || 'The file'} took too long to extract (over ${Math.round(timeBudgetMs / 1000)} s), so it was skipped.`,
        ),
        false,
      );
    }, timeBudgetMs);
    slot.timer.unref();
  };

  const send = (slot: Slot, job: Job): void => {
    slot.jobs.push(job);
    slot.bytes += job.input.bytes.byteLength;
    if (slot.jobs.length === 1) {
      slot.worker.ref(); // keep the process alive while work is in flight
      startClock(slot);
    }
    const request: WorkerRequest = { id: job.id, input: job.input };
    slot.worker.postMessage(request);
  };

  const leastLoaded = (): Slot => slots.reduce((best, s) => (s.bytes < best.bytes ? s : best));

  const dispatch = (): void => {
    while (backlog.length && !broken) send(leastLoaded(), backlog.shift()!);
  };

  /** Takes an answered (or abandoned) job off its worker's list. */
  const settle = (slot: Slot, id: number): Job | null => {
    const at = slot.jobs.findIndex((j) => j.id === id);
    if (at < 0) return null;
    const [job] = slot.jobs.splice(at, 1);
    slot.bytes -= job!.input.bytes.byteLength;
    if (slot.jobs.length === 0) slot.worker.unref();
    if (at === 0) startClock(slot);
    return job!;
  };

  const attach = (slot: Slot): void => {
    slot.worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        return startClock(slot);
      }
      const job = settle(slot, reply.id);
      if (!job) return;
      if ('cancelled' in reply) return job.reject(cancelled(job));
      crashesInARow = 0;
      if (reply.ok) job.resolve(reply.capture);
      else job.reject(fromReply(reply.error));
    });
    slot.worker.on('error', (err) => {
      const running = slot.jobs[0];
      // Over the heap budget V8 ends the worker: that is the file's doing, not a broken worker.
      if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' && running) {
        return restart(
          slot,
          new ArchiveError(
            'UNSUPPORTED_FORMAT',
            `${running.input.fileName || 'The file'} took too much memory to extract (over ${memoryBudgetMb} MB), so it was skipped.`,
          ),
          false,
        );
      }
      const reason = err instanceof Error ? err.message : String(err);
      restart(slot, running ? crashed(running, reason) : null, true, reason);
    });
    slot.worker.on('exit', (code) => {
      if (closed) return;
      const reason = `exited with code ${code}`;
      restart(slot, slot.jobs[0] ? crashed(slot.jobs[0], reason) : null, true, reason);
    });
  };

  const crashed = (job: Job, reason: string): Error =>
    new ArchiveError('INTERNAL', `Extracting ${job.input.fileName} crashed its worker: ${reason}`);

  /**
   * Ends a slot's worker and starts a new one. The oldest unanswered job is the one the worker was running: it is
   * rejected with `blame`; the rest are re-sent. A crash counts towards giving up on the pool; a file over its
   * budget or a cancel does not.
   */
  function restart(slot: Slot, blame: Error | null, isCrash: boolean, reason = ''): void {
    const [culprit, ...innocent] = slot.jobs.splice(0);
    slot.bytes = 0;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (culprit && blame) culprit.reject(blame);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (closed) return;
    backlog.unshift(...innocent);
    if (isCrash && (broken || ++crashesInARow >= MAX_CRASHES_IN_A_ROW)) {
      broken ??= `Extraction workers keep crashing (${reason}).`;
      for (const queued of backlog.splice(0)) queued.reject(new ArchiveError('INTERNAL', broken));
      return;
    }
    // A replaced worker (out of budget on a pathological page, say) lets the rest of the import go on.
    slot.worker = spawnWorker(url, {}, limits);
    slot.ready = false;
    attach(slot);
    dispatch();
  }

  /** On abort: every job of that signal still waiting in a worker is dropped there (one message per worker). */
  const watched = new WeakSet<AbortSignal>();
  const watch = (signal: AbortSignal): void => {
    if (watched.has(signal)) return;
    watched.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        for (const slot of slots) {
          // A running job of this signal is stopped by ending its worker, so a cancel acts at once even on a file
          // that would take long; the other jobs of that worker are re-sent, those of this signal dropped below.
          const running = slot.jobs[0];
          if (running?.signal === signal) {
            for (const job of slot.jobs.slice(1).filter((j) => j.signal === signal)) {
              settle(slot, job.id);
              job.reject(cancelled(job));
            }
            restart(slot, cancelled(running), false);
            continue;
          }
          const ids = slot.jobs
            .slice(1)
            .filter((j) => j.signal === signal)
            .map((j) => j.id);
          if (ids.length) slot.worker.postMessage({ cancel: ids } satisfies WorkerRequest);
        }
        for (let i = backlog.length - 1; i >= 0; i--) {
          const job = backlog[i]!;
          if (job.signal === signal) {
            backlog.splice(i, 1);
            job.reject(cancelled(job));
          }
        }
      },
      { once: true },
    );
  };

  for (let i = 0; i < size; i++) {
    const slot: Slot = { worker: spawnWorker(url, {}, limits), jobs: [], bytes: 0, timer: null, ready: false };
    attach(slot);
    slots.push(slot);
  }

  return {
    extract(input: ImportInput, extractOptions: ExtractOptions = {}): Promise<NormalizedCapture> {
      if (closed) return Promise.reject(new ArchiveError('INTERNAL', 'The extraction pool is closed.'));
      if (broken) return Promise.reject(new ArchiveError('INTERNAL', broken));
      const { signal } = extractOptions;
      return new Promise<NormalizedCapture>((resolve, reject) => {
        const job: Job = { id: nextId++, input, signal, resolve, reject };
        if (signal?.aborted) return reject(cancelled(job));
        if (signal) watch(signal);
        backlog.push(job);
        dispatch();
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      for (const job of backlog.splice(0)) job.reject(closedBefore());
      await Promise.all(
        slots.map(async (slot) => {
          for (const job of slot.jobs.splice(0)) job.reject(closedBefore());
          if (slot.timer) clearTimeout(slot.timer);
          slot.worker.removeAllListeners();
          await slot.worker.terminate();
        }),
      );
    },
  };
}
