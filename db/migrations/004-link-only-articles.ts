// Migration 4: link-only articles (imported from a read-it-later or bookmark export, not captured yet) and the normalized URL that identifies an item across imports.
import type { Migration } from './runner.js';

export const migration004: Migration = {
  version: 4,
  name: 'link-only articles',
  sql: `
-- 1 while the article's current capture is only the export's record of a link (a CSV row, a bookmark): the
-- reader shows "not captured yet". A real capture of the same URL becomes current and sets it back to 0.
ALTER TABLE article ADD COLUMN link_only INTEGER NOT NULL DEFAULT 0;
-- The normalized URL (see db/ingest/exports/url-key.ts) an export import identifies the article by; for an item
-- without a URL (a book in a highlights export), the tool's own key. Set by export imports only.
ALTER TABLE article ADD COLUMN url_key TEXT;
CREATE INDEX article_url_key ON article(url_key) WHERE url_key IS NOT NULL;
-- Exports name items by the URL they were saved from: matched against articles captured from it.
CREATE INDEX article_source_url ON article(source_url) WHERE source_url IS NOT NULL;
CREATE INDEX article_link_only ON article(added_at) WHERE link_only = 1;
`,
};
