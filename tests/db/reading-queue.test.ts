// The reading queue on a real archive: Later's manual order (add, move, remove, trash and restore, reopening the
// file), Continue reading (unfinished, most recently read first), and an archive from before the queue upgraded.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../db/contract/types.js';
import { createArchiveApi } from '../../db/api.js';
import { openArchive } from '../../db/open.js';
import { invokeApi } from '../../db/transport/dispatch.js';
import { queryPlan } from '../helpers/query-plan.js';
import { tempArchive, tempDir, type TempArchive } from '../helpers/archive.js';

async function addNotes(t: TempArchive, titles: string[]): Promise<ArticleId[]> {
  const ids: ArticleId[] = [];
  for (const title of titles) {
    const o = await t.api.importFile({
      fileName: `${title}.md`,
      dataBase64: Buffer.from(`---\ntitle: ${title}\n---\nThe text of ${title}, long enough to read.`).toString(
        'base64',
      ),
    });
    ids.push(o.id as ArticleId);
  }
  return ids;
}

const laterTitles = (t: TempArchive) => t.api.listLater({}).items.map((a) => a.title);

describe('Later', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('keeps the order articles were added in, and an article added twice keeps its first place', async () => {
    const [a, b, c] = await addNotes(t, ['Alder', 'Beech', 'Cedar']);
    expect(t.api.addToLater({ ids: [b!, a!] }).changed).toBe(2);
    expect(t.api.addToLater({ ids: [c!, b!] }).changed).toBe(1);
    expect(laterTitles(t)).toEqual(['Beech', 'Alder', 'Cedar']);
    expect(t.api.listLater({}).total).toBe(3);
    // the flag shows on every summary and in the reader's detail
    expect(t.api.getArticle({ id: a! }).inLater).toBe(true);
    expect(t.api.listArticles({}).items.filter((x) => x.inLater)).toHaveLength(3);
  });

  it('moves an article up, down, to the top and past the end; the order survives reopening the file', async () => {
    const ids = await addNotes(t, ['One', 'Two', 'Three', 'Four']);
    t.api.addToLater({ ids });
    t.api.moveInLater({ id: ids[3]!, to: 0 });
    expect(laterTitles(t)).toEqual(['Four', 'One', 'Two', 'Three']);
    t.api.moveInLater({ id: ids[0]!, to: 2 }); // down one place, as the keyboard does
    expect(laterTitles(t)).toEqual(['Four', 'Two', 'One', 'Three']);
    t.api.moveInLater({ id: ids[3]!, to: 99 });
    expect(laterTitles(t)).toEqual(['Two', 'One', 'Three', 'Four']);
    const file = t.api.archive.path;
    await t.api.dispose();
    t.api.archive.close();
    const again = createArchiveApi(openArchive(file));
    try {
      expect(again.listLater({}).items.map((a) => a.title)).toEqual(['Two', 'One', 'Three', 'Four']);
    } finally {
      await again.dispose();
      again.archive.close();
    }
    t = { ...t, close: async () => undefined };
  });

  it('hides a trashed article without losing its place, removes, and refuses to move what is not queued', async () => {
    const ids = await addNotes(t, ['North', 'East', 'South']);
    t.api.addToLater({ ids });
    t.api.trashArticles({ ids: [ids[1]!] });
    expect(laterTitles(t)).toEqual(['North', 'South']);
    expect(t.api.listLater({}).total).toBe(2);
    t.api.moveInLater({ id: ids[2]!, to: 0 });
    expect(laterTitles(t)).toEqual(['South', 'North']);
    t.api.restoreArticles({ ids: [ids[1]!] });
    expect(laterTitles(t)).toEqual(['South', 'North', 'East']);
    expect(t.api.removeFromLater({ ids: [ids[0]!] }).changed).toBe(1);
    expect(laterTitles(t)).toEqual(['South', 'East']);
    expect(t.api.getArticle({ id: ids[0]! }).inLater).toBeUndefined();
    expect(() => t.api.moveInLater({ id: ids[0]!, to: 0 })).toThrow(/not in Later/);
    expect(() => t.api.addToLater({ ids: [9999 as ArticleId] })).toThrow(/No article with id 9999/);
    // through the validating dispatcher, as every transport calls it
    await expect(invokeApi(t.api, 'moveInLater', { id: ids[1]!, to: -1 } as never)).rejects.toThrow();
  });

  it('pages through the queue in order', async () => {
    const ids = await addNotes(
      t,
      Array.from({ length: 7 }, (_, i) => `Item ${i}`),
    );
    t.api.addToLater({ ids: [...ids].reverse() });
    const first = t.api.listLater({ offset: 0, limit: 3 });
    const rest = t.api.listLater({ offset: 3, limit: 10 });
    expect(first.total).toBe(7);
    expect([...first.items, ...rest.items].map((a) => a.title)).toEqual(
      Array.from({ length: 7 }, (_, i) => `Item ${6 - i}`),
    );
  });
});

