// Manners for bulk capture: at most N requests at once, and a pause between two requests to the same host.
import { FetchError } from './exchange.js';

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new FetchError('Cancelled.', 'cancelled'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export { sleep };

export class HostGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** When each host may be asked again (ms since the epoch). */
  private readonly nextAt = new Map<string, number>();

  constructor(
    private readonly concurrency: number,
    private readonly delayMs: number,
  ) {}

  /** Runs `fn` once a slot is free and the host's pause is over; the pause counts from this request's start. */
  async run<T>(host: string, fn: () => Promise<T>, signal?: AbortSignal, delay = true): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      if (delay) {
        // Reserve this host's next turn before waiting, so two callers never pick the same moment.
        const now = Date.now();
        const at = Math.max(now, this.nextAt.get(host) ?? 0);
        this.nextAt.set(host, at + this.delayMs);
        await sleep(at - now, signal);
      }
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
