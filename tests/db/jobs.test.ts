// The job table shared by background imports and exports: copies for pollers, cancel, expiry, disposal.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJobTable, type JobShape } from '../../db/jobs.js';

interface CountJob extends JobShape {
  state: 'running' | 'done' | 'cancelled';
  progress: { done: number };
}

const counting = (steps: number) => async (job: CountJob, signal: AbortSignal) => {
  for (let i = 0; i < steps; i++) {
    if (signal.aborted) return void (job.state = 'cancelled');
    job.progress = { done: i + 1 };
    await new Promise((r) => setTimeout(r, 5));
  }
  job.state = 'done';
};

describe('job table', () => {
  afterEach(() => vi.useRealTimers());

  it('hands pollers a copy, stops a job on cancel and keeps a finished one until it expires', async () => {
    const forgotten: string[] = [];
    const table = createJobTable<CountJob>({
      noun: 'count',
      keepMs: 1000,
      keptFor: 'a second',
      onForget: (j) => forgotten.push(j.id),
    });
    const make = (id: string): CountJob => ({ id, state: 'running', progress: { done: 0 } });
    const first = table.start(make, counting(3));
    expect(first.id).toMatch(/^[0-9a-f]{24}$/);
    const seen = table.status(first.id);
    await expect.poll(() => table.status(first.id).state).toBe('done');
    // The copy handed out earlier did not change under its reader.
    expect(seen.progress.done).toBeLessThan(3);
    expect(table.status(first.id).progress.done).toBe(3);

    const long = table.start(make, counting(1000));
    await expect.poll(() => table.status(long.id).progress.done).toBeGreaterThan(0);
    table.cancel(long.id);
    await expect.poll(() => table.status(long.id).state).toBe('cancelled');

    const later = Date.now() + 5000;
    vi.useFakeTimers({ now: later, toFake: ['Date'] });
    expect(() => table.status(first.id)).toThrow(
      /There is no count [0-9a-f]{24} \(finished ones are kept for a second\)/,
    );
    expect(forgotten.sort()).toEqual([first.id, long.id].sort());
    await table.dispose();
  });

  it('a run that throws still ends, and dispose cancels what runs and forgets it', async () => {
    const forgotten: string[] = [];
    const table = createJobTable<CountJob>({
      noun: 'x',
      keepMs: 60_000,
      keptFor: 'a minute',
      onForget: (j) => forgotten.push(j.id),
    });
    const make = (id: string): CountJob => ({ id, state: 'running', progress: { done: 0 } });
    const broken = table.start(make, () => Promise.reject(new Error('boom')));
    const running = table.start(make, counting(10_000));
    await table.dispose();
    expect(forgotten.sort()).toEqual([broken.id, running.id].sort());
    expect(() => table.status(running.id)).toThrow(/There is no x/);
  });
});
