// Migration 10: a capture's original bytes and its reader HTML may be stored compressed (db/codec/stored-forms.ts).
import type { Migration } from './runner.js';

export const migration010: Migration = {
  version: 10,
  name: 'compressed originals and reader HTML',
  sql: `
-- Columns only: every existing row keeps codec 0 (stored as it is) and reads as before. New captures are written
-- compressed; \`stacks compact\` compresses the older rows in batches (db/codec/compact.ts).
-- 0 = capture.original holds the bytes as received; 1 = it holds them deflated against content.text.
ALTER TABLE capture ADD COLUMN original_codec INTEGER NOT NULL DEFAULT 0;
-- 0 = the reader HTML is content.html; 1 = content.html is '' and content.html_packed holds it deflated against text.
ALTER TABLE content ADD COLUMN html_codec INTEGER NOT NULL DEFAULT 0;
ALTER TABLE content ADD COLUMN html_packed BLOB;
`,
};
