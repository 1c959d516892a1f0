// An index file rebuilt, replaced or of another schema version: a running server reads the new one, and search agrees with the list.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startArchiveHost } from '../../../db/host/archive-host.js';
import { openArchive } from '../../../db/open.js';
import { INDEX_SCHEMA_VERSION, indexFileOf } from '../../../db/search/index/article-index-file.js';
import { searchArchive } from '../../../db/search/index.js';
import { tempDir, writeFile } from '../../helpers/archive.js';
import { STACKS_BIN } from '../../helpers/cli.js';
import { addArticle } from './fixture.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [STACKS_BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

function notes(dir: string, name: string, count: number, word: string): string {
  const folder = path.join(dir, name);
  for (let i = 0; i < count; i++)
    writeFile(folder, `${name}-${i}.txt`, `${word} note ${i}\n\nThe ${word} were counted at dawn, survey ${i}.\n`);
  return folder;
}

describe('an index file replaced under a running archive', { timeout: 180_000 }, () => {
  it('a server keeps finding what another process indexed into a new index file', async () => {
    const dir = tempDir();
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'shared.stacks.sqlite');
    const host = await startArchiveHost(file, { create: true, readers: 2 });
    cleanup.push(() => host.close());
    await host.importPaths([notes(dir, 'herons', 5, 'herons')]);
    expect((await host.client.search({ query: 'herons' })).total).toBe(5);

    // Another process finds no index file (deleted, as a rebuild elsewhere would) and imports: it builds a new
    // index file holding everything. The server's connections still hold the old one.
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(indexFileOf(file) + suffix, { force: true });
    const run = await cli(['--archive', file, 'import', '--no-progress', notes(dir, 'egrets', 7, 'egrets')]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });

    // Every reader (the host sends reads to the least busy) sees the new file: search agrees with the list.
    const listed = (await host.client.listArticles({ limit: 100 })).total;
    expect(listed).toBe(12);
    const searches = await Promise.all(
      Array.from({ length: 4 }, () => host.client.search({ query: 'egrets OR herons', limit: 50 })),
    );
    for (const s of searches) expect(s.total).toBe(listed);

    // The server's own index writer writes into the new file too.
    const clip = writeFile(dir, 'curlew.txt', 'Curlews\n\nCurlews probed the mud at low tide.\n');
    await host.importPaths([clip]);
    expect((await host.client.search({ query: 'curlews' })).total).toBe(1);
    const index = new Database(indexFileOf(file), { readonly: true });
    try {
      expect(index.prepare("SELECT count(*) FROM article_fts WHERE article_fts MATCH 'curlews'").pluck().get()).toBe(1);
    } finally {
      index.close();
    }
  });

  it('serve and an import creating the archive together: search agrees with the list', async () => {
    const dir = tempDir();
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const input = notes(dir, 'terns', 40, 'terns');
    for (let round = 0; round < 3; round++) {
      const file = path.join(dir, `together-${round}.stacks.sqlite`);
      const [host, run] = await Promise.all([
        startArchiveHost(file, { create: true, readers: 2 }),
        cli(['--archive', file, 'import', '--no-progress', input]),
      ]);
      try {
        expect({ round, code: run.code, stderr: run.stderr }).toEqual({ round, code: 0, stderr: '' });
        const listed = (await host.client.listArticles({ limit: 100 })).total;
        expect(listed).toBe(40);
        for (let i = 0; i < 3; i++) expect((await host.client.search({ query: 'terns' })).total).toBe(listed);
      } finally {
        await host.close();
      }
    }
  });
});

