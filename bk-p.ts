import { bigBookmarks } from './tests/db/ingest/exports/fixtures.ts';
import { bookmarksHtml } from './db/ingest/exports/bookmarks.ts';
for (const n of [30000, 100000]) {
const text = bigBookmarks(n);
const t0 = Date.now();
const items = bookmarksHtml(text, { name: 'x', exportName: 'x', exportSha256: 'y' });
console.log(n, items.length, Date.now() - t0, 'ms');
}
