// One file that cannot be stored fails alone with its own reason; the rest of its batch lands, and limits are fitted at extraction.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImporter } from '../../../db/ingest/importer.js';
import { tempArchive, writeFile, type TempArchive } from '../../helpers/archive.js';

const body = (i: number) =>
  `Field note ${i}. The marsh recorder noted curlews, godwits and a lone osprey over the estuary at dawn.\n`;

describe('one bad file in a batch', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('imports every good file of a batch mixing bad and good ones, each bad one with its own reason', async () => {
    const dir = path.join(t.dir, 'mixed');
    for (let i = 0; i < 40; i++) writeFile(dir, `good-${String(i).padStart(2, '0')}.md`, `# Good ${i}\n\n${body(i)}`);
    const longTag = 'x'.repeat(300);
    writeFile(dir, 'long-tag.md', `---\ntitle: Long tag\ntags: [${longTag}, marsh]\n---\n\n${body(100)}`);
    const manyTags = Array.from({ length: 150 }, (_, i) => `t${i}`).join(', ');
    writeFile(dir, 'many-tags.md', `---\ntitle: Many tags\ntags: [${manyTags}]\n---\n\n${body(101)}`);
    writeFile(dir, 'long-title.md', `---\ntitle: ${'Estuary '.repeat(400)}\n---\n\n${body(102)}`);
    writeFile(dir, 'empty.txt', '');
    writeFile(dir, 'binary.txt', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
    writeFile(dir, 'only-space.txt', '   \n\n  ');

    const report = await t.api.importPaths({ paths: [dir] });
    const byName = new Map(report.outcomes.map((o) => [path.basename(o.file), o]));
    expect(report.imported).toBe(43);
    expect(report.failed).toBe(3);
    expect(byName.get('empty.txt')!.error).toMatch(/empty/);
    expect(byName.get('binary.txt')!.error).toMatch(/executable program/);
    expect(byName.get('only-space.txt')!.error).toMatch(/no text/);

    const long = byName.get('long-tag.md')!;
    expect(long.status).toBe('imported');
    expect(long.notes).toEqual(['1 tag(s) longer than 200 characters were shortened.']);
    expect(t.api.getArticle({ id: long.id! }).tags).toEqual(expect.arrayContaining(['x'.repeat(200), 'marsh']));
    expect(byName.get('many-tags.md')!.notes).toEqual(['The file names 150 tags; the first 100 were kept.']);
    expect(t.api.getArticle({ id: byName.get('many-tags.md')!.id! }).tags).toHaveLength(100);
    const title = t.api.getArticle({ id: byName.get('long-title.md')!.id! }).title;
    expect(title.length).toBeLessThanOrEqual(1000);
    expect(byName.get('long-title.md')!.notes![0]).toMatch(/title was \d+ characters long and was shortened to 1000/);
    // Every good file is there and searchable.
    expect(t.api.search({ query: 'osprey' }).total).toBe(43);
  });

  it('rolls back only the file whose storing fails, inside one batch', async () => {
    const dir = path.join(t.dir, 'store');
    for (let i = 0; i < 10; i++)
      writeFile(dir, `n${i}.md`, `---\nurl: https://example.org/${i}\n---\n# Note ${i}\n\n${body(i)}`);
    await t.api.importPaths({ paths: [dir] });
    // New versions of notes 3 and 7 whose re-anchoring step throws: those two fail, the other eight versions land.
    const again = path.join(t.dir, 'again');
    for (let i = 0; i < 10; i++)
      writeFile(again, `n${i}.md`, `---\nurl: https://example.org/${i}\n---\n# Note ${i} revised\n\n${body(i)}`);
    const importer = createImporter(t.api.archive.db, {
      workers: 0,
      onRecapture: (db, id) => {
        const title = db.prepare('SELECT title FROM article WHERE id = ?').pluck().get(id) as string;
        db.prepare('UPDATE article SET title = ? WHERE id = ?').run(`${title} (touched)`, id);
        if (/Note [37] /.test(title)) throw new Error(`re-anchoring ${title} failed`);
      },
    });
    const report = await importer.importPaths([again]);
    await importer.close();
    expect(report.imported).toBe(8);
    expect(report.failed).toBe(2);
    const failed = report.outcomes.filter((o) => o.status === 'failed').map((o) => path.basename(o.file));
    expect(failed).toEqual(['n3.md', 'n7.md']);
    for (const o of report.outcomes.filter((x) => x.status === 'failed'))
      expect(o.error).toMatch(/^Could not be stored/);
    const titles = t.api.archive.db.prepare('SELECT title FROM article ORDER BY id').pluck().all() as string[];
    // The failed files left nothing behind (not even the hook's own write); the others carry theirs.
    expect(titles[3]).toBe('Note 3');
    expect(titles[7]).toBe('Note 7');
    expect(titles[2]).toBe('Note 2 revised (touched)');
    expect(t.api.archive.db.prepare('SELECT count(*) FROM capture').pluck().get()).toBe(18);
  });
});
