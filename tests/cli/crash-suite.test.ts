// The crash suite: kill -9 at random points of a bulk import and of annotation writes, then integrity, `verify` and the invariants.
// STACKS_CRASH_KILLS sets the kills per kind (default 3 in `npm test`; `npm run fuzz` runs more), STACKS_CRASH_SEED the seed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/open.js';
import { tempDir, writeFile } from '../helpers/archive.js';
import { runCli, startCli } from '../helpers/cli.js';
import { mulberry32 } from '../../bench/corpus.js';

const KILLS = Number(process.env.STACKS_CRASH_KILLS ?? 3);
const SEED = Number(process.env.STACKS_CRASH_SEED ?? 9);
const ANNOTATE = fileURLToPath(new URL('../fixtures/crash/annotate-loop.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The invariants every archive must hold after a kill, checked on a fresh open (which catches the index up). */
function checkArchive(archive: string): { articles: number } {
  if (!fs.existsSync(archive)) return { articles: 0 };
  const raw = new Database(archive);
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  // Killed before the first migration committed: an empty file is all there is, and the next open creates it.
  const hasSchema = raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'article'").pluck().get() === 1;
  const halves = !hasSchema
    ? 0
    : raw
        .prepare(
          `SELECT count(*) FROM article a WHERE a.current_capture_id IS NULL
       OR NOT EXISTS (SELECT 1 FROM content c WHERE c.capture_id = a.current_capture_id)`,
        )
        .pluck()
        .get();
  expect(halves).toBe(0);
  raw.close();
  const opened = openArchive(archive);
  try {
    const db = opened.db;
    // Every stored article searchable, nothing searchable that is not stored.
    const unindexed = db
      .prepare('SELECT count(*) FROM article a WHERE NOT EXISTS (SELECT 1 FROM article_fts f WHERE f.rowid = a.id)')
      .pluck()
      .get();
    const phantom = db
      .prepare('SELECT count(*) FROM article_fts f WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.id = f.rowid)')
      .pluck()
      .get();
    expect({ unindexed, phantom }).toEqual({ unindexed: 0, phantom: 0 });
    return { articles: db.prepare('SELECT count(*) FROM article').pluck().get() as number };
  } finally {
    opened.close();
  }
}

describe('crash suite', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rand = mulberry32(SEED);

  it(`${KILLS} kill -9 at random points of a bulk import: sound archive, verify passes, search matches storage`, async () => {
    const input = path.join(dir, 'notes');
    for (let i = 0; i < 1500; i++)
      writeFile(
        input,
        `${String(i).padStart(5, '0')}.md`,
        `# Crash note ${i}\n\n${'Godwits over the mudflats at dusk. '.repeat(20)}`,
      );
    const archive = path.join(dir, 'import.sqlite');
    let stored = 0;
    for (let k = 0; k < KILLS; k++) {
      const child = startCli(['--archive', archive, 'import', '--no-progress', input]);
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      await sleep(300 + Math.floor(rand() * 2500));
      child.kill('SIGKILL');
      await exited;
      const { articles } = checkArchive(archive);
      expect(articles).toBeGreaterThanOrEqual(stored);
      stored = articles;
      const verify = runCli(['--archive', archive, 'verify']);
      expect({ code: verify.code, stderr: verify.stderr }).toEqual({ code: 0, stderr: '' });
    }
    const resumed = runCli(['--archive', archive, 'import', '--no-progress', input]);
    expect(resumed.code).toBe(0);
    expect(checkArchive(archive).articles).toBe(1500);
  });

  it(`${KILLS} kill -9 during annotation writes: no acknowledged annotation lost`, async () => {
    const archive = path.join(dir, 'annotations.sqlite');
    writeFile(
      dir,
      'article.txt',
      `Annotated\n\n${'The tide came in over the salt marsh and the godwits lifted. '.repeat(40)}`,
    );
    const imported = runCli(['--archive', archive, 'import', '--json', path.join(dir, 'article.txt')]);
    const articleId = (JSON.parse(imported.stdout.trim()) as { id: number }).id;
    const acknowledged: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const child = spawn(process.execPath, ['--import', 'tsx', ANNOTATE, archive, String(articleId)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // Kill once writing is under way, at a random moment.
      for (let i = 0; i < 600 && !out.includes('\n'); i++) await sleep(25);
      await sleep(Math.floor(rand() * 800));
      child.kill('SIGKILL');
      await exited;
      acknowledged.push(...out.split('\n').filter(Boolean).map(Number));
      checkArchive(archive);
      const db = new Database(archive, { readonly: true });
      const ids = new Set(db.prepare('SELECT id FROM annotation').pluck().all() as number[]);
      const revisions = db.prepare('SELECT count(DISTINCT annotation_id) FROM annotation_revision').pluck().get();
      db.close();
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      expect(revisions).toBe(ids.size);
    }
    expect(acknowledged.length).toBeGreaterThan(0);
  });
});
