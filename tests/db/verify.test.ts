// Fixity: verify recomputes every hash, catches a flipped byte in a stored original, and logs the result.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_CLIPPING, tempArchive, writeFile, type TempArchive } from '../helpers/archive.js';

describe('verify', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('passes on an intact archive and catches one flipped byte', async () => {
    const other = writeFile(t.dir, 'other.txt', 'Second note\n\nThe lighthouse keeper logged three ships.');
    await t.api.importPaths({ paths: [SAMPLE_CLIPPING, other] });
    expect(t.api.verify({})).toMatchObject({ checked: 2, ok: 2, mismatches: [] });

    const db = t.api.archive.db;
    const row = db.prepare('SELECT id, article_id, sha256, original FROM capture ORDER BY id LIMIT 1').get() as {
      id: number;
      article_id: number;
      sha256: string;
      original: Buffer;
    };
    const flipped = Buffer.from(row.original);
    const at = Math.min(100, flipped.length - 1);
    flipped[at] = flipped[at]! ^ 0x01;
    db.prepare('UPDATE capture SET original = ? WHERE id = ?').run(flipped, row.id);

    const report = t.api.verify({});
    expect(report.checked).toBe(2);
    expect(report.ok).toBe(1);
    expect(report.mismatches).toHaveLength(1);
    expect(report.mismatches[0]).toMatchObject({ kind: 'capture', sha256: row.sha256, articleId: row.article_id });
    expect(report.mismatches[0]!.actual).not.toBe(row.sha256);
    const events = t.api.getArticle({ id: row.article_id as never }).events.map((e) => e.kind);
    expect(events).toContain('failed-verify');
  });
});
