// Migration 13: the published-date index also holds what a timeline column's library list needs (live flag, date
// added, id), so counting a year by published date and finding its page read the index alone.
import type { Migration } from './runner.js';

export const migration013: Migration = {
  version: 13,
  name: 'published-date list index',
  sql: `
-- Counting a published year at a million articles read ~100k rows from the table for trashed_at (a few hundred ms);
-- this index answers the count and the page's ids by itself, and replaces the published_at index it starts with.
CREATE INDEX article_published_list ON article(published_at, trashed_at, added_at, id);
DROP INDEX article_published_at;
`,
};
