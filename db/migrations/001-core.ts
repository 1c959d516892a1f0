// Migration 1: articles, captures (original bytes), derived content, assets, provenance events, full-text index.
import type { Migration } from './runner.js';

export const migration001: Migration = {
  version: 1,
  name: 'core archive',
  sql: `
CREATE TABLE article (
  id              INTEGER PRIMARY KEY,
  title           TEXT NOT NULL,
  byline          TEXT,
  site_name       TEXT,
  source_url      TEXT,
  canonical_url   TEXT,
  published_at    TEXT,
  language        TEXT,
  excerpt         TEXT,
  word_count      INTEGER NOT NULL DEFAULT 0,
  added_at        TEXT NOT NULL,
  current_capture_id INTEGER
) STRICT;
CREATE UNIQUE INDEX article_canonical_url ON article(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX article_added_at ON article(added_at);
CREATE INDEX article_published_at ON article(published_at);
CREATE INDEX article_site_name ON article(site_name);

-- One import or fetch of an article: the bytes exactly as received, never rewritten.
CREATE TABLE capture (
  id               INTEGER PRIMARY KEY,
  article_id       INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
  sha256           TEXT NOT NULL UNIQUE,
  original         BLOB NOT NULL,
  media_type       TEXT NOT NULL,
  charset          TEXT,
  byte_size        INTEGER NOT NULL,
  captured_at      TEXT NOT NULL,
  importer         TEXT NOT NULL,
  importer_version TEXT NOT NULL,
  source_path      TEXT,
  source_url       TEXT
) STRICT;
CREATE INDEX capture_article ON capture(article_id);

-- What the reader shows and search indexes, derived from a capture (re-derivable, so not fixity-checked).
CREATE TABLE content (
  capture_id  INTEGER PRIMARY KEY REFERENCES capture(id) ON DELETE CASCADE,
  html        TEXT NOT NULL,
  text        TEXT NOT NULL,
  text_sha256 TEXT NOT NULL
) STRICT;

-- Images and other media, content-addressed.
CREATE TABLE asset (
  sha256     TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  byte_size  INTEGER NOT NULL,
  bytes      BLOB NOT NULL
) STRICT;

CREATE TABLE capture_asset (
  capture_id   INTEGER NOT NULL REFERENCES capture(id) ON DELETE CASCADE,
  asset_sha256 TEXT NOT NULL REFERENCES asset(sha256),
  original_ref TEXT NOT NULL,
  PRIMARY KEY (capture_id, asset_sha256)
) STRICT, WITHOUT ROWID;

-- Provenance log. No foreign keys on purpose: events outlive what they describe (e.g. 'deleted').
CREATE TABLE event (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER,
  capture_id INTEGER,
  kind       TEXT NOT NULL CHECK (kind IN ('imported','captured','re-captured','verified','failed-verify','deleted','restored')),
  at         TEXT NOT NULL,
  detail     TEXT
) STRICT;
CREATE INDEX event_article ON event(article_id);

-- rowid = article.id. Columns hold normalized text (see db/search/normalize.ts), weighted in bm25().
-- body_is_text = 1 when the normalized body equals the article's plain text character for character, so a
-- search hit's offset can be found in the row snippet() already loaded instead of reading the text again.
CREATE VIRTUAL TABLE article_fts USING fts5(
  title, byline, site, body, body_is_text UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3'
);
-- A prefix index for 3-character prefixes only: search-as-you-type sends them constantly, and without it FTS5
-- merges the doclists of every word sharing the prefix (~600 for "pro*"). It costs about a third of the FTS5
-- insert rate; '3 5' halved it for little more (5-letter prefixes are fast without help).
-- FTS5's built-in rank = bm25 with these column weights (title > byline > site > body). Stored in the table's
-- config, so ORDER BY rank sorts inside FTS5 and search never passes the weights per query.
INSERT INTO article_fts (article_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 1.0)');
-- Search lists by date use "published, else added"; this index serves that order without sorting every row.
CREATE INDEX article_date ON article(coalesce(published_at, added_at));
`,
};
