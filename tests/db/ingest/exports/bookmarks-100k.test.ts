// A 100,000-link bookmark file: every link imported once, folders as collections, a cancel mid-way resumed by importing again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempArchive, writeFile, type TempArchive } from '../../../helpers/archive.js';
import { bigBookmarks } from './fixtures.js';
import { integrityCheck } from '../../../helpers/integrity.js';

const N = 100_000;

describe('a 100k-link bookmark file', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('imports every link once, cancelled part-way and resumed', { timeout: 600_000 }, async () => {
    const file = writeFile(t.dir, 'bookmarks.html', bigBookmarks(N));
    const cancel = new AbortController();
    let sawTotal = 0;
    const first = await t.api.importPaths(
      { paths: [file] },
      {
        signal: cancel.signal,
        onProgress: (p) => {
          sawTotal = Math.max(sawTotal, p.total);
          if (p.done >= 20_000) cancel.abort();
        },
      },
    );
    expect(sawTotal).toBe(N);
    expect(first.cancelled).toBe(true);
    expect(first.imported).toBeGreaterThanOrEqual(20_000);
    expect(first.imported).toBeLessThan(N);
    const db = t.api.archive.db;
    expect(db.prepare('SELECT count(*) FROM article').pluck().get()).toBe(first.imported);

    const second = await t.api.importPaths({ paths: [file] });
    expect(second.failed).toBe(0);
    expect(second.imported + second.duplicates).toBe(N);
    expect(second.imported).toBe(N - first.imported);
    expect(db.prepare('SELECT count(*) FROM article WHERE link_only = 1').pluck().get()).toBe(N);
    expect(db.prepare('SELECT count(DISTINCT url_key) FROM article').pluck().get()).toBe(N);
    const collections = t.api.listCollections({});
    expect(collections).toHaveLength(N / 1000);
    expect(collections.find((c) => c.name === 'Folder 7 / Sub 7')!.count).toBe(1000);
    expect(t.api.search({ query: '"Bookmark number 99999"' }).hits[0]!.title).toBe('Bookmark number 99999');
    expect(integrityCheck(db)).toBe('ok');
  });
});
