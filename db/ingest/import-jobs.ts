// Imports the app starts in the background: one file each, its progress item by item, cancellable inside the file.
import { toApiError } from '../contract/errors.js';
import type { ImportFileRequest, ImportJob, ImportOutcome, ImportProgress } from '../contract/types.js';
import { createJobTable } from '../jobs.js';
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

/** A single page reports no progress of its own: when it ends, it is one item, done. */
function oneItemDone(progress: ImportProgress, outcome: ImportOutcome, elapsedMs: number): ImportProgress {
  const one = outcome.status;
  return {
    ...progress,
    done: 1,
    imported: one === 'imported' ? 1 : 0,
    duplicates: one === 'duplicate' ? 1 : 0,
    failed: one === 'failed' ? 1 : 0,
    elapsedMs,
    etaMs: 0,
    bytesDone: progress.bytesTotal ?? 0,
  };
}

export function createImportJobs(runImport: RunImport): ImportJobs {
  const table = createJobTable<ImportJob>({ noun: 'import', keepMs: 10 * 60 * 1000, keptFor: '10 minutes' });
  return {
    start: (req) =>
      table.start(
        (id) => ({ id, fileName: req.fileName, state: 'running', progress: startingProgress(req), outcome: null }),
        async (job, signal) => {
          const started = Date.now();
          try {
            const outcome = await runImport(req, { signal, onProgress: (p) => (job.progress = p) });
            job.outcome = outcome;
            job.state = signal.aborted ? 'cancelled' : 'done';
            if (!outcome.items) job.progress = oneItemDone(job.progress, outcome, Date.now() - started);
          } catch (err) {
            job.state = 'failed';
            job.outcome = { file: req.fileName, status: 'failed', error: toApiError(err).message };
          }
        },
      ),
    status: (id) => table.status(id),
    cancel: (id) => table.cancel(id),
    dispose: () => table.dispose(),
  };
}
