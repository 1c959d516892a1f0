// Backups made while the archive is written, restores that refuse damaged files and swap in sound ones whole, rotation.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../db/backup/backup.js';
import { checkBackup } from '../../../db/backup/check.js';
import { restoreArchive } from '../../../db/backup/restore.js';
import { autoBackup, backupDue, backupNow, listBackups, setBackupSettings } from '../../../db/backup/rotation.js';
import { createArchiveApi } from '../../../db/api.js';
import { openArchive } from '../../../db/open.js';
import type { ArticleId } from '../../../db/contract/types.js';
import { tempArchive, writeFile, type TempArchive } from '../../helpers/archive.js';
import { inspectArchiveFile } from '../../helpers/archive-state.js';

let t: TempArchive;
afterEach(async () => {
  await t?.close();
});

const note = (i: number): string =>
  `# Tide note ${i}\n\n${'The estuary gauge read high water at dawn and the pilots waited for the ebb. '.repeat(40)} marker${i}\n`;

async function importNotes(dir: string, from: number, count: number): Promise<void> {
  const input = path.join(dir, `notes-${from}`);
  for (let i = from; i < from + count; i++) writeFile(input, `${i}.md`, note(i));
  const report = await t.api.importPaths({ paths: [input] });
  expect(report.failed).toBe(0);
}

