// A table of background jobs (imports, exports): ids, cancellation, copies for pollers, expiry of finished ones.
import { randomBytes } from 'node:crypto';
import { ArchiveError } from './contract/errors.js';

/** What every job kind reports: its id, whether it runs, and a progress object that is replaced as it goes. */
export interface JobShape {
  id: string;
  state: string;
  progress: object;
}

interface Entry<J> {
  job: J;
  controller: AbortController;
  done: Promise<void>;
  finishedAt: number | null;
}

export interface JobTableOptions<J> {
  /** "import", "export": said in the error for an unknown id. */
  noun: string;
  /** How long a finished job stays for the view that polls it, and how the error says it ("10 minutes"). */
  keepMs: number;
  keptFor: string;
  /** Called when a finished job is forgotten or the table is disposed (e.g. to remove its file). */
  onForget?: (job: J) => void;
}

export interface JobTable<J extends JobShape> {
  /**
   * Registers a job and starts `run`, which updates the job in place (progress, state, outcome) and settles
   * when it ends. The signal is aborted by `cancel` and `dispose`.
   */
  start(make: (id: string) => J, run: (job: J, signal: AbortSignal) => Promise<void>): J;
  status(id: string): J;
  cancel(id: string): J;
  /** The live job, when it is still known (no copy: for transports that read a finished job's results). */
  peek(id: string): J | undefined;
  /** Cancels what runs, waits for it to stop (what was committed stays) and forgets every job. */
  dispose(): Promise<void>;
}

export function createJobTable<J extends JobShape>(opts: JobTableOptions<J>): JobTable<J> {
  const entries = new Map<string, Entry<J>>();

  const expire = (): void => {
    const now = Date.now();
    for (const [id, e] of entries) {
      if (e.finishedAt !== null && now - e.finishedAt > opts.keepMs) {
        opts.onForget?.(e.job);
        entries.delete(id);
      }
    }
  };
  const get = (id: string): Entry<J> => {
    expire();
    const e = entries.get(id);
    if (!e) {
      throw new ArchiveError(
        'NOT_FOUND',
        `There is no ${opts.noun} ${id} (finished ones are kept for ${opts.keptFor}).`,
      );
    }
    return e;
  };
  // Pollers get a copy: the job object keeps changing under them as the run goes on.
  const snapshot = (e: Entry<J>): J => ({ ...e.job, progress: { ...e.job.progress } });

  return {
    start(make, run) {
      expire();
      const job = make(randomBytes(12).toString('hex'));
      const controller = new AbortController();
      const entry: Entry<J> = { job, controller, done: Promise.resolve(), finishedAt: null };
      // `run` records its own failures in the job; a throw that escapes it still ends the job, never an
      // unhandled rejection.
      entry.done = run(job, controller.signal)
        .catch(() => undefined)
        .finally(() => {
          entry.finishedAt = Date.now();
        });
      entries.set(job.id, entry);
      return snapshot(entry);
    },
    status: (id) => snapshot(get(id)),
    cancel(id) {
      const e = get(id);
      if (e.job.state === 'running') e.controller.abort();
      return snapshot(e);
    },
    peek: (id) => entries.get(id)?.job,
    async dispose() {
      for (const e of entries.values()) e.controller.abort();
      await Promise.all([...entries.values()].map((e) => e.done));
      for (const e of entries.values()) opts.onForget?.(e.job);
      entries.clear();
    },
  };
}
