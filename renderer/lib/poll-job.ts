// Follows a background job (an import, an export) by asking for its state until it stops running.

/** The part of a job every kind shares. */
export interface PolledJob {
  state: string;
}

export interface PollOptions<J> {
  /** Milliseconds before the nth question (0-based): a fixed pace, or soon at first and then slower. */
  delay: (attempt: number) => number;
  /** Each new state, as it arrives (to draw progress). */
  onUpdate?: (job: J) => void;
  /** Stops asking (the view was left); the job itself goes on. */
  signal?: AbortSignal;
}

/**
 * Asks `next` for the job's state until it is no longer running, and returns the last state. `next` may send
 * a cancel instead of a status question: the answer is a state like any other.
 */
export async function pollJob<J extends PolledJob>(job: J, next: () => Promise<J>, opts: PollOptions<J>): Promise<J> {
  for (let attempt = 0; job.state === 'running'; attempt++) {
    await new Promise((r) => setTimeout(r, opts.delay(attempt)));
    if (opts.signal?.aborted) break;
    job = await next();
    opts.onUpdate?.(job);
  }
  return job;
}
