// One EXPLAIN QUERY PLAN helper for the tests that prove a query reads an index instead of scanning or sorting.
import type Database from 'better-sqlite3';

/** The plan's detail lines for `sql` with `params`, in order. */
export function queryPlan(db: Database.Database, sql: string, params: unknown[] = []): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}
