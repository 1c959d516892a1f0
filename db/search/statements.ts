// Prepared statements reused by SQL text: search builds its SQL per query shape, and shapes repeat constantly.
import type Database from 'better-sqlite3';

const MAX_STATEMENTS = 200;
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
    if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value as string);
  }
  return stmt;
}
