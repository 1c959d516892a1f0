// A small per-connection cache for whole-result-set figures (total, facets), dropped when what they count changes.
import type Database from 'better-sqlite3';
import { INDEX_SCHEMA, indexGeneration } from '../index/article-index-file.js';

/**
 * The data version search results depend on. The archive's `search_generation` counters (migration 004, kept by
 * triggers) move only with writes that change what search finds, shows or counts, whichever connection made them;
 * reading position, progress, color labels and the like leave them (and so the caches) alone. The reading-state
 * counter is separate, for the queries that filter on it. The index's PRAGMA data_version moves as its writer
 * catches up, and the attach generation when the index file was replaced. An archive without the counters (opened
 * below migration 004) falls back to total_changes() and data_version, which move with every write.
 */
interface Version {
  /** Everything but reading state. */
  base: string;
  /** base plus reading state: for queries with is: filters. */
  withState: string;
}

function readVersion(state: CacheState): Version {
  // The index attached anew (replaced under this connection, or created after it opened): its data_version
  // starts over, so the generation is part of the version and the statement is prepared for the new file.
  const generation = indexGeneration(state.db);
  if (generation !== state.indexGeneration) {
    state.indexGeneration = generation;
    state.indexVersionStmt = generation > 0 ? state.db.prepare(`PRAGMA ${INDEX_SCHEMA}.data_version`).pluck() : null;
  }
  const index = `${generation}.${state.indexVersionStmt?.get() ?? ''}`;
  const r = state.versionStmt.raw().get() as [number, number, number];
  const base = `${r[0]}:${r[1]}:${index}`;
  return { base, withState: `${base}:${r[2]}` };
}

const MAX_ENTRIES = 64;

interface CacheState {
  db: Database.Database;
  versionStmt: Database.Statement;
  /** PRAGMA search.data_version (its table-valued form reads the main file's version instead). */
  indexVersionStmt: Database.Statement | null;
  indexGeneration: number;
  /** Each value with the version it was computed at (a write leaves the entries it does not touch valid). */
  entries: Map<string, { version: string; value: unknown }>;
}

const caches = new WeakMap<Database.Database, CacheState>();

function stateOf(db: Database.Database): CacheState {
  let state = caches.get(db);
  if (!state) {
    const counted =
      db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'search_generation'").pluck().get() === 1;
    const versionStmt = counted
      ? db.prepare('SELECT content, annotations, state FROM search_generation WHERE id = 1')
      : db.prepare('SELECT total_changes(), (SELECT data_version FROM pragma_data_version), 0');
    state = { db, versionStmt, indexVersionStmt: null, indexGeneration: 0, entries: new Map() };
    caches.set(db, state);
  }
  return state;
}

/**
 * A string that changes whenever what search counts (other than reading state) may have changed: the in-memory
 * facet columns are rebuilt per this version.
 */
export function dataVersion(db: Database.Database): string {
  return readVersion(stateOf(db)).base;
}

/** Keys (compiled queries) that filter on reading state also depend on it. */
const READ_STATE = /\ba\.is_(read|favorite|archived)\b/;

/** Returns the cached value for `key` at the current data version, computing (and remembering) it when absent. */
export function cached<T>(db: Database.Database, key: string, compute: () => T): T {
  const state = stateOf(db);
  const v = readVersion(state);
  const version = READ_STATE.test(key) ? v.withState : v.base;
  const entry = state.entries.get(key);
  if (entry) {
    state.entries.delete(key); // re-inserted below: Map order doubles as least-recently-used order
    if (entry.version === version) {
      state.entries.set(key, entry);
      return entry.value as T;
    }
  }
  const value = compute();
  state.entries.set(key, { version, value });
  if (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value as string);
  return value;
}
