// Saved searches: a name for a query string, listed in the sidebar and the CLI.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { SavedSearch } from '../contract/types.js';
import type { ApiInput } from '../contract/api.js';
import { nowIso, statementCache } from '../util.js';

interface Row {
  name: string;
  query: string;
  created_at: string;
}
const toSaved = (r: Row): SavedSearch => ({ name: r.name, query: r.query, createdAt: r.created_at });

// Prepared once per connection, like every repo's statements.
const stmts = statementCache((db) => ({
  list: db.prepare('SELECT * FROM saved_search ORDER BY name COLLATE NOCASE'),
  upsert: db.prepare(
    `INSERT INTO saved_search (name, query, created_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET query = excluded.query`,
  ),
  byName: db.prepare('SELECT * FROM saved_search WHERE name = ?'),
  remove: db.prepare('DELETE FROM saved_search WHERE name = ?'),
}));

export function listSavedSearches(db: Database.Database): SavedSearch[] {
  return (stmts(db).list.all() as Row[]).map(toSaved);
}

/** Saves (or replaces) a named query. */
export function saveSearch(db: Database.Database, { name, query }: ApiInput<'saveSearch'>): SavedSearch {
  const cleanName = name.trim();
  if (!cleanName) throw new ArchiveError('INVALID_INPUT', 'A saved search needs a name.');
  if (!query.trim()) throw new ArchiveError('INVALID_INPUT', 'A saved search needs a query.');
  stmts(db).upsert.run(cleanName, query.trim(), nowIso());
  return toSaved(stmts(db).byName.get(cleanName) as Row);
}

export function deleteSavedSearch(db: Database.Database, { name }: ApiInput<'deleteSavedSearch'>): number {
  return stmts(db).remove.run(name.trim()).changes;
}
