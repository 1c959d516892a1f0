// Retries a statement SQLite refuses with "database is locked" where its busy handler does not apply.
const SLEEP = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `fn`, retrying for up to `ms` while it fails with SQLITE_BUSY. Switching a file to WAL needs a moment alone
 * with it, and SQLite does not wait for that through busy_timeout: two processes opening a new archive together
 * made one fail with "database is locked". The wait is synchronous, like every other wait on SQLite here.
 */
export function retryWhileBusy<T>(fn: () => T, ms = 10_000): T {
  const until = Date.now() + ms;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return fn();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') || Date.now() >= until) throw err;
      Atomics.wait(SLEEP, 0, 0, pause);
    }
  }
}
