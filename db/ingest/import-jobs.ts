// Imports the app starts in the background: one file each, its progress item by item, cancellable inside the file.
import { randomBytes } from 'node:crypto';
import { ArchiveError, toApiError } from '../contract/errors.js';
import type { ImportFileRequest, ImportJob, ImportOutcome, ImportProgress } from '../contract/types.js';
import type { ImportRunOptions } from './importer.js';

/** Runs one file's import (the API's importFile), reporting progress and stopping on the signal. */
export type RunImport = (req: ImportFileRequest, run: ImportRunOptions) => Promise<ImportOutcome>;

export interface ImportJobs {
  start(req: ImportFileRequest): ImportJob;
  status(id: string): ImportJob;
  cancel(id: string): ImportJob;
  /** Cancels what runs and waits for it to stop (what was committed stays). */
  dispose(): Promise<void>;
}

interface Entry {
  job: ImportJob;
  controller: AbortController;
  done: Promise<void>;
  finishedAt: number | null;
}

/** A finished job's report is kept this long for the view that polls it, then forgotten. */
const KEEP_MS = 10 * 60 * 1000;

const startingProgress = (req: ImportFileRequest): ImportProgress => ({
  total: 1,
  done: 0,
  imported: 0,
  duplicates: 0,
  failed: 0,
  currentFile: req.fileName,
  elapsedMs: 0,
  etaMs: null,
  // base64 carries 3 bytes in 4 characters: the file's size without decoding it here.
  bytesTotal: Math.floor((req.dataBase64.length * 3) / 4),
  bytesDone: 0,
});

export function createImportJobs(runImport: RunImport): ImportJobs {
  const entries = new Map<string, Entry>();

  const expire = (): void => {
    const now = Date.now();
    for (const [id, e] of entries) if (e.finishedAt !== null && now - e.finishedAt > KEEP_MS) entries.delete(id);
  };
  const get = (id: string): Entry => {
    expire();
    const e = entries.get(id);
    if (!e) throw new ArchiveError('NOT_FOUND', `There is no import ${id} (finished imports are kept for 10 minutes).`);
    return e;
  };
  const snapshot = (e: Entry): ImportJob => ({ ...e.job, progress: { ...e.job.progress } });

  return {
    start(req) {
      expire();
      const id = randomBytes(12).toString('hex');
      const job: ImportJob = {
        id,
        fileName: req.fileName,
        state: 'running',
        progress: startingProgress(req),
        outcome: null,
      };
      const controller = new AbortController();
      const entry: Entry = { job, controller, done: Promise.resolve(), finishedAt: null };
      const started = Date.now();
      entry.done = runImport(req, {
        signal: controller.signal,
        onProgress: (p) => {
          job.progress = p;
        },
      }).then(
        (outcome) => {
          job.outcome = outcome;
          job.state = controller.signal.aborted ? 'cancelled' : 'done';
          // A single page reports no progress of its own: it is one item, done.
          if (!outcome.items) {
            const one = outcome.status;
            job.progress = {
              ...job.progress,
              done: 1,
              imported: one === 'imported' ? 1 : 0,
              duplicates: one === 'duplicate' ? 1 : 0,
              failed: one === 'failed' ? 1 : 0,
              elapsedMs: Date.now() - started,
              etaMs: 0,
              bytesDone: job.progress.bytesTotal ?? 0,
            };
          }
          entry.finishedAt = Date.now();
        },
        (err: unknown) => {
          job.state = 'failed';
          job.outcome = { file: req.fileName, status: 'failed', error: toApiError(err).message };
          entry.finishedAt = Date.now();
        },
      );
      entries.set(id, entry);
      return snapshot(entry);
    },
    status: (id) => snapshot(get(id)),
    cancel(id) {
      const e = get(id);
      if (e.job.state === 'running') e.controller.abort();
      return snapshot(e);
    },
    async dispose() {
      for (const e of entries.values()) e.controller.abort();
      await Promise.all([...entries.values()].map((e) => e.done));
      entries.clear();
    },
  };
}
