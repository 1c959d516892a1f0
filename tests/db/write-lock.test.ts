// A change that reads before it writes waits for another process's write to finish, instead of failing at once
// with "database is locked": every write transaction takes the write lock first (db/util.ts writeTransaction).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../db/contract/types.js';
import { tempArchive, type TempArchive } from '../helpers/archive.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Another process that holds the archive's write lock for about a second: resolves once it holds it, with a
 * promise of its exit code.
 */
async function holdWriteLock(file: string, mark: string): Promise<{ exited: Promise<number | null> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT OR REPLACE INTO archive_meta (key, value) VALUES ('held-by-other', ?)").run(${JSON.stringify(mark)});
    process.stdout.write('holding\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('holding')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
  return { exited };
}

describe('write transactions and another process holding the write lock', () => {
  let t: TempArchive;
  let id: ArticleId;
  beforeAll(async () => {
    t = await tempArchive();
    const r = await t.api.importFile({
      fileName: 'kelp.txt',
      dataBase64: Buffer.from('Kelp forests\n\nKelp grows fast in cold water.\n').toString('base64'),
    });
    id = r.id as ArticleId;
  });
  afterAll(() => t.close());

  // Each reads first (the article exists, the tag's id) and then writes.
  const changes: Array<[string, () => unknown]> = [
    ['tagArticles', () => t.api.tagArticles({ ids: [id], tags: ['sea'] })],
    ['untagArticles', () => t.api.untagArticles({ ids: [id], tags: ['sea'] })],
    ['addToCollection', () => t.api.addToCollection({ ids: [id], collection: 'Reading' })],
    ['markArticles', () => t.api.markArticles({ ids: [id], isRead: true })],
    ['trashArticles', () => t.api.trashArticles({ ids: [id] })],
    ['restoreArticles', () => t.api.restoreArticles({ ids: [id] })],
  ];
  for (const [name, change] of changes) {
    it(`${name} waits for the other writer and succeeds`, async () => {
      const other = await holdWriteLock(t.file, name);
      // Read first, on this connection, as a view does before it changes something.
      expect(t.api.getArticle({ id }).id).toBe(id);
      expect(change).not.toThrow();
      expect(await other.exited).toBe(0);
      // The other process's write landed too.
      expect(t.api.archive.db.prepare("SELECT value FROM archive_meta WHERE key = 'held-by-other'").pluck().get()).toBe(
        name,
      );
    });
  }

  it('the changes are all there', () => {
    const article = t.api.getArticle({ id });
    expect(article.isRead).toBe(true);
    expect(article.trashedAt ?? null).toBeNull();
    expect(t.api.listCollections({})).toEqual([{ name: 'Reading', count: 1 }]);
  });
});
