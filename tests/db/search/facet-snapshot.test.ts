// The facet columns saved beside the archive: a fresh connection counts its first query from them, exactly as SQL
// would, and a stale or damaged file is never used.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotPath } from '../../../db/search/counts/facet-snapshot.js';
import { immutableName } from '../../../db/sqlite-uri.js';
import { openArchive } from '../../../db/open.js';
import { columnTotals, currentColumns } from '../../../db/search/counts/facet-columns.js';
import { computeTotals } from '../../../db/search/counts/facets.js';
import { compileQuery } from '../../../db/search/query/compile.js';
import { parseQuery } from '../../../db/search/query/parse.js';
import { searchArchive } from '../../../db/search/run.js';
import { searchSource } from '../../../db/search/source.js';
import { addAnnotation, addArticle, tempArchive } from './fixture.js';

const SITES = ['Polar Post', 'Sea Journal', null];

function filled() {
  const archive = tempArchive();
  for (let i = 0; i < 40; i++) {
    const id = addArticle(archive.db, {
      title: `walrus note ${i}`,
      site: SITES[i % 3] ?? undefined,
      publishedAt: i % 4 === 0 ? null : `${2016 + (i % 5)}-03-01`,
      body: i % 2 ? 'walrus on the ice' : 'seal on the shore, walrus nearby',
      tags: i % 3 === 0 ? ['arctic'] : [],
      collections: i % 5 === 0 ? ['Field notes'] : [],
      trashed: i % 13 === 0,
    });
    if (i % 6 === 0) addAnnotation(archive.db, { articleId: id, quote: 'walrus', color: 'yellow' });
  }
  return archive;
}

const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const a of open.splice(0)) a.close();
});

const sqlTotals = (db: Parameters<typeof computeTotals>[0], q: string) =>
  computeTotals(db, searchSource(compileQuery(parseQuery(q))));

describe('saved facet columns', () => {
  it('are written once built, and a new connection counts its very first query from them, as SQL does', () => {
    const archive = filled();
    open.push(archive);
    const file = `${archive.db.name}-facets`;
    searchArchive(archive.db, { query: 'walrus' });
    expect(fs.existsSync(file)).toBe(false); // the first query after a write counts in SQL and builds nothing yet
    searchArchive(archive.db, { query: 'seal' }); // the second at this version builds the columns
    expect(fs.existsSync(file)).toBe(true);
    const path = archive.db.name;
    archive.close();
    open.pop();

    const again = openArchive(path);
    open.push(again);
    expect(currentColumns(again.db)).not.toBeNull(); // in memory from the first call, no build
    for (const q of ['walrus', 'seal', 'ice']) {
      const compiled = compileQuery(parseQuery(q));
      const counted = columnTotals(again.db, compiled.match!);
      expect(counted).toEqual(sqlTotals(again.db, q));
      expect(counted!.facets.site.map((f) => f.value)).toEqual(expect.arrayContaining(['Polar Post', 'Sea Journal']));
      // Highlighted articles are the even ones, which say seal and walrus but not ice.
      expect(counted!.facets.color.map((f) => f.value)).toEqual(q === 'ice' ? [] : ['yellow']);
    }
  });

  it('are not used once the archive changed: a new tag shows in the first count after reopening', () => {
    const archive = filled();
    open.push(archive);
    searchArchive(archive.db, { query: 'walrus' });
    searchArchive(archive.db, { query: 'seal' }); // the second query at this version: built and saved
    const path = archive.db.name;
    archive.db.prepare("INSERT INTO tag (name) VALUES ('tusks')").run();
    archive.db.prepare("INSERT INTO article_tag (article_id, tag_id) SELECT 2, id FROM tag WHERE name = 'tusks'").run();
    archive.close();
    open.pop();

    const again = openArchive(path);
    open.push(again);
    expect(currentColumns(again.db)).toBeNull(); // the saved columns are for the archive before the tag
    const first = searchArchive(again.db, { query: 'walrus' });
    expect(first.facets.tag.map((f) => f.value)).toContain('tusks');
    const second = searchArchive(again.db, { query: 'walrus' }); // now counted in memory, from fresh columns
    expect(second.facets).toEqual(first.facets);
    expect(second.total).toBe(first.total);
  });

  it('ignore a damaged file and count from the archive instead', () => {
    const archive = filled();
    open.push(archive);
    searchArchive(archive.db, { query: 'walrus' });
    searchArchive(archive.db, { query: 'seal' });
    const path = archive.db.name;
    const file = `${path}-facets`;
    const whole = fs.readFileSync(file);
    archive.close();
    open.pop();

    for (const damaged of [whole.subarray(0, whole.length - 40), Buffer.from('not a snapshot at all')]) {
      fs.writeFileSync(file, damaged);
      const again = openArchive(path);
      try {
        expect(currentColumns(again.db)).toBeNull();
        expect(searchArchive(again.db, { query: 'walrus' }).total).toBe(sqlTotals(again.db, 'walrus').total);
      } finally {
        again.close();
      }
    }
  });

  it("are saved by a reader thread's read-only connection to a writable archive, never beside read-only storage", () => {
    const archive = filled();
    const path = archive.db.name;
    archive.close();
    const reader = openArchive(path, { readonly: true }); // how the app's reader threads open it
    open.push(reader);
    searchArchive(reader.db, { query: 'walrus' });
    searchArchive(reader.db, { query: 'seal' });
    expect(fs.existsSync(`${path}-facets`)).toBe(true);
    // An archive on read-only storage is opened through an immutable URI (db/open.ts): no file is named for it.
    const immutable = new Database(immutableName(path), { readonly: true, fileMustExist: true });
    try {
      expect(snapshotPath(immutable)).toBeNull();
    } finally {
      immutable.close();
    }
  });
});
