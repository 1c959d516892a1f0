// The one statement cache (db/util.ts): a statement is prepared once per connection and SQL text, and every call
// site gets it in the default mode, whatever mode the previous one asked for.
import { afterAll, describe, expect, it } from 'vitest';
import { cachedStatement } from '../../db/util.js';
import { openTempArchive } from '../helpers/archive.js';
import fs from 'node:fs';

describe('cachedStatement', () => {
  const archive = openTempArchive();
  afterAll(() => {
    archive.close();
    fs.rmSync(archive.dir, { recursive: true, force: true });
  });
  const sql = "SELECT value FROM archive_meta WHERE key = 'index_key'";

  it('reuses one prepared statement per connection and SQL text', () => {
    expect(cachedStatement(archive.db, sql)).toBe(cachedStatement(archive.db, sql));
  });

  it('hands a statement out in the default mode after another call site plucked or raw-read it', () => {
    const key = cachedStatement(archive.db, sql).pluck().get();
    expect(typeof key).toBe('string');
    expect(cachedStatement(archive.db, sql).get()).toEqual({ value: key });
    expect(cachedStatement(archive.db, sql).raw().get()).toEqual([key]);
    expect(cachedStatement(archive.db, sql).get()).toEqual({ value: key });
  });

  it('keeps the statements in use when many one-off shapes pass through', () => {
    const hot = cachedStatement(archive.db, sql);
    for (let i = 0; i < 1000; i++) {
      cachedStatement(archive.db, `SELECT ${i} AS n`).get();
      if (i % 100 === 0) expect(cachedStatement(archive.db, sql)).toBe(hot);
    }
    // A shape not used for a while was dropped and is prepared again.
    expect(cachedStatement(archive.db, 'SELECT 0 AS n').get()).toEqual({ n: 0 });
  });
});
