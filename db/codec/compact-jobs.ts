// Compaction the app starts in the background: one at a time, its progress row by row, cancellable between batches.
import type Database from 'better-sqlite3';
import { toApiError } from '../contract/errors.js';
import type { CompactJob } from '../contract/types.js';
import { createJobTable } from '../jobs.js';
import { compactArchive } from './compact.js';

export interface CompactJobs {
  /** Starts compacting, or hands back the compaction already running (there is only ever one). */
  start(): CompactJob;
  status(id: string): CompactJob;
  cancel(id: string): CompactJob;
  dispose(): Promise<void>;
}

export function createCompactJobs(db: Database.Database, file: string): CompactJobs {
  const table = createJobTable<CompactJob>({ noun: 'compaction', keepMs: 10 * 60 * 1000, keptFor: '10 minutes' });
  let running: string | null = null;
  return {
    start() {
      if (running && table.peek(running)?.state === 'running') return table.status(running);
      const started = table.start(
        (id) => ({
          id,
          state: 'running',
          progress: { phase: 'compress', done: 0, total: 0 },
          report: null,
          error: null,
        }),
        async (job, signal) => {
          try {
            job.report = await compactArchive(db, file, { signal, onProgress: (p) => (job.progress = p) });
            job.state = job.report.cancelled ? 'cancelled' : 'done';
          } catch (err) {
            job.state = 'failed';
            job.error = toApiError(err).message;
          }
        },
      );
      running = started.id;
      return started;
    },
    status: (id) => table.status(id),
    cancel: (id) => table.cancel(id),
    dispose: () => table.dispose(),
  };
}
