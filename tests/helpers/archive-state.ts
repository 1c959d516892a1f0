// What a user would check of an archive or backup file after a crash or a copy: integrity, articles, half-stored ones.
import Database from 'better-sqlite3';

export interface ArchiveState {
  integrity: string;
  articles: number;
  /** Articles without a current capture or its content: an import or copy left one half-stored. */
  halves: number;
  journal: string;
}

/** Opens the file read-only and reports its state. */
export function inspectArchiveFile(file: string): ArchiveState {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      articles: db.prepare('SELECT count(*) FROM article').pluck().get() as number,
      halves: db
        .prepare(
          `SELECT count(*) FROM article a WHERE a.current_capture_id IS NULL
           OR NOT EXISTS (SELECT 1 FROM content c WHERE c.capture_id = a.current_capture_id)`,
        )
        .pluck()
        .get() as number,
      journal: db.pragma('journal_mode', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}
