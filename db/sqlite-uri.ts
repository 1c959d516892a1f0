// SQLite URI file names, which an archive on read-only media needs (`immutable=1`: no lock, no -wal/-shm files).
import { isMainThread } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

// better-sqlite3 compiles URI file names off and turns them on from this variable, read once, when its native addon
// first loads in the process. Set on the main thread (a worker's process.env is a copy the addon never sees), before
// any connection opens: the CLI opens its archive there, the desktop app sets it before starting its archive threads.
if (isMainThread) process.env.SQLITE_USE_URI ??= '1';

/**
 * The name to give SQLite for a file that nobody can change while it is open (read-only media, folder or file):
 * `immutable=1` reads it without locks or a shared-memory file, which a read-only folder could not hold.
 */
export function immutableName(file: string): string {
  return `${pathToFileURL(file).href}?immutable=1`;
}
