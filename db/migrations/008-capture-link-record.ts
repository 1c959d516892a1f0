// Migration 8: a capture says explicitly that it is an export's record of a link (not content), instead of being recognised by its shape.
import type { Migration } from './runner.js';

export const migration008: Migration = {
  version: 8,
  name: 'link record captures marked',
  sql: `
-- 1 for the capture an export import stores for a link-only article (its CSV row or bookmark element: no reader HTML,
-- its text the URL); 0 for every capture of content. Set when the capture is written, never changed afterwards.
ALTER TABLE capture ADD COLUMN link_record INTEGER NOT NULL DEFAULT 0 CHECK (link_record IN (0, 1));
-- Captures written before this column are recognised as they were until now: an export importer's capture
-- (importer version 1.0.0, importer named after the tool) with no reader HTML and the URL as its whole text.
UPDATE capture SET link_record = 1 WHERE importer_version = '1.0.0'
  AND importer IN ('pocket', 'instapaper', 'omnivore', 'wallabag', 'readwise-reader', 'readwise', 'bookmarks')
  AND id IN (SELECT ct.capture_id FROM content ct JOIN capture c ON c.id = ct.capture_id
             WHERE ct.html = '' AND ct.text = coalesce(c.source_url, ''));
`,
};
