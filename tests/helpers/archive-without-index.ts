// Test archives whose search index file is gone (copied without it): many small articles written straight in SQL.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openArchive } from '../../db/open.js';
import { indexFileOf } from '../../db/search/index/article-index-file.js';

/** Creates `file` with `count` one-line articles ("Lighthouse log i") and no search index beside it. */
export function archiveWithoutIndex(file: string, count: number): string {
  openArchive(file).close();
  const db = new Database(file);
  const article = db.prepare("INSERT INTO article (title, added_at) VALUES (?, '2025-01-01T00:00:00Z')");
  const capture = db.prepare(
    `INSERT INTO capture (article_id, sha256, original, media_type, byte_size, captured_at, importer, importer_version)
     VALUES (?, ?, ?, 'text/plain', 1, '2025-01-01T00:00:00Z', 'test', '1')`,
  );
  const content = db.prepare("INSERT INTO content (capture_id, html, text, text_sha256) VALUES (?, '', ?, 'x')");
  const current = db.prepare('UPDATE article SET current_capture_id = ? WHERE id = ?');
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = Number(article.run(`Lighthouse log ${i}`).lastInsertRowid);
      const body = `The keeper trimmed the lamp wick, entry ${i}.`;
      const cap = Number(capture.run(id, `sha-${i}`, Buffer.from(body)).lastInsertRowid);
      content.run(cap, body);
      current.run(cap, id);
    }
  })();
  db.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(indexFileOf(file) + suffix, { force: true });
  return file;
}
