// Migration 7: provenance events may say 'edited' (metadata corrected, old -> new) and 'purged' (deleted permanently).
import type { Migration } from './runner.js';

export const migration007: Migration = {
  version: 7,
  name: 'edited and purged provenance events',
  sql: `
-- SQLite cannot change a CHECK constraint in place: the table is copied into one with the longer list.
CREATE TABLE event_new (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER,
  capture_id INTEGER,
  kind       TEXT NOT NULL CHECK (kind IN ('imported','captured','re-captured','verified','failed-verify','deleted','restored','re-extracted','edited','purged')),
  at         TEXT NOT NULL,
  detail     TEXT
) STRICT;
INSERT INTO event_new (id, article_id, capture_id, kind, at, detail) SELECT id, article_id, capture_id, kind, at, detail FROM event;
DROP TABLE event;
ALTER TABLE event_new RENAME TO event;
CREATE INDEX event_article ON event(article_id);
`,
};
