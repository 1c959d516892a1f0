// Small shared helpers for db/: hashing, timestamps, row-to-boolean mapping.
import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Statements cached per connection: prepare once, run many times (better-sqlite3's fast path). */
export function statementCache<T>(prepare: (db: import('better-sqlite3').Database) => T) {
  const cache = new WeakMap<import('better-sqlite3').Database, T>();
  return (db: import('better-sqlite3').Database): T => {
    let s = cache.get(db);
    if (!s) cache.set(db, (s = prepare(db)));
    return s;
  };
}
