// Migration 5: counters that move only with writes that change what search shows, so its caches survive the rest.
import type { Migration } from './runner.js';

const bump = (column: string): string => `BEGIN UPDATE search_generation SET ${column} = ${column} + 1; END`;

export const migration005: Migration = {
  version: 5,
  name: 'search cache generations',
  sql: `
-- One row. content: what article search finds, shows or counts (article fields, trash, tags, collections; a new
-- capture moves current_capture_id). state: reading state, which only is: filters read. annotations: what
-- in:annotations, has:, color: and the color facet read. Reading position, progress, color labels, saved
-- searches and provenance events move none of them (db/search/counts/cache.ts).
CREATE TABLE search_generation (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  content     INTEGER NOT NULL,
  state       INTEGER NOT NULL,
  annotations INTEGER NOT NULL
) STRICT;
INSERT INTO search_generation (id, content, state, annotations) VALUES (1, 0, 0, 0);

CREATE TRIGGER search_gen_article_insert AFTER INSERT ON article ${bump('content')};
CREATE TRIGGER search_gen_article_delete AFTER DELETE ON article ${bump('content')};
CREATE TRIGGER search_gen_article_update AFTER UPDATE OF title, byline, site_name, source_url, canonical_url,
  published_at, language, excerpt, word_count, added_at, current_capture_id, trashed_at ON article ${bump('content')};
CREATE TRIGGER search_gen_article_state AFTER UPDATE OF is_read, is_favorite, is_archived ON article ${bump('state')};
CREATE TRIGGER search_gen_tag_insert AFTER INSERT ON article_tag ${bump('content')};
CREATE TRIGGER search_gen_tag_delete AFTER DELETE ON article_tag ${bump('content')};
CREATE TRIGGER search_gen_tag_rename AFTER UPDATE ON tag ${bump('content')};
CREATE TRIGGER search_gen_collection_insert AFTER INSERT ON article_collection ${bump('content')};
CREATE TRIGGER search_gen_collection_delete AFTER DELETE ON article_collection ${bump('content')};
CREATE TRIGGER search_gen_collection_rename AFTER UPDATE ON collection ${bump('content')};
CREATE TRIGGER search_gen_annotation_insert AFTER INSERT ON annotation ${bump('annotations')};
CREATE TRIGGER search_gen_annotation_delete AFTER DELETE ON annotation ${bump('annotations')};
CREATE TRIGGER search_gen_annotation_update AFTER UPDATE OF article_id, kind, color, note, quote_exact, anchor_state,
  anchor_start, anchor_end, created_at, deleted_at ON annotation ${bump('annotations')};
CREATE TRIGGER search_gen_annotation_tag_insert AFTER INSERT ON annotation_tag ${bump('annotations')};
CREATE TRIGGER search_gen_annotation_tag_delete AFTER DELETE ON annotation_tag ${bump('annotations')};
`,
};
