// Saved searches: a name for a query string, listed in the sidebar and the CLI.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { SavedSearch } from '../contract/types.js';
import { nowIso } from '../util.js';

interface Row {
  name: string;
  query: string;
  created_at: string;
}
const toSaved = (r: Row): SavedSearch => ({ name: r.name, query: r.query, createdAt: r.created_at });

export function listSavedSearches(db: Database.Database): SavedSearch[] {
  return (db.prepare('SELECT * FROM saved_search ORDER BY name COLLATE NOCASE').all() as Row[]).map(toSaved);
}

/** Saves (or replaces) a named query. */
export function saveSearch(db: Database.Database, name: string, query: string): SavedSearch {
  const cleanName = name.trim();
  if (!cleanName) throw new ArchiveError('INVALID_INPUT', 'A saved search needs a name.');
  if (!query.trim()) throw new ArchiveError('INVALID_INPUT', 'A saved search needs a query.');
  db.prepare(
    `INSERT INTO saved_search (name, query, created_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET query = excluded.query`,
  ).run(cleanName, query.trim(), nowIso());
  return toSaved(db.prepare('SELECT * FROM saved_search WHERE name = ?').get(cleanName) as Row);
}

export function deleteSavedSearch(db: Database.Database, name: string): number {
  return db.prepare('DELETE FROM saved_search WHERE name = ?').run(name.trim()).changes;
}
