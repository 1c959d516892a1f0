// Migrations: an old-version file is upgraded with its data kept; a file from a newer Stacks is refused untouched.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchiveError } from '../../../db/contract/errors.js';
import { LATEST_VERSION, schemaVersion, type MigrationStep } from '../../../db/migrations/runner.js';
import { openArchive } from '../../../db/open.js';
import { tempDir } from '../../helpers/archive.js';

/** The schema version a second connection reads from the file now (committed migrations only). */
function committedVersion(f: string): number {
  const db = new Database(f, { readonly: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const file = () => {
    const d = tempDir();
    dirs.push(d);
    return path.join(d, 'a.sqlite');
  };

  it('creates a new archive at the latest version with WAL, foreign keys and FULL sync', () => {
    const f = file();
    const a = openArchive(f);
    expect(a.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(a.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(a.db.pragma('synchronous', { simple: true })).toBe(2);
    const strict = a.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'capture'").pluck().get() as string;
    expect(strict).toMatch(/STRICT/);
    a.close();
  });

  it('upgrades a version-1 archive and keeps its articles', () => {
    const f = file();
    const old = openArchive(f, { targetVersion: 1 });
    expect(old.db.pragma('user_version', { simple: true })).toBe(1);
    old.db
      .prepare("INSERT INTO article (title, added_at) VALUES ('Kept across upgrades', '2024-01-01T00:00:00Z')")
      .run();
    expect(() => old.db.prepare('SELECT is_read FROM article').all()).toThrow();
    old.close();

    const upgraded = openArchive(f);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const row = upgraded.db.prepare('SELECT title, is_read, trashed_at FROM article').get();
    expect(row).toEqual({ title: 'Kept across upgrades', is_read: 0, trashed_at: null });
    expect(upgraded.db.prepare('SELECT count(*) FROM color').pluck().get()).toBeGreaterThan(0);
    upgraded.close();
  });

  it('says which migration an upgrade runs before running it, and says nothing for a new archive', () => {
    const steps: MigrationStep[] = [];
    openArchive(file(), { onUpgrade: (step) => steps.push(step) }).close();
    expect(steps).toEqual([]);

    // an older file with no articles yet (or one another process is creating right now): nothing worth saying
    const empty = file();
    openArchive(empty, { targetVersion: 3 }).close();
    openArchive(empty, { onUpgrade: (step) => steps.push(step) }).close();
    expect(steps).toEqual([]);

    const f = file();
    const old = openArchive(f, { targetVersion: LATEST_VERSION - 2 });
    old.db.prepare("INSERT INTO article (title, added_at) VALUES ('Upgraded', '2024-01-01T00:00:00Z')").run();
    old.close();
    const versions: number[] = [];
    const upgraded = openArchive(f, {
      onUpgrade: (step) => {
        steps.push(step);
        // reported before it runs
        versions.push(committedVersion(f));
      },
    });
    expect(steps.map(({ version, done, total }) => ({ version, done, total }))).toEqual([
      { version: LATEST_VERSION - 1, done: 0, total: 2 },
      { version: LATEST_VERSION, done: 1, total: 2 },
    ]);
    expect(steps.map((s) => s.name)).toEqual(['timeline month counts', 'published-date list index']);
    expect(versions).toEqual([LATEST_VERSION - 2, LATEST_VERSION - 1]);
    expect(upgraded.db.prepare('SELECT title FROM article').pluck().all()).toEqual(['Upgraded']);
    upgraded.close();
    // upgraded once: the next open has nothing to say
    steps.length = 0;
    openArchive(f, { onUpgrade: (step) => steps.push(step) }).close();
    expect(steps).toEqual([]);
  });

  it('refuses an archive written by a newer Stacks and leaves the file byte-for-byte unchanged', () => {
    const f = file();
    const raw = new Database(f);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.exec('CREATE TABLE future_thing (x INTEGER)');
    raw.close();
    const before = fs.readFileSync(f);
    let error: unknown;
    try {
      openArchive(f);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as ArchiveError).code).toBe('VERSION_FROM_FUTURE');
    expect((error as ArchiveError).message).toMatch(/newer version of Stacks/);
    expect(Buffer.compare(fs.readFileSync(f), before)).toBe(0);
  });

  it('refuses a file that is not an archive with a readable error', () => {
    const f = file();
    fs.writeFileSync(f, 'this is not a database, just some text that happens to be long enough '.repeat(20));
    expect(() => openArchive(f)).toThrow(/not a readable Stacks archive|Cannot open/);
  });
});
