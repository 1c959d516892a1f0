// Small shared helpers for db/: hashing, timestamps, the per-connection prepared-statement cache, write transactions.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function nowIso(): string {
  return new Date().toISOString();
}

// Prepared statements, one way: every statement run on an archive connection comes from a per-connection cache, so
// it is prepared once and then reused (better-sqlite3's fast path). A module's fixed statements are a named set
// (statementCache); SQL built per request (search, filtered lists, a patch's columns) is looked up by its text
// (cachedStatement). db.prepare directly only on short-lived connections (open, backup, restore, the index file's
// own writer) and for a long scan with iterate(), which must own its statement.

const MAX_STATEMENTS_BY_SQL = 300;
const statementsBySql = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement reused by its SQL text, per connection. Bounded, least recently used out, so unusual shapes
 * cannot grow it without limit. Handed out in its default mode (rows as objects): a caller wanting pluck() or raw()
 * says so each time, so no call site inherits another's mode.
 */
export function cachedStatement(db: Database.Database, sql: string): Database.Statement {
  let cache = statementsBySql.get(db);
  if (!cache) statementsBySql.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (stmt) {
    cache.delete(sql); // re-inserted below: Map order doubles as least-recently-used order
    if (stmt.reader) stmt.pluck(false).raw(false).expand(false);
  } else {
    stmt = db.prepare(sql);
    if (cache.size >= MAX_STATEMENTS_BY_SQL) cache.delete(cache.keys().next().value as string);
  }
  cache.set(sql, stmt);
  return stmt;
}

/** A module's fixed statements, prepared together once per connection (modes such as pluck() set here, once). */
export function statementCache<T>(prepare: (db: Database.Database) => T) {
  const cache = new WeakMap<Database.Database, T>();
  return (db: Database.Database): T => {
    let s = cache.get(db);
    if (!s) cache.set(db, (s = prepare(db)));
    return s;
  };
}

const lockStatements = statementCache((db) => db.prepare('UPDATE article SET id = id WHERE 0'));

/**
 * The one way db/ runs a write transaction on an archive connection: it takes the archive's write lock first, so
 * it waits (busy_timeout) for another process's write and no other writer can slip in between its reads and
 * writes. A transaction that read first and then wrote would instead fail at once with "database is locked":
 * SQLite does not wait while it holds a read snapshot the other writer may be about to make stale.
 * Not BEGIN IMMEDIATE: that would also lock every ATTACHed file, the search index among them, and stall the
 * index's own writer for as long as this transaction lasts; a write statement that changes nothing locks only the
 * file it names. Nested calls become savepoints, as with db.transaction.
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(() => {
    lockStatements(db).run();
    return fn();
  })();
}
