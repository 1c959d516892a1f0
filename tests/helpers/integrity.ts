// PRAGMA integrity_check on a live archive connection, while the index thread may be writing the search index.
import type Database from 'better-sqlite3';

/**
 * `PRAGMA integrity_check` of every schema of `db` ('ok' or the problems, one a line), from one read snapshot that
 * FTS5 agrees with.
 *
 * Why not the bare pragma: FTS5 keeps each table's structure record (which segments exist) cached on the
 * connection. A query refreshes it when the file's data_version moved, but the integrity check (the vtab's
 * xIntegrity, SQLite 3.53) uses it as cached. So after a search on this connection, once another connection (the
 * index thread merging or catching up) commits, the bare pragma reads segments that are gone or misses new ones
 * and reports "fts5: corruption found reading blob ..." or "checksum mismatch" on a sound index. Here every FTS5
 * table is read first inside the same transaction, which refreshes its record to the snapshot the check then reads.
 */
export function integrityCheck(db: Database.Database): string {
  const schemas = (db.pragma('database_list') as { name: string }[]).map((d) => d.name).filter((n) => n !== 'temp');
  return db.transaction(() => {
    for (const schema of schemas) {
      const tables = db
        .prepare(`SELECT name FROM "${schema}".sqlite_schema WHERE type = 'table' AND sql LIKE '%USING fts5%'`)
        .pluck()
        .all() as string[];
      for (const name of tables) db.prepare(`SELECT rowid FROM "${schema}"."${name}" LIMIT 1`).get();
    }
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('\n');
  })();
}