describe('Continue reading', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('lists unfinished articles with a saved position, the most recently read first', async () => {
    const [a, b, c, d] = await addNotes(t, ['Atlas', 'Bay', 'Cove', 'Dune']);
    expect(t.api.listContinueReading({}).total).toBe(0);
    const at = (id: ArticleId, percent: number) =>
      t.api.setReadingPosition({ id, position: { percent, offset: 4, quote: 'text' } });
    at(a!, 0.3);
    await new Promise((r) => setTimeout(r, 5));
    at(b!, 0.5);
    await new Promise((r) => setTimeout(r, 5));
    at(c!, 0.99); // read to the end: finished
    at(d!, 0.2);
    t.api.markArticles({ ids: [d!], isRead: true }); // marked read by hand: finished too
    expect(t.api.listContinueReading({}).items.map((x) => x.title)).toEqual(['Bay', 'Atlas']);
    await new Promise((r) => setTimeout(r, 5));
    at(a!, 0.4); // read again: back to the top
    const list = t.api.listContinueReading({});
    expect(list.items.map((x) => x.title)).toEqual(['Atlas', 'Bay']);
    expect(list.items[0]!.progress).toBeCloseTo(0.4);
    expect(list.items[0]!.lastReadAt! > list.items[1]!.lastReadAt!).toBe(true);
    t.api.trashArticles({ ids: [a!] });
    expect(t.api.listContinueReading({}).items.map((x) => x.title)).toEqual(['Bay']);
  });

  it('reads its index instead of scanning the articles', () => {
    const plan = queryPlan(
      t.api.archive.db,
      `SELECT a.id FROM article a WHERE a.position_at IS NOT NULL AND a.is_read = 0 AND a.trashed_at IS NULL
       AND a.progress < 0.97 ORDER BY a.position_at DESC, a.id DESC LIMIT 50`,
    ).join(' | ');
    expect(plan).toMatch(/USING INDEX article_continue/);
  });
});

describe('an archive from before the queue', () => {
  it('is upgraded with its saved positions listed under Continue reading', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openArchive(file, { targetVersion: 8 });
    old.db
      .prepare(
        `INSERT INTO article (title, added_at, reading_position, progress) VALUES
         ('Half read', '2024-03-01T10:00:00Z', '{"percent":0.5,"offset":0,"quote":""}', 0.5),
         ('Never opened', '2024-03-02T10:00:00Z', NULL, 0)`,
      )
      .run();
    old.close();
    const api = createArchiveApi(openArchive(file));
    try {
      const list = api.listContinueReading({});
      expect(list.items.map((a) => a.title)).toEqual(['Half read']);
      expect(list.items[0]!.lastReadAt).toBe('2024-03-01T10:00:00Z');
      expect(api.listLater({}).total).toBe(0);
    } finally {
      void api.dispose();
      api.archive.close();
    }
  });
});
