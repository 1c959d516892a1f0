// Migration 12: the timeline's month counts, kept by triggers, so the chart costs the same at 1M articles as at 1k.
import type { Migration } from './runner.js';

/** The three ways the timeline dates an article, as SQL over a row alias (NEW or OLD). */
const dates = (row: string): Array<[string, string]> => [
  ['added', `${row}.added_at`],
  ['published', `${row}.published_at`],
  ['date', `coalesce(${row}.published_at, ${row}.added_at)`],
];

/** Adds `delta` to the row's three months, when the row is live (and has the date). */
const bump = (row: string, delta: number): string =>
  dates(row)
    .map(
      ([by, date]) =>
        `INSERT INTO article_month (by, month, count) SELECT '${by}', substr(${date}, 1, 7), ${delta}
    WHERE ${row}.trashed_at IS NULL AND ${date} IS NOT NULL
    ON CONFLICT (by, month) DO UPDATE SET count = count + ${delta};`,
    )
    .join('\n  ');

const backfill = dates('a')
  .map(
    ([by, date]) =>
      `INSERT INTO article_month (by, month, count) SELECT '${by}', substr(${date}, 1, 7), count(*) FROM article a
  WHERE a.trashed_at IS NULL AND ${date} IS NOT NULL GROUP BY 2;`,
  )
  .join('\n');

export const migration012: Migration = {
  version: 12,
  name: 'timeline month counts',
  sql: `
-- Live (untrashed) articles per month, by date added, by date published (articles without one are not counted) and by
-- either (published, else added): what the timeline shows. Counting every article per chart took most of a second at
-- 50k articles; these rows are kept by the triggers below in the same transaction as each change.
CREATE TABLE article_month (
  by    TEXT NOT NULL CHECK (by IN ('added', 'published', 'date')),
  month TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (by, month)
) STRICT, WITHOUT ROWID;
${backfill}
CREATE TRIGGER article_month_insert AFTER INSERT ON article
BEGIN
  ${bump('NEW', 1)}
END;
CREATE TRIGGER article_month_delete AFTER DELETE ON article
BEGIN
  ${bump('OLD', -1)}
END;
CREATE TRIGGER article_month_update AFTER UPDATE OF added_at, published_at, trashed_at ON article
BEGIN
  ${bump('OLD', -1)}
  ${bump('NEW', 1)}
END;
`,
};
