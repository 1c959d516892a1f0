// Keeps an archive connection's search index current: on the calling thread after a small write, on a helper
// thread during a bulk import (so FTS5 inserts run beside the archive's own inserts, not after them).
import type Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { spawnWorker, workerEntry } from '../../threads.js';
import { refreshIndex, type IndexWriter } from './article-index-file.js';
import type { IndexReply, IndexRequest } from './index-worker.js';

export interface IndexBinding {
  archivePath: string;
  nativeBinding?: string;
  /** This thread's writer, for single writes and for finishing what a helper thread could not. */
  writer: IndexWriter;
  /** The helper thread idle-time merges and background catch-ups run on, once started. */
  maintenance?: IndexThread;
  /** A catch-up running on the helper thread (a rebuild at open), settled once the index is current. */
  background?: Promise<void>;
}

const bindings = new WeakMap<Database.Database, IndexBinding>();

/** Called by openArchive: ties the connection to its index file. */
export function bindIndex(db: Database.Database, binding: IndexBinding): void {
  bindings.set(db, binding);
}

/** Brings the index up to the archive's newest committed capture, on this thread. Call after the commit. */
export function catchUpIndex(db: Database.Database): void {
  const binding = bindings.get(db);
  if (!binding) return;
  // A rebuild is running on the helper thread: it is told there is more, rather than this thread doing it all now.
  if (binding.background && binding.maintenance) return binding.maintenance.kick();
  binding.writer.catchUp();
  // The writer reopens a file that was replaced or deleted under it; this connection then reads the new one too.
  if (!db.inTransaction) refreshIndex(db);
}

/** Reindexes the current captures of articles whose capture ids are `fromCaptureId` and later (content re-derived). */
export function reindexFrom(db: Database.Database, fromCaptureId: number): void {
  const binding = bindings.get(db);
  if (!binding) return;
  binding.writer.rewind(fromCaptureId - 1);
  binding.writer.catchUp();
}

export interface IndexThread {
  /** Asks the thread to index what was committed so far; returns at once. */
  kick(): void;
  /** Resolves once at most `kicks` kicks are still waiting to be indexed (the importer's brake on running ahead). */
  keepUp(kicks: number): Promise<void>;
  /** Resolves once everything committed before the call is indexed (finishing on this thread if the helper failed). */
  settle(): Promise<void>;
  /**
   * Merges the index's segments on the helper thread in bounded steps (catch-ups run between them), never on the
   * caller's thread; resolves with the number of steps, or null when the helper thread is not working.
   */
  merge(): Promise<number | null>;
  /**
   * Brings the kept pages (the heaviest searches ranked ahead, db/search/kept/) up to date on the helper thread;
   * resolves with how many searches have one, or null when the helper thread is not working.
   */
  keep(onProgress?: (done: number, total: number) => void, minHits?: number): Promise<number | null>;
  close(): Promise<void>;
}

/**
 * The helper thread's page cache: FTS5 keeps the terms of a batch in its own memory until the commit and merges
 * recent segments it has just written, so a small cache costs it little, while 64 MiB was a fifth of a web
 * archive import's peak memory.
 */
const INDEX_THREAD_CACHE_KIB = 8 * 1024;

/** A helper thread that indexes while the caller commits; null for a connection without an index binding. */
export function startIndexThread(db: Database.Database): IndexThread | null {
  const binding = bindings.get(db);
  if (!binding) return null;
  return indexThreadFor(binding);
}

/**
 * Tidies the index when the archive is idle or after a large import: FTS5 merges on a helper thread of its own
 * (kept for the connection, closed with it), in bounded steps, so neither search nor the caller waits. Resolves with
 * the number of merge steps (0: nothing to merge), or null without an index.
 */
export function mergeIndexInBackground(db: Database.Database): Promise<number | null> {
  const binding = bindings.get(db);
  if (!binding) return Promise.resolve(null);
  binding.maintenance ??= indexThreadFor(binding);
  return binding.maintenance.merge();
}

/**
 * Ranks the heaviest words and prefixes ahead on the index's helper thread (what it also does after every merge),
 * resolving once every kept page is current: for `stacks optimize` and the bench. Null without an index.
 */
export function keepPagesInBackground(
  db: Database.Database,
  onProgress?: (done: number, total: number) => void,
  minHits?: number,
): Promise<number | null> {
  const binding = bindings.get(db);
  if (!binding) return Promise.resolve(null);
  binding.maintenance ??= indexThreadFor(binding);
  return binding.maintenance.keep(onProgress, minHits);
}

/**
 * Brings the index up to date on the helper thread, in chunks of 1,000 captures each committed (search answers
 * from what is indexed so far, with `indexStatus` saying how far it is). For an open that finds a missing, old or
 * foreign index: the archive is usable at once instead of after a long wait.
 */
