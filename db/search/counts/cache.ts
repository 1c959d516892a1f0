// A small per-connection cache for whole-result-set figures (total, facets), dropped whenever the data changes.
import type Database from 'better-sqlite3';
import { INDEX_SCHEMA, indexGeneration } from '../index/article-index-file.js';

/**
 * The data version: total_changes() moves with every write on this connection (never backwards, rollbacks
 * included, which only costs a needless recompute) and PRAGMA data_version moves with writes from other connections,
 * to the archive and (separately) to the attached search index, which its own writer fills after the archive commits.
 */
function readVersion(state: CacheState): string {
  const r = state.versionStmt.raw().get() as [number, number];
  // The index attached anew (replaced under this connection, or created after it opened): its data_version
  // starts over, so the generation is part of the version and the statement is prepared for the new file.
  const generation = indexGeneration(state.db);
  if (generation !== state.indexGeneration) {
    state.indexGeneration = generation;
    state.indexVersionStmt = generation > 0 ? state.db.prepare(`PRAGMA ${INDEX_SCHEMA}.data_version`).pluck() : null;
  }
  return `${r[0]}:${r[1]}:${generation}.${state.indexVersionStmt?.get() ?? ''}`;
}

const MAX_ENTRIES = 64;

interface CacheState {
  db: Database.Database;
  version: string;
  versionStmt: Database.Statement;
  /** PRAGMA search.data_version (its table-valued form reads the main file's version instead). */
  indexVersionStmt: Database.Statement | null;
  indexGeneration: number;
  entries: Map<string, unknown>;
}

const caches = new WeakMap<Database.Database, CacheState>();

function stateOf(db: Database.Database): CacheState {
  let state = caches.get(db);
  if (!state) {
    const versionStmt = db.prepare('SELECT total_changes(), (SELECT data_version FROM pragma_data_version)');
    state = { db, version: '', versionStmt, indexVersionStmt: null, indexGeneration: 0, entries: new Map() };
    caches.set(db, state);
  }
  return state;
}

/** A string that changes whenever any connection has written to the file since it was last read. */
export function dataVersion(db: Database.Database): string {
  return readVersion(stateOf(db));
}

/** Returns the cached value for `key` at the current data version, computing (and remembering) it when absent. */
export function cached<T>(db: Database.Database, key: string, compute: () => T): T {
  const state = stateOf(db);
  const version = readVersion(state);
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