describe('backup', () => {
  it('makes a sound, self-contained copy while an import and annotation writes run on the same archive', async () => {
    t = tempArchive();
    await importNotes(t.dir, 0, 20);
    const input = path.join(t.dir, 'more');
    for (let i = 100; i < 700; i++) writeFile(input, `${i}.md`, note(i));
    const importing = t.api.importPaths({ paths: [input] });
    // Annotation writes interleave with the backup's steps too.
    const writer = setInterval(() => {
      t.api.createAnnotation({ articleId: 1 as ArticleId, kind: 'article-note', note: 'written during the backup' });
    }, 2);
    const dest = path.join(t.dir, 'copy.bak');
    const made = await backupDatabase(t.api.archive.db, dest, { pagesPerStep: 4 });
    clearInterval(writer);
    const report = await importing;
    expect(report.imported).toBe(600);
    expect(made.bytes).toBe(fs.statSync(dest).size);
    const copy = inspectArchiveFile(dest);
    expect(copy.integrity).toBe('ok');
    expect(copy.halves).toBe(0);
    expect(copy.articles).toBeGreaterThanOrEqual(20);
    expect(copy.articles).toBeLessThanOrEqual(620);
    expect(copy.journal).toBe('delete'); // one file: no -wal beside it to lose
    expect(fs.existsSync(`${dest}-wal`)).toBe(false);
    expect(fs.readdirSync(t.dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    // It opens as an archive, passes fixity and searches (its index is rebuilt from it).
    const opened = createArchiveApi(openArchive(dest));
    try {
      expect(opened.verify({}).mismatches).toEqual([]);
      expect(opened.search({ query: 'marker5' }).total).toBe(1);
    } finally {
      await opened.dispose();
      opened.archive.close();
    }
  });

  it('refuses to overwrite a folder and names the missing folder', async () => {
    t = tempArchive();
    await expect(backupDatabase(t.api.archive.db, t.dir)).rejects.toThrow(/is a folder/);
    await expect(backupDatabase(t.api.archive.db, path.join(t.dir, 'no', 'such.bak'))).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe('restore', () => {
  it('puts a backup back whole: later articles gone, earlier ones and their annotations back, search rebuilt', async () => {
    t = tempArchive();
    await importNotes(t.dir, 0, 5);
    const kept = t.api.createAnnotation({
      articleId: 2 as ArticleId,
      kind: 'highlight',
      start: 0,
      end: 10,
      color: 'yellow',
    });
    const bak = path.join(t.dir, 'before.bak');
    await backupDatabase(t.api.archive.db, bak);
    await importNotes(t.dir, 50, 3);
    t.api.deleteAnnotation({ id: kept.id });
    expect(t.api.search({ query: 'marker51' }).total).toBe(1);
    await t.api.dispose();
    t.api.archive.close();

    const result = await restoreArchive(t.file, bak);
    expect(result.check.articles).toBe(5);
    expect(result.previous).toMatch(/before-restore\.bak$/);
    expect(inspectArchiveFile(result.previous!).articles).toBe(8); // the archive as it was is kept

    t.api = createArchiveApi(openArchive(t.file));
    expect(t.api.stats({}).articles).toBe(5);
    expect(t.api.search({ query: 'marker51' }).total).toBe(0);
    expect(t.api.search({ query: 'marker3' }).total).toBe(1);
    expect(t.api.listAnnotations({ articleId: 2 as ArticleId }).items.map((a) => a.id)).toEqual([kept.id]);
    // New captures after the restore are indexed (the old index, ahead of the restored archive, was not trusted).
    await importNotes(t.dir, 90, 1);
    expect(t.api.search({ query: 'marker90' }).total).toBe(1);
  });

  it('refuses a damaged, foreign or newer file and leaves the archive untouched', async () => {
    t = tempArchive();
    await importNotes(t.dir, 0, 30);
    const bak = path.join(t.dir, 'good.bak');
    await backupDatabase(t.api.archive.db, bak);
    const archiveBefore = t.api.stats({});

    const flipped = path.join(t.dir, 'flipped.bak');
    const bytes = fs.readFileSync(bak);
    // A byte in every 4 KiB past the header: page headers, cells and text all damaged, as a failing disk does.
    for (let at = 4096 + 100; at < bytes.length; at += 4099) bytes[at] = bytes[at]! ^ 0xff;
    fs.writeFileSync(flipped, bytes);
    const truncated = path.join(t.dir, 'truncated.bak');
    fs.writeFileSync(truncated, fs.readFileSync(bak).subarray(0, Math.floor(bytes.length / 3)));
    const notSqlite = writeFile(t.dir, 'notes.bak', 'just some text, not a database at all\n'.repeat(200));
    const foreign = path.join(t.dir, 'foreign.bak');
    const f = new Database(foreign);
    f.exec('CREATE TABLE x (y)');
    f.close();
    const future = path.join(t.dir, 'future.bak');
    fs.copyFileSync(bak, future);
    const fdb = new Database(future);
    fdb.pragma('user_version = 999');
    fdb.close();

    for (const [file, code, reason] of [
      [flipped, 'CORRUPT', /integrity|SHA-256|malformed|not a database/i],
      [truncated, 'CORRUPT', /integrity|malformed|not a database|disk image/i],
      [notSqlite, 'CORRUPT', /not a database|cannot be opened|not a sound/i],
      [foreign, 'CORRUPT', /not a Stacks archive/],
      [future, 'VERSION_FROM_FUTURE', /newer Stacks/],
      [path.join(t.dir, 'missing.bak'), 'NOT_FOUND', /no backup file/],
    ] as const) {
      const err = await restoreArchive(t.file, file).then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(err, path.basename(file)).not.toBeNull();
      expect(err!.code, path.basename(file)).toBe(code);
      expect(err!.message, path.basename(file)).toMatch(reason);
    }
    expect(t.api.stats({})).toEqual(archiveBefore);
    expect(t.api.verify({}).mismatches).toEqual([]);
    expect(listBackups(t.file)).toEqual([]); // nothing was restored, so nothing was saved aside
  });

  it('checks fixity: a sample by default, every stored item with verify', async () => {
    t = tempArchive();
    await importNotes(t.dir, 0, 40);
    const bak = path.join(t.dir, 'tampered.bak');
    await backupDatabase(t.api.archive.db, bak);
    const db = new Database(bak);
    // One capture's bytes changed, its recorded SHA-256 not: a sound SQLite file with a fixity failure inside.
    db.prepare("UPDATE capture SET original = CAST('tampered' AS BLOB) WHERE id = 7").run();
    db.close();
    expect(() => checkBackup(bak, { all: true })).toThrow(/1 of \d+ checked item\(s\) no longer match/);
    const sampled = checkBackup(bak, { sample: 1 });
    expect(sampled.fixityChecked).toBeLessThanOrEqual(2);
    await expect(restoreArchive(t.file, bak, { verify: true })).rejects.toThrow(/no longer match their SHA-256/);
  });
});

describe('rotating automatic backups', () => {
  it('backs up at most once a day, keeps the newest N, and can be turned off', async () => {
    t = tempArchive();
    await importNotes(t.dir, 0, 3);
    const { db } = t.api.archive;
    const day = (n: number): Date => new Date(Date.UTC(2026, 0, n, 9, 0, 0));
    expect(backupDue(db, t.file, day(1))).toBe(true);
    expect(await autoBackup(db, t.file, { now: day(1) })).not.toBeNull();
    expect(await autoBackup(db, t.file, { now: new Date(day(1).getTime() + 3 * 3600_000) })).toBeNull();
    setBackupSettings(db, { keep: 2 });
    for (const n of [2, 3, 4]) expect(await autoBackup(db, t.file, { now: day(n) })).not.toBeNull();
    const names = listBackups(t.file).map((b) => b.name);
    const base = path.basename(t.file);
    expect(names).toEqual([`${base}.2026-01-04T09-00-00Z.bak`, `${base}.2026-01-03T09-00-00Z.bak`]);
    expect(fs.existsSync(path.join(t.dir, 'backups', names[0]!))).toBe(true);
    // "Back up now" counts as one of the kept backups.
    await backupNow(db, t.file, { now: day(5) });
    expect(listBackups(t.file).map((b) => b.createdAt)).toEqual(['2026-01-05T09:00:00Z', '2026-01-04T09:00:00Z']);
    setBackupSettings(db, { automatic: false });
    expect(await autoBackup(db, t.file, { now: day(9) })).toBeNull();
    // The API the app calls.
    const status = t.api.backupStatus({});
    expect(status).toMatchObject({ automatic: false, keep: 2, folder: path.join(t.dir, 'backups') });
    const made = await t.api.backupNow({});
    expect(made.kind).toBe('automatic');
    expect(t.api.setBackupSettings({ keep: 1 }).keep).toBe(1);
    await t.api.backupNow({});
    expect(listBackups(t.file)).toHaveLength(1);
  });
});
