// Keeps an archive connection's search index current: on the calling thread after a small write, on a helper
// thread during a bulk import (so FTS5 inserts run beside the archive's own inserts, not after them).
import type Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { spawnWorker, workerEntry } from '../../threads.js';
import type { IndexWriter } from './article-index-file.js';
import type { IndexReply, IndexRequest } from './index-worker.js';

export interface IndexBinding {
  archivePath: string;
  nativeBinding?: string;
  /** This thread's writer, for single writes and for finishing what a helper thread could not. */
  writer: IndexWriter;
}

const bindings = new WeakMap<Database.Database, IndexBinding>();

/** Called by openArchive: ties the connection to its index file. */
export function bindIndex(db: Database.Database, binding: IndexBinding): void {
  bindings.set(db, binding);
}

/** Brings the index up to the archive's newest committed capture, on this thread. Call after the commit. */
export function catchUpIndex(db: Database.Database): void {
  bindings.get(db)?.writer.catchUp();
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
  close(): Promise<void>;
}

/** A helper thread that indexes while the caller commits; null for a connection without an index binding. */
export function startIndexThread(db: Database.Database): IndexThread | null {
  const binding = bindings.get(db);
  if (!binding) return null;
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  const waiting = new Map<number, (ok: boolean) => void>();
  const failAll = (): void => {
    broken = true;
    for (const done of waiting.values()) done(false);
    waiting.clear();
  };
  const ask = (): Promise<boolean> => {
    if (broken) return Promise.resolve(false);
    if (!worker) {
      const data: Record<string, unknown> = { archivePath: binding.archivePath };
      if (binding.nativeBinding) data.nativeBinding = binding.nativeBinding;
      worker = spawnWorker(workerEntry(import.meta.url, 'index-worker'), data);
      worker.on('message', (reply: IndexReply) => {
        const done = waiting.get(reply.id);
        waiting.delete(reply.id);
        if (waiting.size === 0) worker?.unref();
        done?.(reply.ok);
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
    worker.ref();
    worker.postMessage({ id } satisfies IndexRequest);
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
      const ok = await ask();
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
      if (!(await ask())) binding.writer.catchUp();
    },
    async close() {
      const w = worker;
      worker = null;
      broken = true;
      if (w) await w.terminate();
    },
  };
}
