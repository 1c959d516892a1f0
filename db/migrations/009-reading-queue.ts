// Migration 9: the reading queue ("Later", in the order the reader puts it), when a reading position was last
// saved ("Continue reading"), and indexes for listing the library by site and by author.
import type { Migration } from './runner.js';

export const migration009: Migration = {
  version: 9,
  name: 'reading queue and site/author orders',
  sql: `
-- One row per article in the Later queue; position is its place (0 first), rewritten when the reader reorders.
-- Trashing an article keeps its place (restoring brings it back); deleting it for good drops it.
CREATE TABLE later (
  article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  added_at   TEXT NOT NULL
) STRICT;
CREATE INDEX later_position ON later(position, article_id);
-- When the reading position was last saved: "Continue reading" lists unfinished articles newest first, from an
-- index keyed like the library's (trashed_at first), which the planner takes without statistics.
ALTER TABLE article ADD COLUMN position_at TEXT;
-- Positions saved before this version have no time: the added date stands in, so they are still listed.
UPDATE article SET position_at = added_at WHERE reading_position IS NOT NULL;
CREATE INDEX article_continue ON article(trashed_at, position_at, id) WHERE position_at IS NOT NULL AND is_read = 0;
-- The library by site and by author: articles without one come last (A to Z), and each order reads an index.
CREATE INDEX article_list_site ON article(trashed_at, (coalesce(site_name, '') = ''), site_name COLLATE NOCASE, id);
CREATE INDEX article_list_author ON article(trashed_at, (coalesce(byline, '') = ''), byline COLLATE NOCASE, id);
`,
};