export function catchUpInBackground(db: Database.Database): Promise<void> {
  const binding = bindings.get(db);
  if (!binding) return Promise.resolve();
  if (binding.background) return binding.background;
  const thread = (binding.maintenance ??= indexThreadFor(binding));
  thread.kick();
  const done = thread
    .settle()
    .catch((err: unknown) => {
      // Closed meanwhile (the next open goes on from where it stopped), or the error says why it could not finish.
      if (db.open) process.emitWarning(`The search index could not catch up: ${(err as Error).message}`);
    })
    .finally(() => {
      if (binding.background === done) delete binding.background;
    });
  binding.background = done;
  return done;
}

/** Resolves once a background catch-up (if any) has finished. */
export function indexSettled(db: Database.Database): Promise<void> {
  return bindings.get(db)?.background ?? Promise.resolve();
}

/** Ends the connection's maintenance thread (openArchive's close calls it; a merge step in flight is cut short). */
export function stopIndexMaintenance(db: Database.Database): void {
  const binding = bindings.get(db);
  const thread = binding?.maintenance;
  if (!binding || !thread) return;
  delete binding.maintenance;
  void thread.close();
}

function indexThreadFor(binding: IndexBinding): IndexThread {
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  type Final = Exclude<IndexReply, { progress: unknown }>;
  const waiting = new Map<number, (reply: Final | null) => void>();
  const progressOf = new Map<number, (done: number, total: number) => void>();
  const failAll = (): void => {
    broken = true;
    for (const done of waiting.values()) done(null);
    waiting.clear();
    progressOf.clear();
  };
  const ask = (
    kind: IndexRequest['kind'] = 'catch-up',
    onProgress?: (done: number, total: number) => void,
    minHits?: number,
  ): Promise<Final | null> => {
    if (broken) return Promise.resolve(null);
    if (!worker) {
      const data: Record<string, unknown> = { archivePath: binding.archivePath, cacheKib: INDEX_THREAD_CACHE_KIB };
      if (binding.nativeBinding) data.nativeBinding = binding.nativeBinding;
      worker = spawnWorker(workerEntry(import.meta.url, 'index-worker'), data);
      worker.on('message', (reply: IndexReply) => {
        if ('progress' in reply) return progressOf.get(reply.id)?.(reply.progress.done, reply.progress.total);
        const done = waiting.get(reply.id);
        waiting.delete(reply.id);
        progressOf.delete(reply.id);
        if (waiting.size === 0) worker?.unref();
        done?.(reply);
      });
      // Not fatal: settle() indexes the rest on the calling thread. Said once on stderr, since it costs speed.
      worker.on('error', (err) => {
        if (!broken)
          process.emitWarning(
            `The search index thread failed (${err.message}); indexing continues on the main thread.`,
          );
        failAll();
      });
      worker.on('exit', failAll);
    }
    const id = nextId++;
    if (onProgress) progressOf.set(id, onProgress);
    worker.ref();
    worker.postMessage({ id, kind, ...(minHits !== undefined ? { minHits } : {}) } satisfies IndexRequest);
    return new Promise((resolve) => waiting.set(id, resolve));
  };
  // At most one request in flight: kicks that arrive meanwhile fold into one more round when it returns.
  let running: Promise<void> | null = null;
  let again = false;
  let kicks = 0;
  let covered = 0; // kicks whose commits a finished catch-up included
  const waiters: Array<() => void> = [];
  const progressed = (): void => {
    for (const wake of waiters.splice(0)) wake();
  };
  const loop = async (): Promise<void> => {
    do {
      again = false;
      const upTo = kicks;
      const ok = (await ask())?.ok ?? false;
      if (ok) covered = upTo;
      progressed();
      if (!ok) break;
    } while (again);
    running = null;
  };
  return {
    kick() {
      kicks++;
      if (running) again = true;
      else running = loop();
    },
    async keepUp(max) {
      while (!broken && running && kicks - covered > max)
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
        });
    },
    async settle() {
      if (running) await running;
      // The helper thread could not finish (it crashed, say): the rest is indexed here, or the error surfaces.
      if (!(await ask())?.ok) binding.writer.catchUp();
    },
    async merge() {
      const reply = await ask('merge');
      return reply?.ok ? reply.indexed : null;
    },
    async keep(onProgress, minHits) {
      const reply = await ask('keep', onProgress, minHits);
      if (reply && !reply.ok) throw new Error(reply.error);
      return reply?.ok ? reply.indexed : null;
    },
    async close() {
      const w = worker;
      worker = null;
      broken = true;
      if (w) await w.terminate();
    },
  };
}
