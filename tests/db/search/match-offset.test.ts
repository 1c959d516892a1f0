// Match offsets point into the article's own text, which snippets are cut from (the index keeps no copy of it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchArchive } from '../../../db/search/run.js';
import { addArticle, tempArchive } from './fixture.js';

const archive = tempArchive();
const db = archive.db;
const texts: Record<string, string> = {
  plain: 'Harbor notes. The lighthouse keeper counted ships until the lighthouse went dark at dawn.',
  // NFKC turns the ellipsis into three dots and the ligature into two letters: the indexed body is longer.
  changed: 'Wait\u2026 the \uFB01sher said\u2026 then the lighthouse keeper waved twice from the rocks.',
};
const ids: Record<string, number> = {};

beforeAll(() => {
  ids.plain = addArticle(db, { title: 'Plain', body: texts.plain! });
  ids.changed = addArticle(db, { title: 'Changed', body: texts.changed! });
});
afterAll(() => archive.close());

describe('match offsets', () => {
  it('keeps no text in the index: the row is found, its columns read back empty', () => {
    const body = (id: number) => db.prepare('SELECT body FROM article_fts WHERE rowid = ?').pluck().get(id);
    expect(db.prepare("SELECT rowid FROM article_fts WHERE article_fts MATCH 'keeper'").pluck().all()).toHaveLength(2);
    expect(body(ids.plain!)).toBeNull();
    expect(body(ids.changed!)).toBeNull();
  });

  it('shows the passage as written, even where the index read it normalized (ligature, ellipsis)', () => {
    const hit = searchArchive(db, { query: 'fisher' }).hits[0]!;
    expect(hit.id).toBe(ids.changed);
    expect(hit.snippet).toBe(
      'Wait\u2026 the \u27E6\uFB01sher\u27E7 said\u2026 then the lighthouse keeper waved twice from the rocks.',
    );
    expect(hit.matchOffset).toBe(texts.changed!.indexOf('\uFB01sher'));
  });

  it('points at the shown occurrence in the original text in both cases', () => {
    const hits = searchArchive(db, { query: 'keeper' }).hits;
    expect(hits).toHaveLength(2);
    for (const h of hits) {
      const text = h.id === ids.plain ? texts.plain! : texts.changed!;
      expect(text.slice(h.matchOffset!, h.matchOffset! + 'keeper'.length)).toBe('keeper');
    }
    const dark = searchArchive(db, { query: '"went dark"' }).hits[0]!;
    expect(dark.matchOffset).toBe(texts.plain!.indexOf('went dark'));
  });
});
