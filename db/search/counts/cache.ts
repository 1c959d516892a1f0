// A small per-connection cache for whole-result-set figures (total, facets), dropped whenever the data changes.
import type Database from 'better-sqlite3';
import { cachedStatement } from '../../util.js';
import { INDEX_SCHEMA } from '../index/article-index-file.js';

/**
 * The data version: total_changes() moves with every write on this connection (never backwards, rollbacks
 * included, which only costs a needless recompute) and PRAGMA data_version moves with writes from other connections,
 * to the archive and (separately) to the attached search index, which its own writer fills after the archive commits.
 */
function readVersion(db: Database.Database, state: CacheState): string {
  const r = cachedStatement(db, 'SELECT total_changes(), (SELECT data_version FROM pragma_data_version)')
    .raw()
    .get() as [number, number];
  const index = state.indexAttached ? cachedStatement(db, `PRAGMA ${INDEX_SCHEMA}.data_version`).pluck().get() : '';
  return `${r[0]}:${r[1]}:${index}`;
}

const MAX_ENTRIES = 64;

interface CacheState {
  version: string;
  /** Whether to read PRAGMA search.data_version (its table-valued form reads the main file's version instead). */
  indexAttached: boolean;
  entries: Map<string, unknown>;
}

const caches = new WeakMap<Database.Database, CacheState>();

function stateOf(db: Database.Database): CacheState {
  let state = caches.get(db);
  if (!state) {
    const indexAttached =
      cachedStatement(db, 'SELECT count(*) FROM pragma_database_list WHERE name = ?').pluck().get(INDEX_SCHEMA) === 1;
    state = { version: '', indexAttached, entries: new Map() };
    caches.set(db, state);
  }
  return state;
}

/** A string that changes whenever any connection has written to the file since it was last read. */
export function dataVersion(db: Database.Database): string {
  return readVersion(db, stateOf(db));
}

/** Returns the cached value for `key` at the current data version, computing (and remembering) it when absent. */
export function cached<T>(db: Database.Database, key: string, compute: () => T): T {
  const state = stateOf(db);
  const version = readVersion(db, state);
  if (version !== state.version) {
    state.entries.clear();
    state.version = version;
  }
  if (state.entries.has(key)) {
    const value = state.entries.get(key) as T;
    state.entries.delete(key); // re-insert: Map order doubles as least-recently-used order
    state.entries.set(key, value);
    return value;
  }
  const value = compute();
  state.entries.set(key, value);
  if (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value as string);
  return value;
}
