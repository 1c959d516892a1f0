// Migration 6: provenance events may say 're-extracted' (content derived again from the stored original).
import type { Migration } from './runner.js';

export const migration006: Migration = {
  version: 6,
  name: 're-extracted provenance events',
  sql: `
-- SQLite cannot change a CHECK constraint in place: the table is copied into one with the longer list.
CREATE TABLE event_new (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER,
  capture_id INTEGER,
  kind       TEXT NOT NULL CHECK (kind IN ('imported','captured','re-captured','verified','failed-verify','deleted','restored','re-extracted')),
  at         TEXT NOT NULL,
  detail     TEXT
) STRICT;
INSERT INTO event_new (id, article_id, capture_id, kind, at, detail) SELECT id, article_id, capture_id, kind, at, detail FROM event;
DROP TABLE event;
ALTER TABLE event_new RENAME TO event;
CREATE INDEX event_article ON event(article_id);
`,
};
