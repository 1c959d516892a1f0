// Match offsets point into the article's own text, whether taken from the indexed row or read from the text.
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
  it('marks the indexed row as the text itself only when normalization changed nothing', () => {
    const flag = (id: number) => db.prepare('SELECT body_is_text FROM article_fts WHERE rowid = ?').pluck().get(id);
    expect(flag(ids.plain!)).toBe(1);
    expect(flag(ids.changed!)).toBe(0);
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
