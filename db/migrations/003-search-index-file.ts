// Migration 3: the article search index moves to its own file (db/search/index/article-index-file.ts), tied to this archive by a key.
import type { Migration } from './runner.js';

export const migration003: Migration = {
  version: 3,
  name: 'search index in its own file',
  sql: `
-- The index is rebuilt from the archive into the new file at the next open.
DROP TABLE article_fts;
CREATE TABLE archive_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
-- An index file copied beside another archive does not match this key and is rebuilt, never trusted.
INSERT INTO archive_meta (key, value) VALUES ('index_key', lower(hex(randomblob(16))));
`,
};
