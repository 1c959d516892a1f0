// Migration 11: articles whose search index rows must be written again without a new capture, queued in the same commit.
import type { Migration } from './runner.js';

export const migration011: Migration = {
  version: 11,
  name: 'search index requeue',
  sql: `
-- The search index (a separate file) follows captures by id; a corrected title, author or site, or a deleted article,
-- makes no capture. Triggers queue those articles here in the same transaction as the change, and the index writer
-- works through the queue by seq (index_state.requeued_through in the index file), so a crash between the archive's
-- commit and the index's no longer leaves an old title or a deleted article's rows in the index.
CREATE TABLE index_requeue (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id INTEGER NOT NULL
) STRICT;
-- Only when the capture shown stays the same: a new capture reaches the index through the capture catch-up.
CREATE TRIGGER article_requeue_fields AFTER UPDATE OF title, byline, site_name ON article
  WHEN NEW.current_capture_id IS OLD.current_capture_id
   AND (NEW.title IS NOT OLD.title OR NEW.byline IS NOT OLD.byline OR NEW.site_name IS NOT OLD.site_name)
BEGIN
  INSERT INTO index_requeue (article_id) VALUES (NEW.id);
END;
CREATE TRIGGER article_requeue_delete AFTER DELETE ON article
BEGIN
  INSERT INTO index_requeue (article_id) VALUES (OLD.id);
END;
`,
};
