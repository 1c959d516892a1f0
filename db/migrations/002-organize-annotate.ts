// Migration 2: reading state, tags, collections, saved searches, highlight colors, annotations with history.
import type { Migration } from './runner.js';

export const migration002: Migration = {
  version: 2,
  name: 'organization and annotations',
  sql: `
ALTER TABLE article ADD COLUMN is_read INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article ADD COLUMN is_favorite INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article ADD COLUMN is_archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article ADD COLUMN progress REAL NOT NULL DEFAULT 0;
ALTER TABLE article ADD COLUMN reading_position TEXT; -- JSON ReadingPosition
ALTER TABLE article ADD COLUMN trashed_at TEXT;
-- The library lists live articles in three orders; each has an index that also yields the order (no sort of
-- 100k rows per page) and serves the trash filter.
CREATE INDEX article_list_added ON article(trashed_at, added_at, id);
CREATE INDEX article_list_date ON article(trashed_at, coalesce(published_at, added_at), id);
CREATE INDEX article_list_title ON article(trashed_at, title COLLATE NOCASE, id);
-- Search totals and facets (site, year) read these few columns for every hit; a narrow covering index keyed by
-- id keeps the ~30k lookups of a common word inside a few MB instead of the full article rows (db/search/counts/facets.ts).
CREATE INDEX article_facet ON article(id, trashed_at, site_name, published_at, added_at);

CREATE TABLE tag (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE article_tag (
  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_tag_tag ON article_tag(tag_id, article_id);

CREATE TABLE collection (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE article_collection (
  article_id    INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
  collection_id INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
  added_at      TEXT NOT NULL,
  PRIMARY KEY (article_id, collection_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_collection_collection ON article_collection(collection_id, article_id);

CREATE TABLE saved_search (
  name       TEXT PRIMARY KEY COLLATE NOCASE,
  query      TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Named colors with meaning (yellow = "Key claim"); users relabel them.
CREATE TABLE color (
  name     TEXT PRIMARY KEY,
  label    TEXT NOT NULL,
  hex      TEXT NOT NULL,
  position INTEGER NOT NULL
) STRICT;
INSERT INTO color (name, label, hex, position) VALUES
  ('yellow', 'Key claim',  '#f5d34f', 1),
  ('green',  'Evidence',   '#8fd694', 2),
  ('blue',   'Definition', '#8ec5ff', 3),
  ('pink',   'Question',   '#f5a3c7', 4),
  ('purple', 'Follow up',  '#c3a6f5', 5);

-- W3C Web Annotation anchoring: a TextPositionSelector (pos_*) and a TextQuoteSelector (quote_*), both
-- relative to the capture the annotation was made on; anchor_* caches the placement on the current capture.
CREATE TABLE annotation (
  id             INTEGER PRIMARY KEY,
  article_id     INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('highlight','note','article-note')),
  capture_sha256 TEXT NOT NULL,
  color          TEXT,
  note           TEXT NOT NULL DEFAULT '',
  pos_start      INTEGER,
  pos_end        INTEGER,
  quote_exact    TEXT,
  quote_prefix   TEXT,
  quote_suffix   TEXT,
  anchor_state   TEXT NOT NULL CHECK (anchor_state IN ('exact','fuzzy','orphan','none')),
  anchor_sha256  TEXT,
  anchor_start   INTEGER,
  anchor_end     INTEGER,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  deleted_at     TEXT
) STRICT;
CREATE INDEX annotation_article ON annotation(article_id, deleted_at);
CREATE INDEX annotation_color ON annotation(color);
CREATE INDEX annotation_created ON annotation(created_at);
-- Orphans are few: a partial index lists them (and counts them for stats) without scanning every annotation.
CREATE INDEX annotation_orphan ON annotation(created_at) WHERE anchor_state = 'orphan';

CREATE TABLE annotation_tag (
  annotation_id INTEGER NOT NULL REFERENCES annotation(id) ON DELETE CASCADE,
  tag_id        INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
  PRIMARY KEY (annotation_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX annotation_tag_tag ON annotation_tag(tag_id, annotation_id);

-- Every change to an annotation, as a full snapshot: deleted ones can be restored, history can be shown.
CREATE TABLE annotation_revision (
  id            INTEGER PRIMARY KEY,
  annotation_id INTEGER NOT NULL,
  action        TEXT NOT NULL CHECK (action IN ('create','edit','delete','restore','reanchor')),
  at            TEXT NOT NULL,
  snapshot      TEXT NOT NULL
) STRICT;
CREATE INDEX annotation_revision_annotation ON annotation_revision(annotation_id);

-- rowid = annotation.id: quote, note and tag names of live annotations.
CREATE VIRTUAL TABLE annotation_fts USING fts5(
  quote, note, tags,
  tokenize = 'unicode61 remove_diacritics 2'
);
`,
};
