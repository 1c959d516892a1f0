// A kill -9 in the middle of a bulk import leaves a sound archive with whole articles only; the next run resumes.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/open.js';
import { searchArchive } from '../../db/search/index.js';
import { tempDir, writeFile } from '../helpers/archive.js';
import { runCli, startCli } from '../helpers/cli.js';

const FILES = 3000;

function committedArticles(file: string): number {
  if (!fs.existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT count(*) FROM article').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created or still migrating
  }
}

describe('kill during import', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('never leaves half an article and picks up where it stopped', async () => {
    const input = path.join(dir, 'notes');
    for (let i = 0; i < FILES; i++) {
      writeFile(
        input,
        `${String(i).padStart(5, '0')}.txt`,
        `Field note ${i}\n\n${'The marsh recorder noted curlews, godwits and a lone osprey over the estuary. '.repeat(30)} #${i}`,
      );
    }
    const archive = path.join(dir, 'killed.sqlite');
    const child = startCli(['--archive', archive, 'import', '--no-progress', input]);
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Wait for the first committed batch, then kill without warning.
    for (let i = 0; i < 2000 && committedArticles(archive) === 0; i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    const before = committedArticles(archive);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(FILES);

    const raw = new Database(archive);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const halves = raw
      .prepare(
        `SELECT count(*) FROM article a WHERE a.current_capture_id IS NULL
      OR NOT EXISTS (SELECT 1 FROM content c WHERE c.capture_id = a.current_capture_id)`,
      )
      .pluck()
      .get();
    expect(halves).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM capture').pluck().get()).toBe(before);
    raw.close();

    // The search index (its own file) may have been killed behind the archive: opening catches it up, so every
    // committed article is searchable, the last one included.
    const reopened = openArchive(archive);
    const unindexed = reopened.db
      .prepare('SELECT count(*) FROM article a WHERE NOT EXISTS (SELECT 1 FROM article_fts f WHERE f.rowid = a.id)')
      .pluck()
      .get();
    expect(unindexed).toBe(0);
    const last = reopened.db.prepare('SELECT title FROM article ORDER BY id DESC LIMIT 1').pluck().get() as string;
    const n = /Field note (\d+)/.exec(last)![1]!;
    expect(searchArchive(reopened.db, { query: `"field note ${n}"` }).total).toBe(1);
    reopened.close();

    const resumed = runCli(['--archive', archive, 'import', '--json', input]);
    expect(resumed.code).toBe(0);
    const outcomes = resumed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string });
    expect(outcomes.filter((o) => o.status === 'imported')).toHaveLength(FILES - before);
    expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(before);
    expect(committedArticles(archive)).toBe(FILES);
  });
});