describe('the index schema version', () => {
  const dir = tempDir();
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is recorded in the index file', () => {
    const file = path.join(dir, 'version.sqlite');
    openArchive(file).close();
    const index = new Database(indexFileOf(file), { readonly: true });
    expect(index.pragma('user_version', { simple: true })).toBe(INDEX_SCHEMA_VERSION);
    index.close();
  });

  it('an index of another schema (other columns, another version) is rebuilt, and search finds everything', () => {
    const file = path.join(dir, 'other-schema.sqlite');
    const a = openArchive(file);
    addArticle(a.db, { title: 'Kelp forests', body: 'Sea otters keep urchins from the kelp.' });
    addArticle(a.db, { title: 'Peat bogs', body: 'Sphagnum moss holds water.' });
    a.close();
    // What a future (or past) Stacks would leave: another tokenizer and columns, another version.
    const index = new Database(indexFileOf(file));
    index.exec(`DROP TABLE article_fts;
      CREATE VIRTUAL TABLE article_fts USING fts5(body, tokenize = 'ascii');
      INSERT INTO article_fts (rowid, body) VALUES (1, 'stale words only');`);
    index.pragma(`user_version = ${INDEX_SCHEMA_VERSION + 1}`);
    index.close();

    const b = openArchive(file);
    try {
      expect(searchArchive(b.db, { query: 'urchins' }).hits.map((h) => h.title)).toEqual(['Kelp forests']);
      expect(searchArchive(b.db, { query: 'stale' }).total).toBe(0);
      expect(searchArchive(b.db, { query: 'title:peat' }).total).toBe(1);
    } finally {
      b.close();
    }
    const after = new Database(indexFileOf(file), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(INDEX_SCHEMA_VERSION);
    after.close();
  });

  it('an index written before versions were recorded is read as version 1 and rebuilt to the current schema', () => {
    const file = path.join(dir, 'unversioned.sqlite');
    const a = openArchive(file);
    addArticle(a.db, { title: 'Chalk streams', body: 'Water crowfoot flowers in the clear streams.' });
    a.close();
    const index = new Database(indexFileOf(file));
    index.pragma('user_version = 0');
    // A marker only an index kept as it is would still have (a rebuild reindexes the archive's captures only).
    index
      .prepare("INSERT INTO article_fts (rowid, title, byline, site, body) VALUES (999, 'marker', '', '', 'kept')")
      .run();
    index.close();
    openArchive(file).close();
    const after = new Database(indexFileOf(file), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(INDEX_SCHEMA_VERSION);
    expect(after.prepare("SELECT count(*) FROM article_fts WHERE article_fts MATCH 'kept'").pluck().get()).toBe(0);
    expect(after.prepare("SELECT count(*) FROM article_fts WHERE article_fts MATCH 'crowfoot'").pluck().get()).toBe(1);
    after.close();
  });

  it('a version 2 index (a copy of every text kept in it) is rebuilt without one, and snippets still show', () => {
    const file = path.join(dir, 'version-2.sqlite');
    const a = openArchive(file);
    addArticle(a.db, { title: 'Hedgerows', body: 'Dormice nest in the hazel of old hedgerows.' });
    a.close();
    const index = new Database(indexFileOf(file));
    index.exec(`DROP TABLE article_fts;
      CREATE VIRTUAL TABLE article_fts USING fts5(title, byline, site, body, body_is_text UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '3');
      INSERT INTO article_fts (rowid, title, byline, site, body, body_is_text) VALUES (1, 'Hedgerows', '', '', 'stale copy', 0);`);
    index.pragma('user_version = 2');
    index.close();

    const b = openArchive(file);
    try {
      const hit = searchArchive(b.db, { query: 'hazel' }).hits[0]!;
      expect(hit.snippet).toBe('Dormice nest in the \u27E6hazel\u27E7 of old hedgerows.');
      expect(hit.matchOffset).toBe('Dormice nest in the '.length);
      expect(searchArchive(b.db, { query: 'stale' }).total).toBe(0);
    } finally {
      b.close();
    }
    const after = new Database(indexFileOf(file), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(INDEX_SCHEMA_VERSION);
    const tables = after.prepare("SELECT name FROM sqlite_schema WHERE name LIKE '%_content'").pluck().all();
    expect(tables).toEqual([]);
    after.close();
  });

  it('a file that is not a database is moved aside, not deleted, and the index is rebuilt', () => {
    const file = path.join(dir, 'damaged.sqlite');
    const a = openArchive(file);
    addArticle(a.db, { title: 'Salt marsh', body: 'Godwits fed on the falling tide.' });
    a.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(indexFileOf(file) + suffix, { force: true });
    fs.writeFileSync(indexFileOf(file), 'not a database, just some bytes that happen to be here');
    const b = openArchive(file);
    try {
      expect(searchArchive(b.db, { query: 'godwits' }).total).toBe(1);
    } finally {
      b.close();
    }
    expect(fs.readFileSync(`${indexFileOf(file)}.damaged`, 'utf8')).toContain('not a database');
  });
});
