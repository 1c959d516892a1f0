// A crash right after a metadata correction or a permanent deletion commits: the next open brings the index in line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveApi } from '../../../db/api.js';
import { openArchive } from '../../../db/open.js';
import { indexFileOf } from '../../../db/search/index/article-index-file.js';
import fs from 'node:fs';
import { openTempArchive } from '../../helpers/archive.js';

const CHILD = fileURLToPath(new URL('../../fixtures/crash/commit-then-die.ts', import.meta.url));

const note = (title: string, words: string) =>
  Buffer.from(`---\ntitle: ${title}\n---\n\n${words} ${'and the tide came in again. '.repeat(12)}`).toString('base64');

/** Runs the child to its kill; returns what it printed (it prints only after the archive committed). */
function commitThenDie(file: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, file, ...args], { encoding: 'utf8' });
  expect(r.signal).toBe('SIGKILL');
  return r.stdout;
}

/** Rows the index file itself holds for a word, read without the archive (so ghosts are seen, not joined away). */
function indexRowsFor(file: string, word: string): number {
  const db = new Database(indexFileOf(file), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM article_fts WHERE article_fts MATCH ?').pluck().get(word) as number;
  } finally {
    db.close();
  }
}

/** Imports the notes into a new archive and closes it; returns its file and the articles' ids. */
async function archiveWith(...notes: Array<[string, string]>): Promise<{ file: string; ids: number[] }> {
  const archive = openTempArchive();
  dirs.push(archive.dir);
  const api = createArchiveApi(archive);
  const ids: number[] = [];
  for (const [title, words] of notes) {
    ids.push((await api.importFile({ fileName: `${words}.md`, dataBase64: note(title, words) })).id!);
  }
  await api.dispose();
  archive.close();
  return { file: archive.file, ids };
}

const dirs: string[] = [];

describe('index requeue', () => {
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a title corrected just before a crash is what search finds after the next open', async () => {
    const { file, ids } = await archiveWith(['Harbour tides', 'saltmarsh']);
    expect(commitThenDie(file, 'edit', String(ids[0]), 'Quayside currents')).toBe('committed\n');
    // The archive holds the new title; the index file still has the old one (the crash came first).
    expect(indexRowsFor(file, 'quayside')).toBe(0);
    expect(indexRowsFor(file, 'harbour')).toBe(1);

    const archive = openArchive(file);
    const api = createArchiveApi(archive);
    try {
      expect(api.search({ query: 'title:quayside' }).hits.map((h) => h.title)).toEqual(['Quayside currents']);
      expect(api.search({ query: 'title:harbour' }).total).toBe(0);
    } finally {
      await api.dispose();
      archive.close();
    }
    expect(indexRowsFor(file, 'harbour')).toBe(0);
  });

  it('an article deleted permanently just before a crash leaves no rows in the index after the next open', async () => {
    const { file, ids } = await archiveWith(['Estuary survey', 'mudflat'], ['Estuary birds', 'curlew']);
    expect(commitThenDie(file, 'purge', String(ids[0]))).toBe('committed\n');
    expect(indexRowsFor(file, 'mudflat')).toBe(1);

    const archive = openArchive(file);
    const api = createArchiveApi(archive);
    try {
      expect(api.search({ query: 'estuary' }).total).toBe(1);
      expect(api.search({ query: 'mudflat' }).total).toBe(0);
    } finally {
      await api.dispose();
      archive.close();
    }
    expect(indexRowsFor(file, 'mudflat')).toBe(0);
    expect(indexRowsFor(file, 'curlew')).toBe(1);
  });
});
